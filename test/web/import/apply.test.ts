// @vitest-environment jsdom
// Drafts to items to the database, on the real files the importers are tested with: documents through the
// editor's schema, fields and dates kept, no duplicates on a second import, all or nothing.
import { Blob as NodeBlob } from 'node:buffer'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RichNode } from '../../../src/core/doc'
import { parseBookmarks, parseMarkdownFolder, parsePocketCsv, parseRaindropCsv, parseWxr, type ImportDraft } from '../../../src/core/import'
import type { Item } from '../../../src/core/items'
import { BaluchonDb } from '../../../src/db'
import { initI18n } from '../../../src/i18n'
import { applyImport, type PreparedMedia } from '../../../src/features/import/apply'
import { draftToItem, htmlToDoc, markdownBodyToDoc } from '../../../src/features/import/convert'
import { planImport } from '../../../src/features/import/plan'
import { createItem } from '../../../src/features/items/repository'

// jsdom gives import.meta.url an http: address: resolve from the project root (where Vitest runs).
const FIXTURES = join(process.cwd(), 'test/fixtures/import/')
const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(FIXTURES + path))

let db: BaluchonDb
let n = 0
beforeAll(async () => {
  globalThis.Blob = NodeBlob as unknown as typeof Blob
  await initI18n('en')
})
beforeEach(() => {
  db = new BaluchonDb(`import-apply-${n++}-${Date.now()}`)
})

const types = (node: RichNode): string[] => [node.type, ...(node.content ?? []).flatMap(types)]
const marks = (node: RichNode): string[] => [...(node.marks ?? []).map((m) => String(m.attrs?.href ?? m.type)), ...(node.content ?? []).flatMap(marks)]
const all = async (): Promise<Item[]> => db.items.toArray()

async function importDrafts(drafts: ImportDraft[], media?: Map<string, PreparedMedia>) {
  const plan = await planImport(db, drafts)
  return { plan, report: await applyImport(db, plan, { media, now: Date.UTC(2026, 0, 1) }) }
}

describe('HTML bodies', () => {
  it('keep only what the editor can hold: scripts, handlers and javascript: links go', () => {
    const doc = htmlToDoc('<h2 onclick="x()">Title</h2><p>Hi <strong>there</strong> <a href="javascript:alert(1)">bad</a> <a href="https://ok.example/">good</a></p><script>alert(1)</script><iframe src="https://x"></iframe>')
    expect(types(doc).filter((t) => t !== 'text')).toEqual(['doc', 'heading', 'paragraph'])
    expect(JSON.stringify(doc)).toContain('"bold"')
    expect(JSON.stringify(doc)).not.toMatch(/javascript|script|onclick|iframe/)
    expect(marks(doc)).toContain('https://ok.example/')
  })

  it('point downloaded images at their attachments and turn the others into links', () => {
    const html = '<p>a</p><img src="https://blog.example/a.png" srcset="https://blog.example/a-300.png 300w" alt="A"><img src="https://blog.example/b.png" alt="B">'
    const doc = htmlToDoc(html, new Map([['https://blog.example/a.png', 'ATT1']]))
    const image = JSON.stringify(doc)
    expect(image).toContain('"src":"attachment:ATT1"')
    expect(image).not.toContain('a-300.png')
    expect(marks(doc)).toContain('https://blog.example/b.png')
  })

  it('relative images and links resolve against the post address; a stored image is found as written or normalised', () => {
    const html = '<p><a href="/about/">About</a></p><img src="/wp-content/uploads/a b.png" alt="A"><img src="/wp-content/uploads/c.png" alt="C">'
    const doc = htmlToDoc(html, new Map([['https://blog.example/wp-content/uploads/a%20b.png', 'ATT3']]), 'https://blog.example/2024/01/post/')
    const json = JSON.stringify(doc)
    expect(json).toContain('"src":"attachment:ATT3"')
    expect(marks(doc)).toEqual(expect.arrayContaining(['https://blog.example/about/', 'https://blog.example/wp-content/uploads/c.png']))
  })

  it('an empty body is an empty document', () => {
    expect(htmlToDoc('  ')).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] })
  })
})

