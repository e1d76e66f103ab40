// The portfolio site generator: the selection rule (never a confidential item), escaping, safe and unique
// paths, feeds that parse back (feedsmith), the sitemap only with a base URL, JSON-LD per talk.
import fc from 'fast-check'
import { parseFeed } from 'feedsmith'
import { describe, expect, it } from 'vitest'
import { isSafeContentPath } from '../../../src/core/archive/paths'
import { buildPortfolio, buildPortfolioSite, normalizeBaseUrl, PAGE_SIZES, portfolioImageIds, relativeHref, SITE_CSP } from '../../../src/core/portfolio'
import { itemUrn } from '../../../src/core/portfolio/paths'
import { CONFIDENTIAL_TITLES, fixtureInput, link, post, PROFILE, talk } from '../../support/portfolioFixture'

const text = (files: { path: string; data: string | Uint8Array }[], path: string): string => {
  const file = files.find((f) => f.path === path)
  if (!file) throw new Error(`no ${path} in ${files.map((f) => f.path).join(', ')}`)
  return typeof file.data === 'string' ? file.data : new TextDecoder().decode(file.data)
}
const allText = (files: { path: string; data: string | Uint8Array }[]): string =>
  files.filter((f) => typeof f.data === 'string').map((f) => f.data as string).join('\n')

describe('portfolio site: selection', () => {
  it('shows published posts, given talks, links and chosen items; never drafts, notes, the Trash or an exclusion', () => {
    const { files, summary } = buildPortfolioSite(fixtureInput())
    const all = allText(files)
    expect(summary).toMatchObject({ posts: 3, talks: 1, links: 2, affiliations: 2 })
    for (const shown of ['Offline first, &lt;really&gt;', 'Offline first again', 'A draft I chose to show', 'Sync without servers', 'Local-first software', 'CRDT primer']) {
      expect(all).toContain(shown)
    }
    for (const hidden of ['>A draft<', 'Published but hidden', 'In the Trash', 'Proposed talk', 'Private note']) expect(all).not.toContain(hidden)
  })

  it('never includes a confidential item, by its own label or its affiliation default, even when chosen', () => {
    const all = allText(buildPortfolioSite(fixtureInput(), { print: true }).files)
    for (const title of CONFIDENTIAL_TITLES) expect(all).not.toContain(title)
  })

  it('holds for any mix of labels, choices and dates (property)', () => {
    const arbitraryItem = fc.record({
      kind: fc.constantFrom('post', 'talk', 'link'),
      label: fc.constantFrom(undefined, 'personal', 'employer-public', 'employer-confidential'),
      portfolio: fc.constantFrom(undefined, 'include', 'exclude'),
      year: fc.constantFrom(2022, 2023, 2024),
    })
    fc.assert(
      fc.property(fc.array(arbitraryItem, { maxLength: 25 }), (specs) => {
        const items = specs.map((s, i) => {
          const id = `item-${i}`
          const createdAt = Date.UTC(s.year, 6, 1)
          const fields = { label: s.label as never, portfolio: s.portfolio as never, createdAt, savedAt: createdAt }
          const title = `T${i}${s.label === 'employer-confidential' || (s.label === undefined && s.year === 2023) ? 'SECRET' : 'OK'}Z`
          if (s.kind === 'post') return post(id, title, fields)
          if (s.kind === 'talk') return talk(id, title, { ...fields, date: `${s.year}-07-01` })
          return link(id, title, fields)
        })
        const all = allText(buildPortfolioSite(fixtureInput({ items }), { print: true }).files)
        expect(all).not.toMatch(/T\d+SECRETZ/)
      }),
      { numRuns: 60 },
    )
  })

  it('asks only for the images of what it shows', () => {
    const ids = portfolioImageIds(fixtureInput())
    expect(ids.sort()).toEqual(['img-1', 'logo-globex', 'photo'])
  })
})

