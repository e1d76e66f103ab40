// @vitest-environment jsdom
// An autosave's echo (the row read again by the list's and the detail pane's live queries) renders nothing
// again when nothing shown changed: each React commit, with the caret in a long document, walks its DOM.
// Changes that show (another minute, another preview, a title) and changes made elsewhere still come through.
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import { useLiveQuery } from 'dexie-react-hooks'
import { Profiler } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import type { Item } from '../../../src/core/items'
import { BaluchonDb, getDb, setDb } from '../../../src/db'
import { noteOwnSave } from '../../../src/features/editor/ownSaves'
import { createItem, saveContent, trashItem } from '../../../src/features/items/repository'
import { DetailHeader, useDetailItem, useEditorItem } from '../../../src/features/library/DetailPane'
import { echoedUpdate, noteEchoedUpdate } from '../../../src/features/library/echoedUpdates'
import { initI18n } from '../../../src/i18n'
import { useListWindow, type ListSource } from '../../../src/features/library/useListWindow'

let db: BaluchonDb
let n = 0

beforeEach(async () => {
  db = new BaluchonDb(`save-echo-${Date.now()}-${n++}`)
  await db.open()
  setDb(db)
})
afterEach(() => {
  vi.useRealTimers()
  cleanup()
  db.close()
})

const LONG = 'The start of a long draft, which the preview shows. '.repeat(40)
const content = (title: string, text: string) => ({ title, body: docFromText(text), bodyText: text })

/** The row as a plain live query sees it: written by the same writes, so it tells when the live queries have run again. */
let sentinel: Item | undefined
function Sentinel({ id }: { id: string }) {
  sentinel = useLiveQuery(() => getDb().items.get(id), [id])
  return null
}

/** Resolves once the live queries have read the row written at `updatedAt`, and their answers had time to land. */
async function afterEcho(updatedAt: number): Promise<void> {
  await waitFor(() => expect(sentinel?.updatedAt).toBe(updatedAt))
  await new Promise((resolve) => setTimeout(resolve, 100))
}

describe('the list after an autosave', () => {
  const source: ListSource = { type: 'items', filter: {} }
  let count: number | undefined
  function List({ onRender }: { onRender: (first: Item | undefined) => void }) {
    const data = useListWindow(source, 0, 5)
    count = data.count
    onRender(data.count === undefined ? undefined : data.rowAt(0))
    return null
  }

  it('does not render again when the rows show the same preview and minute, and does when they do not', async () => {
    const minute = 60_000 * 1000
    const item = await createItem(db, 'note', { title: 'Draft', body: docFromText(LONG), bodyText: LONG }, minute)
    await createItem(db, 'note', { title: 'Older' }, minute - 60_000)
    const shown: (Item | undefined)[] = []
    render(
      <>
        <List onRender={(first) => shown.push(first)} />
        <Sentinel id={item.id} />
      </>,
    )
    await waitFor(() => expect(shown.at(-1)?.id).toBe(item.id))
    const renders = shown.length

    await saveContent(db, item.id, content('Draft', `${LONG} typed at the end`), minute + 30_000)
    await afterEcho(minute + 30_000)
    expect(shown.length).toBe(renders)

    await saveContent(db, item.id, content('Draft renamed', `${LONG} typed at the end`), minute + 40_000)
    await waitFor(() => expect(shown.at(-1)?.title).toBe('Draft renamed'))
    await saveContent(db, item.id, content('Draft renamed', `${LONG} typed at the end`.replace('typed', 'written')), minute + 90_000)
    await waitFor(() => expect(shown.at(-1)?.updatedAt).toBe(minute + 90_000))
    // The length, counted apart from the rows, follows items coming and going.
    expect(count).toBe(2)
    await createItem(db, 'note', { title: 'Newer' }, minute + 120_000)
    await waitFor(() => expect(shown.at(-1)?.title).toBe('Newer'))
    await waitFor(() => expect(count).toBe(3))
  })
})

