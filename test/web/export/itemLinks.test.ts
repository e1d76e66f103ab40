// @vitest-environment jsdom
// Links between items in the Markdown export: relative links between the exported files (as Hugo, Jekyll and
// Obsidian follow them), whatever the order the items come in, and back to links between the same items when
// the folder is imported again (the importer's real parser and converter).
import { describe, expect, it } from 'vitest'
import { attachmentSrc, type RichDoc, type RichNode } from '../../../src/core/doc'
import { parseMarkdownFolder, type FolderFile } from '../../../src/core/import'
import { newItem } from '../../../src/core/itemFactory'
import { itemIdFromHref } from '../../../src/core/itemLinks'
import type { Item, ItemKind } from '../../../src/core/items'
import { markdownExportBatches, relativeLink, type ExportAttachment, type ExportFile, type MarkdownExportSource } from '../../../src/features/export/markdownExport'
import { draftToItem, noteIdsByPath } from '../../../src/features/import/convert'

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])
const IMAGE: ExportAttachment = { id: '01JIMAGE', mime: 'image/png', name: 'photo.png', sha256: 'x', data: PNG }

const text = (t: string): RichNode => ({ type: 'text', text: t })
const to = (label: string, id: string): RichNode => ({ type: 'text', text: label, marks: [{ type: 'link', attrs: { href: `item:${id}` } }] })
const body = (...content: RichNode[]): RichDoc => ({ type: 'doc', content: [{ type: 'paragraph', content }] })

function item(kind: ItemKind, id: string, title: string, doc: RichDoc, trashed: 0 | 1 = 0): Item {
  return { ...newItem(kind, id, Date.UTC(2025, 0, 1)), title, body: doc, trashed }
}

/**
 * A knowledge base where links go forward (to items met later), back, both ways, to a bundle (an item with an
 * image), from a bundle, to a title a reader would cut (`#`, `?`, spaces), to a trashed item, to a missing one and
 * to the item itself; two items share a title.
 */
const ITEMS: Item[] = [
  item('note', '01JA', 'Reading list', body(to('the talk', '01JB'), text(', '), to('tips', '01JC'), text(', '), to('gone', '01JD'), text(', '), to('nowhere', '01JZZ'))),
  item('talk', '01JB', 'Lyon 2025', body(to('back to the list', '01JA'), text(' '), to('the trip', '01JE'))),
  item('post', '01JC', 'C# tips? Yes', body(text('tips'))),
  item('note', '01JD', 'Old', body(text('old')), 1),
  item('post', '01JE', 'Trip', { type: 'doc', content: [{ type: 'image', attrs: { src: attachmentSrc(IMAGE.id) } }, { type: 'paragraph', content: [to('the list', '01JA'), text(' '), to('me', '01JE')] }] }),
  item('note', '01JF', 'Reading list', body(to('the other list', '01JA'))),
]

function source(items: readonly Item[], pageSize: number): MarkdownExportSource {
  return {
    count: async () => items.length,
    async *pages() {
      for (let i = 0; i < items.length; i += pageSize) yield items.slice(i, i + pageSize)
    },
    attachments: async (ids) => ids.map((id) => (id === IMAGE.id ? IMAGE : undefined)),
  }
}

async function exportAll(items: readonly Item[], pageSize: number): Promise<ExportFile[]> {
  const files: ExportFile[] = []
  const batches = markdownExportBatches(source(items, pageSize), { batchFiles: 2 })
  for (;;) {
    const next = await batches.next()
    if (next.done) return files
    files.push(...next.value)
  }
}

const textOf = (files: readonly ExportFile[], path: string): string => {
  const file = files.find((f) => f.path === path)
  if (!file) throw new Error(`no ${path} in ${files.map((f) => f.path).join(', ')}`)
  return file.data as string
}

function links(doc: RichNode): { label: string; href: string }[] {
  const out: { label: string; href: string }[] = []
  const walk = (node: RichNode): void => {
    const mark = node.marks?.find((m) => m.type === 'link')
    if (mark) out.push({ label: node.text ?? '', href: String(mark.attrs?.href) })
    node.content?.forEach(walk)
  }
  walk(doc)
  return out
}

