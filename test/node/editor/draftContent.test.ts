// A save's content read from the editor carries its body as JSON text; the document and plain text are
// derived from it only when asked, and the save worker derives the plain text when it was not sent.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { docFromText, docToPlainText } from '../../../src/core/doc'
import { preview, ROW_PREVIEW_CHARS } from '../../../src/core/text'
import { BaluchonDb } from '../../../src/db/schema'
import { contentBodyJson, contentBodyParts, contentBodyTextIfKnown, draftContent } from '../../../src/features/editor/draftContent'
import { writeSaveRequest } from '../../../src/features/editor/saveRequest'
import { createItem, getItem } from '../../../src/features/items/repository'

const doc = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Économie' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'du partage' }] },
  ],
}

describe('draftContent', () => {
  it('gives the body and its plain text made from the JSON text, and the text itself without parsing it', () => {
    const json = JSON.stringify(doc)
    const content = draftContent('Title', json)
    expect(contentBodyJson(content)).toBe(json)
    expect(contentBodyTextIfKnown(content)).toBeUndefined()
    expect(Object.getOwnPropertyDescriptor(content, 'body')?.get).toBeTypeOf('function')
    expect(content.body).toEqual(doc)
    expect(content.bodyText).toBe(docToPlainText(doc as never))
    expect(contentBodyTextIfKnown(content)).toBe(content.bodyText)
    // A rescue copy spreads and stringifies it: both see every field.
    expect(JSON.parse(JSON.stringify({ ...content }))).toEqual({ title: 'Title', body: doc, bodyText: 'Économie\ndu partage' })
  })

  it('made from the parts of the JSON text (top-level blocks), gives the same body, plain text and joined text', () => {
    const json = JSON.stringify(doc)
    const blocks = (doc.content as unknown[]).map((block) => JSON.stringify(block))
    const content = draftContent('Title', { head: '{"type":"doc","content":[', blocks, tail: ']}' })
    expect(contentBodyParts(content)?.blocks).toBe(blocks)
    expect(contentBodyJson(content)).toBe(json)
    expect(content.body).toEqual(doc)
    expect(content.bodyText).toBe(docToPlainText(doc as never))
    expect(JSON.parse(JSON.stringify({ ...content }))).toEqual({ title: 'Title', body: doc, bodyText: 'Économie\ndu partage' })
  })

  it('serialises a plain content whose text it was not given', () => {
    const body = docFromText('hello')
    expect(contentBodyJson({ title: 't', body, bodyText: 'hello' })).toBe(JSON.stringify(body))
    expect(contentBodyTextIfKnown({ title: 't', body, bodyText: 'hello' })).toBe('hello')
  })
})

describe('writeSaveRequest (the save worker)', () => {
  let db: BaluchonDb
  let n = 0
  beforeEach(async () => {
    db = new BaluchonDb(`save-request-${Date.now()}-${n++}`)
    await db.open()
  })
  afterEach(() => db.close())

  it('derives the plain text from the document when the editor did not send it', async () => {
    const item = await createItem(db, 'note')
    const reply = await writeSaveRequest(db, { id: 7, dbName: db.name, itemId: item.id, title: 'T', bodyJson: JSON.stringify(doc), now: item.updatedAt + 1 })
    const saved = await getItem(db, item.id)
    expect(saved).toMatchObject({ title: 'T', body: doc, bodyText: 'Économie\ndu partage' })
    // The answer carries the row as written, every field but the body (the list takes it: library/rowWrites.ts).
    const { body: _body, ...fields } = saved!
    expect(reply).toEqual({ id: 7, ok: true, row: fields })
  })

  it("answers with only the start of a long text, the list's preview of it unchanged", async () => {
    const item = await createItem(db, 'note')
    const text = 'Une économie du partage, en long. '.repeat(6_000)
    const reply = await writeSaveRequest(db, { id: 3, dbName: db.name, itemId: item.id, title: 'T', bodyJson: JSON.stringify(doc), bodyText: text, now: item.updatedAt + 1 })
    // Written whole; answered with the start the row's preview reads (a 200 KB copy to the UI thread per autosave before).
    expect((await getItem(db, item.id))?.bodyText).toBe(text)
    const row = reply.ok ? reply.row : undefined
    expect(row?.bodyText.length).toBe(ROW_PREVIEW_CHARS * 8)
    expect(preview(row!.bodyText, ROW_PREVIEW_CHARS)).toBe(preview(text, ROW_PREVIEW_CHARS))
  })

  it('keeps the plain text it is sent, and reports a failed write', async () => {
    const item = await createItem(db, 'note')
    await writeSaveRequest(db, { id: 1, dbName: db.name, itemId: item.id, title: 'T', bodyJson: JSON.stringify(doc), bodyText: 'given', now: item.updatedAt + 1 })
    expect((await getItem(db, item.id))?.bodyText).toBe('given')
    const reply = await writeSaveRequest(db, { id: 2, dbName: db.name, itemId: 'missing', title: 'T', bodyJson: JSON.stringify(doc), now: 5 })
    expect(reply).toMatchObject({ id: 2, ok: false, storageFull: false })
  })
})