describe('portfolio site: pages', () => {
  it('escapes every text and keeps only http(s) and mailto links', () => {
    const hostile = post('01HZZZZZZZZZZZZZZZZZZZZZ99', '<script>alert(1)</script>', { excerpt: '"><img src=x onerror=alert(1)>', tags: ['<b>'] })
    const { files } = buildPortfolioSite(fixtureInput({ items: [hostile], profile: { ...PROFILE, name: 'A <b>bold</b> & "name"' } }))
    const all = allText(files.filter((f) => f.path.endsWith('.html')))
    expect(all).not.toMatch(/<script>alert|<img src=x|<b>/)
    expect(all).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(all).toContain('A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;name&quot;')
    expect(all).not.toContain('javascript:')
    expect(text(files, 'index.html')).toContain('href="mailto:camille@example.com"')
  })

  it('gives each page a language, the strict CSP, the stylesheet by a relative link and index.html links', () => {
    const { files } = buildPortfolioSite(fixtureInput())
    for (const file of files.filter((f) => f.path.endsWith('.html'))) {
      const html = text(files, file.path)
      expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/)
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${SITE_CSP.replace(/'/g, '&#39;')}">`)
      expect(html).toContain(`href="${relativeHref(file.path, 'style.css')}"`)
      // Nothing absolute inside the site: no leading '/', no folder link without its index.html.
      expect(html).not.toMatch(/(?:href|src)="\//)
      expect(html).not.toMatch(/href="[^":#]*\/"/)
    }
    expect(SITE_CSP).toBe("default-src 'none'; img-src 'self'; style-src 'self'; base-uri 'none'; form-action 'none'")
  })

  it('writes French when the site is in French', () => {
    const { files } = buildPortfolioSite(fixtureInput({ profile: { ...PROFILE, language: 'fr' } }))
    const home = text(files, 'index.html')
    expect(home).toContain('<html lang="fr">')
    expect(home).toContain('Derniers articles')
    expect(text(files, 'talks/index.html')).toContain('2 mai 2024')
  })

  it('gives unique, safe folders: the older post keeps its slug, a reserved name gets a number', () => {
    const { files } = buildPortfolioSite(fixtureInput())
    const paths = files.map((f) => f.path)
    expect(new Set(paths.map((p) => p.toLowerCase())).size).toBe(paths.length)
    for (const path of paths) expect(isSafeContentPath(path), path).toBe(true)
    // "Offline first, <really>" is older than "Offline first again": it keeps offline-first/ (and its image).
    expect(text(files, 'posts/offline-first/index.html')).toContain('Offline first, &lt;really&gt;')
    expect(paths).toContain('posts/offline-first/diagram-1.png')
    expect(text(files, 'posts/offline-first/index.html')).toContain('<img src="diagram-1.png" alt="A diagram"')
    expect(paths).toContain('posts/offline-first-2/index.html')
    expect(paths).toContain('posts/con-2/index.html')
  })

  it('paginates long lists and links every page', () => {
    const links = Array.from({ length: PAGE_SIZES.reading * 2 + 5 }, (_, i) => link(`l-${i}`, `Link ${i}`, { savedAt: Date.UTC(2024, 0, 1) + i * 1000 }))
    const { files } = buildPortfolioSite(fixtureInput({ items: links }))
    const paths = files.map((f) => f.path)
    expect(paths).toEqual(expect.arrayContaining(['reading/index.html', 'reading/page-2.html', 'reading/page-3.html']))
    expect(paths).not.toContain('reading/page-4.html')
    expect(text(files, 'reading/page-2.html')).toContain('href="page-3.html"')
    expect(text(files, 'reading/page-3.html')).toContain('Link 0')
  })

  it('describes each talk as a schema.org Event in JSON-LD that no text can break out of', () => {
    const t = talk('01HZZZZZZZZZZZZZZZZZZZZZ98', 'Talk </script><script>alert(1)</script>', { slidesUrl: 'https://slides.example/a' })
    const { files } = buildPortfolioSite(fixtureInput({ items: [t] }))
    const html = text(files, 'talks/index.html')
    const blocks = [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!))
    expect(blocks).toHaveLength(1)
    expect(blocks[0]).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: 'Talk </script><script>alert(1)</script>',
      startDate: '2024-05-02',
      location: { '@type': 'Place', name: 'Lyon, France' },
      superEvent: { '@type': 'Event', name: 'DevConf' },
      performer: { '@type': 'Person', name: 'Camille Durand' },
    })
    expect(html).not.toContain('<script>alert(1)')
  })

  it('counts the files it yields', () => {
    const build = buildPortfolio(fixtureInput({ profile: { ...PROFILE, baseUrl: 'https://camille.example' } }), { print: true })
    expect([...build.files()]).toHaveLength(build.total)
  })
})

