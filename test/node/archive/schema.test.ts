import { describe, expect, expectTypeOf, it } from 'vitest'
import type { z } from 'zod'
import { itemSchema, richDocProblem, type ArchiveAttachmentMeta, type ArchiveRevision, type ArchiveSetting } from '../../../src/core/archive'
import { newItem } from '../../../src/core/itemFactory'
import { ITEM_KINDS, type Item } from '../../../src/core/items'
import type { Attachment, Revision, Setting } from '../../../src/db/schema'

/** The schema's item with its "keep unknown fields" index signature removed, kind by kind. */
type WithoutIndex<T> = T extends unknown ? { [K in keyof T as string extends K ? never : K]: T[K] } : never

describe('record schemas', () => {
  it('match the database types (a field added to one and not the other fails to compile)', () => {
    expectTypeOf<Revision>().toEqualTypeOf<ArchiveRevision>()
    expectTypeOf<Omit<Attachment, 'data'>>().toEqualTypeOf<ArchiveAttachmentMeta>()
    expectTypeOf<Setting>().toEqualTypeOf<ArchiveSetting>()
    expectTypeOf<Item>().toEqualTypeOf<WithoutIndex<z.infer<typeof itemSchema>>>()
  })

  it('accept every new item of every kind', () => {
    for (const kind of ITEM_KINDS) expect(itemSchema.safeParse(newItem(kind, `id-${kind}`, 1)).success).toBe(true)
  })

  it('keep fields they do not know (lossless for records of a newer minor version)', () => {
    const item = { ...newItem('note', 'n', 1), pinned: true }
    const parsed = itemSchema.parse(item)
    expect(parsed).toEqual(item)
  })
})

describe('richDocProblem', () => {
  it('accepts Tiptap documents', () => {
    expect(richDocProblem({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a', marks: [{ type: 'bold' }] }] }] })).toBeNull()
    expect(richDocProblem({ type: 'doc' })).toBeNull()
  })

  it.each([
    [null, 'root'],
    [{ type: 'paragraph' }, 'root'],
    [{ type: 'doc', content: {} }, 'content'],
    [{ type: 'doc', content: [null] }, 'object'],
    [{ type: 'doc', content: [{ type: '' }] }, 'type'],
    [{ type: 'doc', content: [{ type: 'text', text: 3 }] }, 'text'],
    [{ type: 'doc', attrs: [] }, 'attrs'],
    [{ type: 'doc', marks: {} }, 'marks'],
    [{ type: 'doc', content: [{ type: 'text', marks: [{ type: 'bold', attrs: 'x' }] }] }, 'mark attrs'],
  ])('refuses %j', (doc, word) => expect(richDocProblem(doc)).toContain(word))

  it('refuses documents nested deeper than 500 without overflowing the stack', () => {
    let node: Record<string, unknown> = { type: 'paragraph' }
    for (let i = 0; i < 100_000; i++) node = { type: 'blockquote', content: [node] }
    expect(richDocProblem({ type: 'doc', content: [node] })).toMatch(/deeper/)
  })
})