describe('links between items, exported as Markdown', () => {
  it('become relative links between the files, whichever order the items come in; a trashed or missing target leaves the label', async () => {
    for (const order of [ITEMS, [...ITEMS].reverse()]) {
      for (const pageSize of [1, 2, 10]) {
        const files = await exportAll(order, pageSize)
        const paths = files.map((f) => f.path).sort()
        // Names do not depend on the links: the first "Reading list" met is the plain one.
        const [firstList, secondList] = order === ITEMS ? ['Reading list', 'Reading list-2'] : ['Reading list-2', 'Reading list']
        expect(paths).toEqual(
          ['notes/Reading list.md', 'notes/Reading list-2.md', 'posts/C# tips- Yes.md', 'posts/Trip/index.md', 'posts/Trip/photo.png', 'talks/Lyon 2025.md'].sort(),
        )
        expect(textOf(files, `notes/${firstList}.md`)).toContain(
          '[the talk](../talks/Lyon%202025.md), [tips](../posts/C%23%20tips-%20Yes.md), gone, nowhere\n',
        )
        expect(textOf(files, 'talks/Lyon 2025.md')).toContain(`[back to the list](../notes/${firstList.replace(/ /g, '%20')}.md) [the trip](../posts/Trip/index.md)\n`)
        expect(textOf(files, 'posts/Trip/index.md')).toContain(`![](photo.png)\n\n[the list](../../notes/${firstList.replace(/ /g, '%20')}.md) [me](index.md)\n`)
        expect(textOf(files, `notes/${secondList}.md`)).toContain(`[the other list](${firstList.replace(/ /g, '%20')}.md)\n`)
      }
    }
  })

  it('come back as links between the same items when the folder is imported again', async () => {
    const files = await exportAll(ITEMS, 2)
    const folder: FolderFile[] = files.map((f) => (typeof f.data === 'string' ? { path: f.path, text: f.data } : { path: f.path, bytes: f.data }))
    const { drafts, skipped } = parseMarkdownFolder(folder)
    expect(skipped).toEqual([])
    // The import gives each note a new id; the exported `id` says which item it was.
    const newId = (oldId: unknown) => `01JNEW${String(oldId).slice(3)}`
    const noteIds = noteIdsByPath(drafts.map((d) => ({ sourceKey: d.sourceKey, itemId: newId(d.extra.id) })))
    const imported = new Map(drafts.map((d) => [String(d.extra.id), draftToItem(d, newId(d.extra.id), 0, new Map([['posts/Trip/photo.png', '01JIMG2']]), noteIds)]))
    const back = (id: string) => links(imported.get(id)!.body).map(({ label, href }) => [label, itemIdFromHref(href) ?? href])
    expect(back('01JA')).toEqual([['the talk', newId('01JB')], ['tips', newId('01JC')]])
    expect(imported.get('01JA')!.bodyText).toBe('the talk, tips, gone, nowhere')
    expect(back('01JB')).toEqual([['back to the list', newId('01JA')], ['the trip', newId('01JE')]])
    // A link to itself has nowhere else to go: its label stays, without the link.
    expect(back('01JE')).toEqual([['the list', newId('01JA')]])
    expect(back('01JF')).toEqual([['the other list', newId('01JA')]])
  })

  it('relativeLink climbs out of the source folder and encodes what a reader would cut', () => {
    expect(relativeLink('notes/a.md', 'notes/b.md')).toBe('b.md')
    expect(relativeLink('notes/a.md', 'posts/x y/index.md')).toBe('../posts/x%20y/index.md')
    expect(relativeLink('posts/t/index.md', 'notes/50% #1?.md')).toBe('../../notes/50%25%20%231%3F.md')
    expect(relativeLink('posts/t/index.md', 'posts/t/index.md')).toBe('index.md')
    expect(relativeLink('a.md', 'b/c.md')).toBe('b/c.md')
  })
})