describe('Markdown bodies', () => {
  it('wikilinks stay written as wikilinks, folder images point at attachments', () => {
    const doc = markdownBodyToDoc('See [Other note](wikilink:Other%20note) and [x](wikilink:Target).\n\n![alt](images/p.png)\n\n![web](https://x.example/i.png)', new Map([['images/p.png', 'ATT2']]))
    const json = JSON.stringify(doc)
    expect(json).toContain('[[Other note]]')
    expect(json).toContain('[[Target|x]]')
    expect(json).not.toContain('wikilink:')
    expect(json).toContain('attachment:ATT2')
    expect(marks(doc)).toContain('https://x.example/i.png')
  })

  it('escaped names are decoded to find their files, and a malformed escape is read as written, never an error', () => {
    const links = { notePath: 'notes/Here.md', wikilinks: [], ids: new Map([['notes/50% off.md', 'N1'], ['notes/bad%zz.md', 'N2']]) }
    const doc = markdownBodyToDoc(
      '![a](images/a%20b.png) ![c](images/100%zz.png)\n\n[sale](50%25%20off.md) [odd](bad%zz.md)',
      new Map([['images/a b.png', 'ATT1'], ['images/100%zz.png', 'ATT2']]),
      links,
    )
    const json = JSON.stringify(doc)
    expect(json).toContain('attachment:ATT1')
    expect(json).toContain('attachment:ATT2')
    expect(marks(doc)).toEqual(['item:N1', 'item:N2'])
  })
})

