// @vitest-environment jsdom
// Once an item is shown, an idle moment hands the save worker the blocks of its document as opened, so that its
// first autosave posts only the blocks typed in (saveOffThread.ts postSaveBase), and not before that moment.
import { Editor } from '@tiptap/core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import { BaluchonDb } from '../../../src/db'
import { editorExtensions } from '../../../src/features/editor/extensions'
import type { SaveMessage } from '../../../src/features/editor/saveProtocol'
import { createItem, getItem } from '../../../src/features/items/repository'
import { installDomPolyfills } from './harness'

installDomPolyfills()

class FakeWorker extends EventTarget {
  static last: FakeWorker | null = null
  readonly received: SaveMessage[] = []
  constructor() {
    super()
    FakeWorker.last = this
  }
  postMessage(message: SaveMessage): void {
    this.received.push(message)
  }
}

let db: BaluchonDb
let editor: Editor | null = null
let idle: Array<() => void> = []

beforeEach(async () => {
  vi.resetModules()
  vi.stubGlobal('Worker', FakeWorker)
  vi.stubGlobal('requestIdleCallback', (run: () => void) => idle.push(run))
  vi.stubGlobal('cancelIdleCallback', () => undefined)
  FakeWorker.last = null
  idle = []
  db = new BaluchonDb(`session-save-base-${Date.now()}`)
  await db.open()
})

afterEach(() => {
  editor?.destroy()
  editor = null
  vi.unstubAllGlobals()
  db.close()
})

describe('an editor session', () => {
  it("posts its document's blocks as opened to the save worker when the page is idle, before any save", async () => {
    const { EditorSession } = await import('../../../src/features/editor/session')
    const created = await createItem(db, 'post', { title: 'T', body: docFromText('first\n\nsecond') }, 1000)
    const item = (await getItem(db, created.id))!
    const session = new EditorSession(db, item, 700)
    editor = new Editor({ element: document.createElement('div'), extensions: editorExtensions({ urls: null, onEditLink: () => undefined }), content: item.body })
    session.attach(editor)
    expect(FakeWorker.last?.received ?? []).toEqual([])
    for (const run of idle) run()
    const [base] = FakeWorker.last!.received
    expect(base).toMatchObject({ type: 'base', dbName: db.name, itemId: item.id })
    const body = (base as Extract<SaveMessage, { type: 'base' }>).body
    expect(JSON.parse(body.head + body.blocks.join(',') + body.tail)).toEqual(editor.getJSON())
    await session.detach()
  })
})
