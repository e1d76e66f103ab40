// @vitest-environment jsdom
// Saves go to the save worker when the page can run one; its answers settle them, a full disk stays
// recognisable as such, and a save the worker has not answered when the page goes away is written here.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import { BaluchonDb } from '../../../src/db'
import { isStorageFullError } from '../../../src/features/attachments/errors'
import { createItem, getItem } from '../../../src/features/items/repository'
import type { SaveBase, SaveReply, SaveRequest } from '../../../src/features/editor/saveProtocol'

/** Stands for the worker: keeps what it is sent and answers when the test says. */
class FakeWorker extends EventTarget {
  static last: FakeWorker | null = null
  readonly received: SaveRequest[] = []
  constructor() {
    super()
    FakeWorker.last = this
  }
  postMessage(request: SaveRequest): void {
    this.received.push(request)
  }
  answer(reply: SaveReply): void {
    this.dispatchEvent(new MessageEvent('message', { data: reply }))
  }
}

let n = 0
let db: BaluchonDb

async function load(): Promise<typeof import('../../../src/features/editor/saveOffThread')> {
  vi.resetModules()
  return import('../../../src/features/editor/saveOffThread')
}

beforeEach(async () => {
  vi.stubGlobal('Worker', FakeWorker)
  FakeWorker.last = null
  db = new BaluchonDb(`save-off-thread-${Date.now()}-${n++}`)
  await db.open()
})

afterEach(() => {
  vi.unstubAllGlobals()
  db.close()
})

const patch = (text: string) => ({ title: 'T', body: docFromText(text), bodyText: text })

