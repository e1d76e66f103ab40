// What an import keeps in `meta` (fields Baluchon has no place for) survives the archive schema and the
// Markdown export, and a re-import of that Markdown gives it back.
import { describe, expect, it } from 'vitest'
import { itemSchema } from '../../../src/core/archive'
import { parseMarkdownFolder } from '../../../src/core/import'
import { newItem } from '../../../src/core/itemFactory'
import type { Item } from '../../../src/core/items'
import { itemToMarkdownFile } from '../../../src/core/markdown'

const EXPORT = { imagePath: (id: string) => `images/${id}.png` }

const withMeta = (): Item => ({
  ...newItem('post', '01HZZZZZZZZZZZZZZZZZZZZZZZ', Date.UTC(2024, 0, 1)),
  title: 'Hello',
  meta: { layout: 'post', rating: 4, author: 'ana', customFields: { mood: 'calm' }, title: 'not this one' },
})

describe('meta', () => {
  it('is kept by the archive schema', () => {
    expect(itemSchema.parse(withMeta()).meta).toEqual(withMeta().meta)
  })

  it('is written to the front matter after Baluchon keys, which win a clash, and comes back on re-import', () => {
    const file = itemToMarkdownFile(withMeta(), EXPORT)
    expect(file).toMatch(/^layout: post$/m)
    expect(file).toMatch(/^rating: 4$/m)
    expect(file).toMatch(/^author: ana$/m)
    expect(file).toMatch(/^title: Hello$/m)
    expect(file).not.toContain('not this one')
    const [draft] = parseMarkdownFolder([{ path: 'posts/hello.md', text: file }]).drafts
    expect(draft!.title).toBe('Hello')
    expect(draft!.extra).toMatchObject({ layout: 'post', rating: 4, author: 'ana', customFields: { mood: 'calm' } })
  })

  it('an item without meta writes no extra keys', () => {
    const plain = { ...withMeta(), meta: undefined }
    expect(itemToMarkdownFile(plain, EXPORT)).not.toMatch(/layout|rating|author/)
  })
})