describe('WordPress export', () => {
  it('posts become posts with content, tags, dates, slug, status; the author is kept in meta', async () => {
    const parsed = parseWxr(fixture('wxr/valid-wxr-1.1.xml'))
    const { report } = await importDrafts(parsed.drafts)
    const items = await all()
    expect(items.length).toBe(parsed.drafts.length)
    expect(report.added.post).toBe(parsed.drafts.length)
    const hello = items.find((i) => i.title === 'Hello world!')
    expect(hello).toBeDefined()
    const draft = parsed.drafts.find((d) => d.title === 'Hello world!')!
    expect(hello!.createdAt).toBe(draft.createdAt)
    expect(hello!.updatedAt).toBe(Math.max(draft.updatedAt ?? 0, draft.createdAt!))
    expect(hello!.importKey).toBe(draft.sourceKey)
    expect(hello!.bodyText).toContain('Welcome to WordPress')
    expect(hello!.kind === 'post' && hello!.slug).toBe('hello-world')
    expect(hello!.status).toBe('published')
    expect(hello!.meta?.author).toBe(draft.extra.author)
    expect(hello!.meta?.author).toBeTruthy()
    const tagged = items.find((i) => i.tags.length > 0)
    expect(tagged).toBeDefined()
  })

  it('importing the same file twice adds nothing; a newer source updates and keeps the old text as a revision', async () => {
    const parsed = parseWxr(fixture('wxr/valid-wxr-1.1.xml'))
    await importDrafts(parsed.drafts)
    const before = await all()
    const second = await importDrafts(parseWxr(fixture('wxr/valid-wxr-1.1.xml')).drafts)
    expect(second.plan.entries.every((e) => e.action === 'unchanged')).toBe(true)
    expect(second.report.added).toEqual({ post: 0, talk: 0, link: 0, note: 0 })
    expect(second.report.unchanged).toBe(before.length)
    expect(await all()).toEqual(before)

    const changed = parseWxr(fixture('wxr/valid-wxr-1.1.xml')).drafts.map((d) =>
      d.title === 'Hello world!' ? { ...d, updatedAt: Date.UTC(2030, 0, 1), body: { format: 'html' as const, source: '<p>Rewritten on the blog</p>' } } : d,
    )
    const third = await importDrafts(changed)
    expect(third.report.updated).toBe(1)
    const hello = (await all()).find((i) => i.title === 'Hello world!')!
    expect(hello.bodyText).toBe('Rewritten on the blog')
    expect(hello.id).toBe(before.find((i) => i.title === 'Hello world!')!.id)
    const revisions = await db.revisions.where('itemId').equals(hello.id).toArray()
    expect(revisions.map((r) => r.bodyText.includes('Welcome to WordPress'))).toEqual([true])
    expect(await db.items.count()).toBe(before.length)
  })

  it('an item edited in Baluchon after the import is not overwritten by the same source', async () => {
    const drafts = parseWxr(fixture('wxr/valid-wxr-1.1.xml')).drafts
    await importDrafts(drafts)
    const hello = (await all()).find((i) => i.title === 'Hello world!')!
    await db.items.put({ ...hello, updatedAt: Date.UTC(2031, 0, 1), title: 'Mine now' })
    const again = await importDrafts(drafts.map((d) => (d.sourceKey === hello.importKey ? { ...d, updatedAt: Date.UTC(2030, 0, 1) } : d)))
    expect(again.report.updated).toBe(0)
    expect((await db.items.get(hello.id))!.title).toBe('Mine now')
  })

  it('downloaded media become attachments of the post that shows them', async () => {
    const draft: ImportDraft = {
      kind: 'post', sourceKey: 'wxr:blog.example:1', title: 'With image', tags: [], status: 'published', createdAt: 1, updatedAt: 2, fields: {}, extra: {},
      body: { format: 'html', source: '<p>x</p><img src="https://blog.example/p.png" alt="P">' },
      media: [{ ref: 'https://blog.example/p.png' }, { ref: 'https://blog.example/unused.png' }],
    }
    const data = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' })
    const media = new Map<string, PreparedMedia>([
      ['https://blog.example/p.png', { data, mime: 'image/png', name: 'p.png', sha256: 'a'.repeat(64) }],
      ['https://blog.example/unused.png', { data, mime: 'image/png', name: 'u.png', sha256: 'b'.repeat(64) }],
    ])
    const { report } = await importDrafts([draft], media)
    expect(report.attachments).toBe(1)
    const [item] = await all()
    const [attachment] = await db.attachments.toArray()
    expect(attachment!.itemId).toBe(item!.id)
    expect(JSON.stringify(item!.body)).toContain(`attachment:${attachment!.id}`)
  })
})

describe('every real WordPress export in the fixtures', () => {
  it.each(['valid-wxr-1.0.xml', 'valid-wxr-1.1.xml', 'small-export.xml', 'wxr-utf-8-challenges.xml', 'crazy-cdata.xml'])('%s: every post converts, text kept, nothing active', async (name) => {
    const parsed = parseWxr(fixture(`wxr/${name}`))
    const { report } = await importDrafts(parsed.drafts)
    expect(report.skipped.filter((s) => s.reason === 'malformed')).toEqual([])
    const items = await all()
    expect(items.length).toBe(parsed.drafts.length)
    for (const draft of parsed.drafts) {
      const item = items.find((i) => i.importKey === draft.sourceKey)!
      expect(item.title).toBe(draft.title.trim())
      const words = new DOMParser().parseFromString(draft.body.source, 'text/html').body.textContent!.split(/\s+/).filter((w) => w.length > 3 && !w.includes('['))
      // The first few words of the post's text are in the item's text (shortcodes aside).
      for (const word of words.slice(0, 5)) expect(item.bodyText).toContain(word)
      expect(JSON.stringify(item.body)).not.toMatch(/javascript:|<script|onerror=/i)
    }
  })
})