describe('saveContentOffThread', () => {
  it('posts the document to the worker as JSON text and settles when it answers', async () => {
    const { saveContentOffThread } = await load()
    let settled = false
    const done = saveContentOffThread(db, 'item-1', patch('hello'), 1234).then(() => (settled = true))
    const worker = FakeWorker.last!
    const [request] = worker.received
    expect(request).toMatchObject({ dbName: db.name, itemId: 'item-1', title: 'T', bodyText: 'hello', now: 1234 })
    expect(JSON.parse(request!.bodyJson!)).toEqual(docFromText('hello'))
    await Promise.resolve()
    expect(settled).toBe(false)
    worker.answer({ id: request!.id, ok: true })
    await done
    expect(settled).toBe(true)
  })

  it("sends an editor draft's JSON text as it is, and no plain text (the worker derives it)", async () => {
    const { saveContentOffThread } = await load()
    const { draftContent } = await import('../../../src/features/editor/draftContent')
    const json = JSON.stringify(docFromText('from the editor'))
    const done = saveContentOffThread(db, 'item-1', draftContent('T', json), 1)
    const [request] = FakeWorker.last!.received
    expect(request!.bodyJson).toBe(json)
    expect(request).not.toHaveProperty('bodyText')
    FakeWorker.last!.answer({ id: request!.id, ok: true })
    await done
  })

  it("posts an editor draft as the blocks changed since the item's previous save, which the worker puts back together", async () => {
    const { saveContentOffThread } = await load()
    const { draftContent } = await import('../../../src/features/editor/draftContent')
    const { joinDocJson } = await import('../../../src/features/editor/docJson')
    const { requestBodyJson } = await import('../../../src/features/editor/saveRequest')
    const block = (text: string) => JSON.stringify({ type: 'paragraph', content: [{ type: 'text', text }] })
    // A long draft (about 200 KB): 400 blocks, as docJson.ts gives them (the same string for an unchanged block).
    const blocks = Array.from({ length: 400 }, (_, i) => block(`Paragraph ${i} `.repeat(40)))
    const first = { head: '{"type":"doc","content":[', blocks, tail: ']}' }
    // A block typed in, one inserted after it.
    const second = { ...first, blocks: [...blocks.slice(0, 200), block('typed'), block('new'), ...blocks.slice(201)] }
    const saves = [saveContentOffThread(db, 'item-1', draftContent('T', first), 1), saveContentOffThread(db, 'item-1', draftContent('T', second), 2)]
    const worker = FakeWorker.last!
    const [full, delta] = worker.received
    const size = (request: SaveRequest) => JSON.stringify(request).length
    expect(size(full!)).toBeGreaterThan(200_000)
    expect(size(delta!)).toBeLessThan(1_000)
    expect(delta!.bodyBlocks).toMatchObject({ base: full!.bodyBlocks!.seq, prefix: 200, suffix: 199, blocks: [block('typed'), block('new')] })
    // The worker's side, in the order it receives them.
    expect(requestBodyJson(full!)).toBe(joinDocJson(first))
    expect(requestBodyJson(delta!)).toBe(joinDocJson(second))
    // Handled twice, it is written against a list the worker no longer holds: it asks for every block.
    expect(requestBodyJson(delta!)).toBeNull()
    for (const request of worker.received) worker.answer({ id: request.id, ok: true })
    await Promise.all(saves)
  })

  it("posts a draft's blocks as opened ahead of its first save, which then carries only the blocks typed in", async () => {
    const { postSaveBase, saveContentOffThread } = await load()
    const { draftContent } = await import('../../../src/features/editor/draftContent')
    const { joinDocJson } = await import('../../../src/features/editor/docJson')
    const { keepSaveBase, requestBodyJson } = await import('../../../src/features/editor/saveRequest')
    const block = (text: string) => JSON.stringify({ type: 'paragraph', content: [{ type: 'text', text }] })
    const blocks = Array.from({ length: 400 }, (_, i) => block(`Paragraph ${i} `.repeat(40)))
    const opened = { head: '{"type":"doc","content":[', blocks, tail: ']}' }
    const typed = { ...opened, blocks: [...blocks.slice(0, 399), block('typed')] }
    postSaveBase(db, 'item-2', opened)
    const worker = FakeWorker.last!
    const base = worker.received[0] as unknown as SaveBase
    expect(base).toMatchObject({ type: 'base', dbName: db.name, itemId: 'item-2', body: { blocks } })
    expect(base.body).not.toHaveProperty('base')
    const save = saveContentOffThread(db, 'item-2', draftContent('T', typed), 1)
    const first = worker.received[1]!
    expect(JSON.stringify(first).length).toBeLessThan(1_000)
    expect(first.bodyBlocks).toMatchObject({ base: base.body.seq, prefix: 399, suffix: 0, blocks: [block('typed')] })
    // The worker's side: the base kept, the first save put back together against it.
    keepSaveBase(base)
    expect(requestBodyJson(first)).toBe(joinDocJson(typed))
    worker.answer({ id: first.id, ok: true })
    await save
    // Once a save has posted the item's blocks, they are not posted again as a base.
    postSaveBase(db, 'item-2', typed)
    expect(worker.received).toHaveLength(2)
  })

  it('posts every block again when the worker no longer holds those the save builds on', async () => {
    const { saveContentOffThread } = await load()
    const { draftContent } = await import('../../../src/features/editor/draftContent')
    const first = { head: '{"type":"doc","content":[', blocks: ['{"type":"paragraph"}', '{"type":"horizontalRule"}'], tail: ']}' }
    const second = { ...first, blocks: [first.blocks[0]!, '{"type":"paragraph"}'] }
    const one = saveContentOffThread(db, 'item-1', draftContent('T', first), 1)
    const worker = FakeWorker.last!
    worker.answer({ id: worker.received[0]!.id, ok: true })
    await one
    let settled = false
    const two = saveContentOffThread(db, 'item-1', draftContent('T', second), 2).then(() => (settled = true))
    const delta = worker.received[1]!
    expect(delta.bodyBlocks).toMatchObject({ prefix: 1, blocks: ['{"type":"paragraph"}'] })
    worker.answer({ id: delta.id, ok: false, message: 'lost', storageFull: false, resend: true })
    await Promise.resolve()
    expect(settled).toBe(false)
    const again = worker.received[2]!
    expect(again.id).toBe(delta.id)
    expect(again.bodyBlocks).not.toHaveProperty('base')
    expect(again.bodyBlocks!.blocks).toEqual(second.blocks)
    worker.answer({ id: again.id, ok: true })
    await two
    expect(settled).toBe(true)
  })

  it('when the page goes away, an editor draft is written here with the plain text derived from it', async () => {
    const { saveContentOffThread } = await load()
    const { draftContent } = await import('../../../src/features/editor/draftContent')
    const item = await createItem(db, 'note', { title: 'T' }, 1000)
    const waiting = saveContentOffThread(db, item.id, draftContent('T', JSON.stringify(docFromText('typed'))), 2000)
    window.dispatchEvent(new Event('pagehide'))
    await waiting
    expect(await getItem(db, item.id)).toMatchObject({ body: docFromText('typed'), bodyText: 'typed' })
  })

  it('can start the worker ahead of the first save, which then goes to it', async () => {
    const { prepareSaveWorker, saveContentOffThread } = await load()
    prepareSaveWorker()
    const started = FakeWorker.last
    expect(started).not.toBeNull()
    const done = saveContentOffThread(db, 'item-1', patch('x'), 1)
    expect(FakeWorker.last).toBe(started)
    expect(started!.received).toHaveLength(1)
    started!.answer({ id: started!.received[0]!.id, ok: true })
    await done
  })

  it('a full disk in the worker fails the save as a full disk', async () => {
    const { saveContentOffThread } = await load()
    const done = saveContentOffThread(db, 'item-1', patch('x'), 1)
    const worker = FakeWorker.last!
    worker.answer({ id: worker.received[0]!.id, ok: false, message: 'quota', storageFull: true })
    const error = await done.catch((e: unknown) => e)
    expect(isStorageFullError(error)).toBe(true)
    const other = saveContentOffThread(db, 'item-1', patch('y'), 2)
    worker.answer({ id: worker.received[1]!.id, ok: false, message: 'broken', storageFull: false })
    expect(isStorageFullError(await other.catch((e: unknown) => e))).toBe(false)
  })

  it('when the page goes away, a save the worker has not answered is written on this thread, and so are later ones', async () => {
    const { saveContentOffThread } = await load()
    const item = await createItem(db, 'note', { title: 'T' }, 1000)
    const waiting = saveContentOffThread(db, item.id, patch('typed before leaving'), 2000)
    expect(FakeWorker.last!.received).toHaveLength(1)
    window.dispatchEvent(new Event('pagehide'))
    await waiting
    expect((await getItem(db, item.id))?.bodyText).toBe('typed before leaving')
    await saveContentOffThread(db, item.id, patch('and after'), 3000)
    expect(FakeWorker.last!.received).toHaveLength(1)
    expect((await getItem(db, item.id))?.bodyText).toBe('and after')
  })

  it('without workers, saves on this thread', async () => {
    vi.stubGlobal('Worker', undefined)
    const { saveContentOffThread } = await load()
    const item = await createItem(db, 'note', { title: 'T' }, 1000)
    await saveContentOffThread(db, item.id, patch('here'), 2000)
    expect((await getItem(db, item.id))?.bodyText).toBe('here')
  })
})