describe('the detail pane after an autosave', () => {
  function Detail({ id, onRender }: { id: string; onRender: (item: Item | null | undefined) => void }) {
    onRender(useDetailItem(id))
    return null
  }

  it("keeps the item shown for this window's own save, and takes in any other change", async () => {
    // Only Date is faked: a fixed clock, 10 s into a minute, so the save below is surely in the same minute.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(60_000 * 30_000_000 + 10_000)
    const item = await createItem(db, 'note', { title: 'Draft', body: docFromText(LONG), bodyText: LONG }, Date.now() - 1000)
    const shown: (Item | null | undefined)[] = []
    render(
      <>
        <Detail id={item.id} onRender={(i) => shown.push(i)} />
        <Sentinel id={item.id} />
      </>,
    )
    await waitFor(() => expect(shown.at(-1)?.id).toBe(item.id))
    const first = shown.at(-1)
    const renders = shown.length

    // This window's autosave: only the body, plain text and updatedAt change, still "just now" in the same minute.
    const own = Date.now() + 2000
    noteOwnSave(item.id, own)
    await saveContent(db, item.id, content('Draft', `${LONG} typed`), own)
    await afterEcho(own)
    expect(shown.length).toBe(renders)
    expect(shown.at(-1)).toBe(first)

    // The same content written elsewhere (another window, a restore): it comes through.
    await saveContent(db, item.id, content('Draft', 'Replaced elsewhere'), own + 1)
    await waitFor(() => expect(shown.at(-1)?.bodyText).toBe('Replaced elsewhere'))

    // An own save that changes a field the pane shows (the title) comes through too.
    noteOwnSave(item.id, own + 2)
    await saveContent(db, item.id, content('Retitled', 'Replaced elsewhere'), own + 2)
    await waitFor(() => expect(shown.at(-1)?.title).toBe('Retitled'))
  })
})

describe("the detail pane's reads after an autosave", () => {
  function Detail({ id, onRender }: { id: string; onRender: (item: Item | null | undefined) => void }) {
    onRender(useDetailItem(id))
    return null
  }
  /** Like Sentinel, without Table.get (counted here as the pane's reads of the row). */
  function Watcher({ id }: { id: string }) {
    sentinel = useLiveQuery(() => getDb().items.where(':id').equals(id).first(), [id])
    return null
  }

  it("does not read the row back for this window's own saves, and reads it for any other write", async () => {
    const item = await createItem(db, 'note', { title: 'Draft', body: docFromText(LONG), bodyText: LONG }, Date.now() - 1000)
    const gets = vi.spyOn(db.items, 'get')
    // A field written without the date changing, as another window's write of a link's fetch state is.
    const elsewhere = (changes: Record<string, unknown>) => db.table('items').update(item.id, changes)
    const shown: (Item | null | undefined)[] = []
    render(
      <>
        <Detail id={item.id} onRender={(i) => shown.push(i)} />
        <Watcher id={item.id} />
      </>,
    )
    await waitFor(() => expect(shown.at(-1)?.id).toBe(item.id))
    const first = shown.at(-1)
    const reads = gets.mock.calls.length

    // Two own saves, as the editor's session notes them: the pane keeps its item and never reads the row.
    const own = Date.now() + 1000
    noteOwnSave(item.id, own, 'Draft')
    await saveContent(db, item.id, content('Draft', `${LONG} typed`), own)
    await afterEcho(own)
    noteOwnSave(item.id, own + 1, 'Draft')
    await saveContent(db, item.id, content('Draft', `${LONG} typed more`), own + 1)
    await afterEcho(own + 1)
    expect(gets.mock.calls.length).toBe(reads)
    expect(shown.at(-1)).toBe(first)
    expect(echoedUpdate(item.id)).toBe(own + 1)

    // A write made elsewhere that changes neither the date nor the Trash (a link's fetch state, say): read.
    await elsewhere({ excerpt: 'Changed elsewhere' })
    await waitFor(() => expect((shown.at(-1) as { excerpt?: string } | undefined)?.excerpt).toBe('Changed elsewhere'))
    expect(gets.mock.calls.length).toBeGreaterThan(reads)

    // Right behind an own save, before either is heard of: it still comes through.
    noteOwnSave(item.id, own + 2, 'Draft')
    await saveContent(db, item.id, content('Draft', `${LONG} typed again`), own + 2)
    await elsewhere({ excerpt: 'Changed again' })
    await waitFor(() => expect((shown.at(-1) as { excerpt?: string } | undefined)?.excerpt).toBe('Changed again'))

    // An own save that wrote nothing (the same content again), then a write elsewhere: read.
    const before = gets.mock.calls.length
    noteOwnSave(item.id, own + 3, 'Draft')
    await saveContent(db, item.id, content('Draft', `${LONG} typed again`), own + 3)
    await elsewhere({ excerpt: 'Changed a third time' })
    await waitFor(() => expect((shown.at(-1) as { excerpt?: string } | undefined)?.excerpt).toBe('Changed a third time'))
    expect(gets.mock.calls.length).toBeGreaterThan(before)

    // Trashed elsewhere (updatedAt unchanged): read.
    noteOwnSave(item.id, own + 4, 'Draft')
    await saveContent(db, item.id, content('Draft', `${LONG} typed once more`), own + 4)
    await afterEcho(own + 4)
    await trashItem(db, item.id)
    await waitFor(() => expect(shown.at(-1)?.trashed).toBe(1))

    // An own save that renames the item: read, the new title shown.
    noteOwnSave(item.id, own + 5, 'Retitled')
    await saveContent(db, item.id, content('Retitled', `${LONG} typed once more`), own + 5)
    await waitFor(() => expect(shown.at(-1)?.title).toBe('Retitled'))
  })
})

