// How long a big, realistic WordPress export takes: the default size cap (64 MB) is chosen so the largest
// accepted file parses in about 2 s on the reference machine; the budget here leaves room for a loaded CI.
import { expect, test } from 'vitest'
import { parseWxr, WXR_DEFAULT_MAX_BYTES } from '../../../src/core/import/wxr'
import { repeated, timed, utf8 } from './support'

const NS =
  'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" ' +
  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/"'

/** A WordPress-shaped export of about `bytes`, every post different (ids, titles, dates, comments). */
function bigExport(bytes: number): { data: Uint8Array; posts: number } {
  const paragraph = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore &amp; dolore.'
  const parts: string[] = [`<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" ${NS}>\n<channel>\n<title>Big blog</title>\n<wp:wxr_version>1.2</wp:wxr_version>\n<wp:base_site_url>https://big.example.org</wp:base_site_url>\n`]
  let size = parts[0]!.length
  let posts = 0
  while (size < bytes) {
    posts++
    const day = String((posts % 28) + 1).padStart(2, '0')
    const body = Array.from({ length: 6 }, (_, i) => `${paragraph} (${posts}.${i}) <a href="https://example.org/${posts}/${i}">link</a>`).join('\n\n')
    const chunk = `\t<item>
\t\t<title><![CDATA[Post number ${posts} – l’été]]></title>
\t\t<link>https://big.example.org/${posts}/</link>
\t\t<pubDate>Tue, ${day} Jan 2019 07:40:14 +0000</pubDate>
\t\t<dc:creator><![CDATA[admin]]></dc:creator>
\t\t<guid isPermaLink="false">https://big.example.org/?p=${posts}</guid>
\t\t<content:encoded><![CDATA[${body}\n\n<img src="/wp-content/uploads/${posts}.jpg" alt="">]]></content:encoded>
\t\t<excerpt:encoded><![CDATA[]]></excerpt:encoded>
\t\t<wp:post_id>${posts}</wp:post_id>
\t\t<wp:post_date><![CDATA[2019-01-${day} 08:40:14]]></wp:post_date>
\t\t<wp:post_date_gmt><![CDATA[2019-01-${day} 07:40:14]]></wp:post_date_gmt>
\t\t<wp:post_name><![CDATA[post-number-${posts}]]></wp:post_name>
\t\t<wp:status><![CDATA[publish]]></wp:status>
\t\t<wp:post_type><![CDATA[post]]></wp:post_type>
\t\t<category domain="category" nicename="cat-${posts % 20}"><![CDATA[Category ${posts % 20}]]></category>
\t\t<category domain="post_tag" nicename="tag-${posts % 50}"><![CDATA[Tag ${posts % 50}]]></category>
\t\t<wp:postmeta>\n\t\t\t<wp:meta_key><![CDATA[_edit_last]]></wp:meta_key>\n\t\t\t<wp:meta_value><![CDATA[1]]></wp:meta_value>\n\t\t</wp:postmeta>
\t\t<wp:comment>\n\t\t\t<wp:comment_id>${posts}</wp:comment_id>\n\t\t\t<wp:comment_content><![CDATA[Nice post number ${posts}!]]></wp:comment_content>\n\t\t</wp:comment>
\t</item>\n`
    parts.push(chunk)
    size += chunk.length
  }
  parts.push('</channel>\n</rss>\n')
  return { data: utf8(parts.join('')), posts }
}

test('a 60 MB export (about 28,000 posts) parses within budget and completely', () => {
  const { data, posts } = bigExport(60 * 1024 * 1024)
  expect(data.byteLength).toBeLessThan(WXR_DEFAULT_MAX_BYTES)
  const { value: result, ms, wallMs } = timed(() => parseWxr(data))
  console.log(`wxr: ${(data.byteLength / 1024 / 1024).toFixed(1)} MB, ${posts} posts parsed in ${Math.round(ms)} ms CPU (${Math.round(wallMs)} ms wall)`)
  expect(result.drafts).toHaveLength(posts)
  expect(result.summary.commentsSkipped).toBe(posts)
  expect(result.drafts[posts - 1]!.media).toEqual([{ ref: `https://big.example.org/wp-content/uploads/${posts}.jpg` }])
  expect(ms).toBeLessThan(8_000)
}, 60_000)

test('memory stays bounded while hostile 60 MB files are read: sampled at every progress report', () => {
  const MB = 1024 * 1024
  const head = `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" ${NS}>\n<channel>\n<wp:wxr_version>1.2</wp:wxr_version>\n`
  const cases = [
    repeated(head + '<item><title>', '&#65;', '</title></item></channel></rss>', 60 * MB),
    repeated(head, 'x', '</channel></rss>', 60 * MB),
    repeated(head, '<a/>', '</channel></rss>', 60 * MB),
  ]
  for (const data of cases) {
    const before = process.memoryUsage().heapUsed
    let peak = 0
    const sample = (): void => {
      peak = Math.max(peak, process.memoryUsage().heapUsed - before)
    }
    try {
      parseWxr(data, { onProgress: sample })
    } catch {
      // Refusals are fine here; what matters is the memory used on the way.
    }
    sample()
    // The input itself lives outside the JS heap; what the parser holds must stay well under its size
    // plus one text node of it (the 60 MB of bare text is one XML text node).
    expect(peak / MB).toBeLessThan(100)
  }
}, 60_000)