describe('bookmarks and Pocket', () => {
  it('folders become tags, add dates are kept, a link saved by hand is not duplicated', async () => {
    const parsed = parseBookmarks(fixture('bookmarks/firefox.html'))
    const first = parsed.drafts[0]!
    await createItem(db, 'link', { url: String(first.fields.url), title: 'Saved by hand' } as Partial<Item>)
    const { report, plan } = await importDrafts(parsed.drafts)
    expect(plan.entries[0]!.action).toBe('unchanged')
    expect(report.added.link).toBe(parsed.drafts.length - 1)
    const links = (await all()).filter((i) => i.kind === 'link')
    expect(links.length).toBe(parsed.drafts.length)
    const withFolder = parsed.drafts.find((d) => d.tags.length > 0 && d.createdAt !== null)!
    const stored = links.find((l) => l.importKey === withFolder.sourceKey)!
    expect(stored.tags).toEqual(withFolder.tags)
    expect(stored.createdAt).toBe(withFolder.createdAt)
    expect(stored.kind === 'link' && stored.savedAt).toBe(withFolder.createdAt)
    expect((await importDrafts(parseBookmarks(fixture('bookmarks/firefox.html')).drafts)).report.added.link).toBe(0)
  })

  it('Pocket rows become links with their read state', async () => {
    const parsed = parsePocketCsv(fixture('pocket/part_000000.csv'))
    await importDrafts(parsed.drafts)
    const links = await all()
    expect(links.length).toBe(parsed.drafts.length)
    expect(links.every((l) => l.kind === 'link' && l.url.startsWith('http'))).toBe(true)
    expect(links.some((l) => l.kind === 'link' && l.read) && links.some((l) => l.kind === 'link' && !l.read)).toBe(true)
  })
})

describe('Raindrop', () => {
  it('links keep their note and highlights as the body, collections as tags', async () => {
    const parsed = parseRaindropCsv(fixture('raindrop/export.csv'))
    await importDrafts(parsed.drafts)
    const links = await all()
    expect(links.length).toBe(parsed.drafts.length)
    const withNote = parsed.drafts.find((d) => d.body.source.trim() !== '')!
    const stored = links.find((l) => l.importKey === withNote.sourceKey)!
    const firstParagraph = withNote.body.source.trim().split(/\n{2,}/)[0]!.trim()
    expect(stored.bodyText.startsWith(firstParagraph)).toBe(true)
    expect(stored.tags).toEqual(withNote.tags)
    expect(stored.createdAt).toBe(withNote.createdAt)
  })
})

describe('Markdown folder', () => {
  it('front matter to fields, unknown keys kept in meta', () => {
    const parsed = parseMarkdownFolder([
      { path: 'posts/hello.md', text: '---\ntitle: Hello\ntags: [a, b]\nlayout: post\nrating: 4\n---\nBody [[Other]]' },
      { path: 'Other.md', text: 'Other body' },
    ])
    const draft = parsed.drafts.find((d) => d.title === 'Hello')!
    const item = draftToItem(draft, 'ID', 1000)
    expect(item.kind).toBe('post')
    expect(item.tags).toEqual(['a', 'b'])
    expect(item.meta).toMatchObject({ layout: 'post', rating: 4 })
    expect(item.bodyText).toContain('[[Other]]')
  })
})

describe('all or nothing', () => {
  it('a failure while writing leaves the database as it was', async () => {
    await createItem(db, 'note', { title: 'Before' })
    const parsed = parseWxr(fixture('wxr/valid-wxr-1.1.xml'))
    const plan = await planImport(db, parsed.drafts)
    // The last write fails (an item that is not a valid record for IndexedDB: a function cannot be cloned).
    const broken = { ...plan.entries.at(-1)!, draft: { ...plan.entries.at(-1)!.draft, extra: { bad: () => 1 } } }
    await expect(applyImport(db, { ...plan, entries: [...plan.entries.slice(0, -1), broken] })).rejects.toThrow()
    expect((await all()).map((i) => i.title)).toEqual(['Before'])
  })
})