describe('the editor after an autosave that changes what the header shows', () => {
  function Detail({ id, onRender }: { id: string; onRender: (pane: Item, editor: Item) => void }) {
    const item = useDetailItem(id)
    return item ? <Editor item={item} onRender={onRender} /> : null
  }
  function Editor({ item, onRender }: { item: Item; onRender: (pane: Item, editor: Item) => void }) {
    onRender(item, useEditorItem(item))
    return null
  }

  it("keeps the pane's and the editor's row for this window's own save in another minute, and gives them any other change", async () => {
    const item = await createItem(db, 'note', { title: 'Draft', body: docFromText(LONG), bodyText: LONG }, Date.now() - 3 * 60_000)
    const pane: Item[] = []
    const editor: Item[] = []
    render(
      <>
        <Detail id={item.id} onRender={(p, e) => (pane.push(p), editor.push(e))} />
        <Sentinel id={item.id} />
      </>,
    )
    await waitFor(() => expect(editor.at(-1)?.id).toBe(item.id))
    const first = editor.at(-1)
    const firstPane = pane.at(-1)
    const renders = pane.length

    // This window's first save after opening: "edited 3 min ago" becomes "just now", which the header takes from
    // the echo (DetailHeader, echoedUpdates.ts) while the pane keeps its row and renders nothing again...
    const own = Date.now()
    noteOwnSave(item.id, own)
    await saveContent(db, item.id, content('Draft', `${LONG} typed`), own)
    await waitFor(() => expect(echoedUpdate(item.id)).toBe(own))
    await afterEcho(own)
    expect(pane.length).toBe(renders)
    expect(pane.at(-1)).toBe(firstPane)
    // ...and the editor keeps the row it has: the echo is of its own content.
    expect(editor.at(-1)).toBe(first)

    // Written elsewhere: the editor gets it.
    await saveContent(db, item.id, content('Draft', 'Replaced elsewhere'), own + 1)
    await waitFor(() => expect(editor.at(-1)?.bodyText).toBe('Replaced elsewhere'))

    // An own save that changes the title: the editor gets it too.
    noteOwnSave(item.id, own + 2)
    await saveContent(db, item.id, content('Retitled', 'Replaced elsewhere'), own + 2)
    await waitFor(() => expect(editor.at(-1)?.title).toBe('Retitled'))
  })
})

describe('the detail header after an autosave', () => {
  it("shows the echoed save's time without rendering again, and keeps it when rendered again with the row it had", async () => {
    await initI18n('en')
    const fiveMinutesAgo = Date.now() - 5 * 60_000
    let commits = 0
    const header = (updatedAt: number) => (
      <Profiler id="header" onRender={() => commits++}>
        <DetailHeader itemId="echoed-item" kind="note" createdAt={fiveMinutesAgo} updatedAt={updatedAt} career={null} />
      </Profiler>
    )
    const view = render(header(fiveMinutesAgo))
    const updated = () => screen.getByText(/^edited /)
    expect(updated().textContent).toBe('edited 5 minutes ago')
    const rendered = commits

    // Another item's echo changes nothing here.
    noteEchoedUpdate('another-item', Date.now())
    expect(updated().textContent).toBe('edited 5 minutes ago')

    const now = Date.now()
    noteEchoedUpdate('echoed-item', now)
    expect(updated().textContent).toBe('edited just now')
    expect(updated().title).not.toBe(screen.getByText(/^Created /).title)
    expect(commits).toBe(rendered)

    // Rendered again with the row it had (another prop changed, say): the echoed time stays.
    view.rerender(header(fiveMinutesAgo))
    expect(updated().textContent).toBe('edited just now')
  })
})