describe('portfolio site: feeds and sitemap', () => {
  it('writes RSS, Atom and JSON Feed that parse back, with absolute links when there is a base URL', () => {
    const { files } = buildPortfolioSite(fixtureInput({ profile: { ...PROFILE, baseUrl: 'https://camille.example/site' } }))
    const rss = parseFeed(text(files, 'feed.xml'))
    const atom = parseFeed(text(files, 'atom.xml'))
    const json = parseFeed(JSON.parse(text(files, 'feed.json')))
    expect([rss.format, atom.format, json.format]).toEqual(['rss', 'atom', 'json'])
    if (rss.format !== 'rss' || atom.format !== 'atom' || json.format !== 'json') throw new Error('unreachable')
    expect(rss.feed.link).toBe('https://camille.example/site/')
    expect(rss.feed.items?.map((i) => i.title)).toEqual(['Sync without servers', 'Offline first again', 'Offline first, <really>', 'A draft I chose to show'])
    expect(rss.feed.items?.[2]?.link).toBe('https://camille.example/site/posts/offline-first/')
    expect(rss.feed.items?.[2]?.content?.encoded).toContain('<img src="https://camille.example/site/posts/offline-first/diagram-1.png"')
    expect(atom.feed.id).toBe('https://camille.example/site/')
    expect(atom.feed.entries?.[1]?.id).toBe('https://camille.example/site/posts/offline-first-2/')
    expect(json.feed.feed_url).toBe('https://camille.example/site/feed.json')
    expect(json.feed.items?.[2]?.url).toBe('https://camille.example/site/posts/offline-first/')
    const map = text(files, 'sitemap.xml')
    expect(map).toContain('<loc>https://camille.example/site/</loc>')
    expect(map).toContain('<loc>https://camille.example/site/posts/offline-first/</loc>')
    expect(map).toContain('<loc>https://camille.example/site/reading/</loc>')
  })

  it('without a base URL: relative links, urn:uuid ids, no sitemap, and the feeds still parse', () => {
    const { files, summary } = buildPortfolioSite(fixtureInput())
    expect(summary.absoluteUrls).toBe(false)
    expect(files.map((f) => f.path)).not.toContain('sitemap.xml')
    const atom = parseFeed(text(files, 'atom.xml'))
    const json = parseFeed(JSON.parse(text(files, 'feed.json')))
    if (atom.format !== 'atom' || json.format !== 'json') throw new Error('wrong formats')
    expect(atom.feed.id).toBe(`urn:uuid:${PROFILE.siteId}`)
    expect(atom.feed.entries?.every((e) => /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(e.id ?? ''))).toBe(true)
    expect(json.feed.items?.every((i) => i.url === undefined)).toBe(true)
  })

  it('keeps feeds to the newest entries', () => {
    const posts = Array.from({ length: 80 }, (_, i) => post(`p-${i}`, `Post ${i}`, { createdAt: Date.UTC(2024, 0, 1) + i * 86_400_000 }))
    const rss = parseFeed(text(buildPortfolioSite(fixtureInput({ items: posts })).files, 'feed.xml'))
    if (rss.format !== 'rss') throw new Error('not rss')
    expect(rss.feed.items).toHaveLength(50)
    expect(rss.feed.items?.[0]?.title).toBe('Post 79')
  })
})

describe('portfolio paths', () => {
  it('normalises base URLs and refuses anything but http(s) addresses', () => {
    expect(normalizeBaseUrl('https://a.example/blog')).toBe('https://a.example/blog/')
    expect(normalizeBaseUrl(' http://a.example ')).toBe('http://a.example/')
    for (const bad of ['', 'ftp://a.example', 'javascript:alert(1)', 'a.example', 'https://a.example/?q=1']) expect(normalizeBaseUrl(bad)).toBeNull()
  })

  it('turns an item id into a stable urn:uuid', () => {
    expect(itemUrn('01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBe(itemUrn('01arz3ndektsv4rrffq69g5fav'))
    expect(itemUrn('01ARZ3NDEKTSV4RRFFQ69G5FAV')).toMatch(/^urn:uuid:01563e3a-b5d3-d676-4c61-efb99302bd5b$/)
    expect(itemUrn('not-a-ulid')).toBe(itemUrn('not-a-ulid'))
    expect(itemUrn('not-a-ulid')).not.toBe(itemUrn('not-a-ulid2'))
  })
})
