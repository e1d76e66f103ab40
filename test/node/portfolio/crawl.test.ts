// The generated site written to a folder and crawled from index.html: every page reachable, every relative
// href and src names a file that exists, every #anchor names an element of its page, and nothing points
// outside the site except links (<a>) to http(s)/mailto addresses.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { Parser } from 'htmlparser2'
import { afterEach, describe, expect, it } from 'vitest'
import { buildPortfolioSite } from '../../../src/core/portfolio'
import { docWithImage, fixtureInput, link, post, PROFILE, talk } from '../../support/portfolioFixture'

let root = ''
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true })
})

function writeSite(files: { path: string; data: string | Uint8Array }[]): string {
  root = mkdtempSync(join(tmpdir(), 'baluchon-portfolio-'))
  for (const file of files) {
    const path = join(root, ...file.path.split('/'))
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, file.data)
  }
  return root
}

interface CrawlResult {
  visited: Set<string>
  broken: string[]
  external: string[]
}

interface Element {
  tag: string
  attrs: Record<string, string>
}

/** Every element's tag and attributes (htmlparser2, as the HTML importer uses). */
function elements(file: string): Element[] {
  const found: Element[] = []
  const parser = new Parser({ onopentag: (tag, attrs) => found.push({ tag, attrs }) }, { decodeEntities: true, lowerCaseTags: true })
  parser.write(readFileSync(file, 'utf8'))
  parser.end()
  return found
}

/** Follows every link between pages from index.html, checking each reference on the way. */
function crawl(site: string): CrawlResult {
  const visited = new Set<string>()
  const broken: string[] = []
  const external: string[] = []
  const ids = new Map<string, Set<string>>()
  const idsOf = (file: string): Set<string> => {
    let found = ids.get(file)
    if (!found) {
      found = new Set(elements(file).flatMap((el) => (el.attrs.id ? [el.attrs.id] : [])))
      ids.set(file, found)
    }
    return found
  }
  const queue = [join(site, 'index.html')]
  while (queue.length) {
    const file = queue.pop()!
    if (visited.has(file)) continue
    visited.add(file)
    const refs: { attr: string; value: string; tag: string; rel: string | null }[] = []
    for (const el of elements(file)) {
      for (const attr of ['href', 'src']) {
        const value = el.attrs[attr]
        if (value !== undefined) refs.push({ attr, value, tag: el.tag, rel: el.attrs.rel ?? null })
      }
    }
    for (const { value, tag, attr, rel } of refs) {
      const from = relative(site, file)
      if (/^(https?:|mailto:)/i.test(value)) {
        // Only a link the visitor follows may leave the site: nothing is ever loaded from elsewhere.
        // <link rel="canonical"> names the page's public address; browsers never fetch it.
        if (tag !== 'a' && !(tag === 'link' && rel === 'canonical')) broken.push(`${from}: <${tag} ${attr}="${value}"> loads from outside`)
        external.push(value)
        continue
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('/')) {
        broken.push(`${from}: ${value} is not a relative link`)
        continue
      }
      const [pathPart, anchor] = value.split('#') as [string, string | undefined]
      const target = pathPart ? resolve(dirname(file), decodeURIComponent(pathPart)) : file
      if (!target.startsWith(site)) broken.push(`${from}: ${value} leaves the site`)
      else if (!existsSync(target)) broken.push(`${from}: ${value} does not exist`)
      else if (anchor && target.endsWith('.html') && !idsOf(target).has(anchor)) broken.push(`${from}: ${value} has no #${anchor}`)
      else if (tag === 'a' && target.endsWith('.html')) queue.push(target)
    }
  }
  return { visited, broken, external }
}

describe('portfolio site on disk', () => {
  it('has no broken internal link and every page is reachable from the home page', () => {
    const { files } = buildPortfolioSite(fixtureInput())
    const site = writeSite(files)
    const { visited, broken, external } = crawl(site)
    expect(broken).toEqual([])
    const pages = files.filter((f) => f.path.endsWith('.html')).map((f) => join(site, ...f.path.split('/')))
    expect([...visited].sort()).toEqual(pages.sort())
    expect(external).toEqual(expect.arrayContaining(['https://slides.example/sync', 'https://www.inkandswitch.com/local-first/', 'mailto:camille@example.com']))
  })

  it('stays whole at scale: paginated lists, many posts with images, French', () => {
    const items = [
      ...Array.from({ length: 120 }, (_, i) =>
        post(`post-${i}`, i % 10 === 0 ? 'Same title' : `Post number ${i}`, {
          createdAt: Date.UTC(2024, 0, 1) + i * 3_600_000,
          ...(i % 4 === 0 ? { body: docWithImage(`Post ${i}`, 'img-1', 'A picture') } : {}),
        }),
      ),
      ...Array.from({ length: 60 }, (_, i) => talk(`talk-${i}`, `Talk ${i % 7}`, { date: `2024-0${(i % 9) + 1}-1${i % 10}` })),
      ...Array.from({ length: 260 }, (_, i) => link(`link-${i}`, i % 3 ? `Link ${i}` : 'Untitled page', { savedAt: Date.UTC(2024, 0, 1) + i * 60_000 })),
    ]
    const { files, summary } = buildPortfolioSite(fixtureInput({ items, profile: { ...PROFILE, language: 'fr', baseUrl: 'https://camille.example/' } }))
    expect(summary).toMatchObject({ posts: 120, talks: 60, links: 260, missingImages: 0 })
    expect(files.filter((f) => /^posts\/[^/]+\/diagram-1\.png$/.test(f.path))).toHaveLength(30)
    const site = writeSite(files)
    const { visited, broken } = crawl(site)
    expect(broken).toEqual([])
    expect(visited.size).toBe(files.filter((f) => f.path.endsWith('.html')).length)
    expect(existsSync(join(site, 'reading', 'page-3.html'))).toBe(true)
    expect(existsSync(join(site, 'sitemap.xml'))).toBe(true)
  })
})
