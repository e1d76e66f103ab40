// @vitest-environment jsdom
// The list after this window's own autosave of a row it shows: it takes the row as the save wrote it instead of
// reading it again (the 200 KB draft's body, deserialised on the UI thread after every autosave), and still reads
// every row that anything else wrote (another window, a field written without the date changing, a Trash). The rows
// beside it that nothing wrote are kept as read, not read again (one IndexedDB request each), and still watched.
import { cleanup, render, waitFor } from '@testing-library/react'
import type { DBCore, DBCoreTable, Middleware } from 'dexie'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import type { Item } from '../../../src/core/items'
import { BaluchonDb, setDb } from '../../../src/db'
import { saveContentOffThread } from '../../../src/features/editor/saveOffThread'
import { createItem, saveContent } from '../../../src/features/items/repository'
import { freshListRow } from '../../../src/features/library/prefetch'
import { noteOwnRowSaving, noteOwnRowWritten } from '../../../src/features/library/rowWrites'
import { useListWindow, type ListSource } from '../../../src/features/library/useListWindow'
import { itemReadCounter } from './itemReads'

let db: BaluchonDb
let n = 0
/** The item whose row reads are counted, and how many times its row was read (its value, by any read). */
let watched = ''
let reads = 0
/** Every request to the items table in a read-only transaction (keys, counts, rows). */
const anyReads = itemReadCounter()

/**
 * Counts every read of the watched row's value on the items table in a read-only transaction, whatever the read
 * (get, getAll, cursor): a save's own read of the row, inside its read-write transaction, is the save's (in the
 * app, the save worker's), not the list's.
 */
const readCounter: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'row-reads',
  create: (core) => ({
    ...core,
    table(name) {
      const table = core.table(name)
      if (name !== 'items') return table
      const reading = (req: { trans: unknown }) => (req.trans as IDBTransaction).mode === 'readonly'
      const seen = (row: unknown) => {
        if ((row as { id?: string } | undefined)?.id === watched) reads++
      }
      const counted: DBCoreTable = {
        ...table,
        getMany: async (req) => {
          const rows = await table.getMany(req)
          if (reading(req)) rows.forEach(seen)
          return rows
        },
        get: async (req) => {
          const row: unknown = await table.get(req)
          if (reading(req)) seen(row)
          return row
        },
        query: async (req) => {
          const res = await table.query(req)
          if (req.values && reading(req)) res.result.forEach(seen)
          return res
        },
        openCursor: async (req) => {
          const cursor = await table.openCursor(req)
          if (!cursor || !req.values || !reading(req)) return cursor
          return Object.create(cursor, {
            value: {
              get() {
                seen(cursor.value)
                return cursor.value as unknown
              },
            },
          }) as typeof cursor
        },
      }
      return counted
    },
  }),
}

beforeEach(async () => {
  db = new BaluchonDb(`list-own-save-${Date.now()}-${n++}`)
  db.use(readCounter)
  db.use(anyReads.middleware)
  await db.open()
  setDb(db)
  reads = 0
  anyReads.reset()
})
afterEach(() => {
  cleanup()
  db.close()
})

const LONG = 'The start of a long draft, which the preview shows. '.repeat(40)
const content = (title: string, text: string) => ({ title, body: docFromText(text), bodyText: text })

const source: ListSource = { type: 'items', filter: {} }
/** The list of every item, its first three rows handed out at each render. */
function List({ onRender }: { onRender: (rows: (Item | undefined)[]) => void }) {
  const data = useListWindow(source, 0, 5)
  onRender([0, 1, 2].map((i) => data.rowAt(i)))
  return null
}

describe('the list after an own autosave', () => {
  it("takes the row as this window's save wrote it without reading it, and reads it after any other write", async () => {
    const item = await createItem(db, 'post', { title: 'Draft', body: docFromText(LONG), bodyText: LONG }, Date.now() - 10_000)
    const older = await createItem(db, 'note', { title: 'Older' }, Date.now() - 20_000)
    watched = item.id
    const shown: (Item | undefined)[][] = []
    render(
      <>
        <List onRender={(rows) => shown.push(rows)} />
      </>,
    )
    await waitFor(() => expect(shown.at(-1)?.[0]?.id).toBe(item.id))
    expect(reads).toBeGreaterThan(0)
    reads = 0

    // Own saves, as the editor writes them: the new title, date, plain text and slug shown, the row never read.
    const own = Date.now()
    await saveContentOffThread(db, item.id, content('Draft renamed', `Typed first. ${LONG}`), own)
    await waitFor(() => expect(shown.at(-1)?.[0]?.title).toBe('Draft renamed'))
    const row = shown.at(-1)![0]!
    expect(row.updatedAt).toBe(own)
    expect(row.bodyText).toBe(`Typed first. ${LONG}`)
    expect(row.kind === 'post' && row.slug).toBe('draft-renamed')
    await saveContentOffThread(db, item.id, content('Draft renamed again', `Typed again. ${LONG}`), own + 1)
    await waitFor(() => expect(shown.at(-1)?.[0]?.title).toBe('Draft renamed again'))
    expect(shown.at(-1)?.[1]?.id).toBe(older.id)
    expect(reads).toBe(0)
    // What the list holds of that row is not its database copy any more (an older body): never handed out to open it.
    expect(freshListRow(db, item.id)).toBeUndefined()

    // The same row as the database holds it, every field but the body the list never shows.
    const stored = (await db.items.get(item.id))!
    reads = 0
    const { body: _storedBody, ...storedFields } = stored
    const { body: _shownBody, ...shownFields } = shown.at(-1)![0]!
    expect(shownFields).toEqual(storedFields)

    // Written elsewhere (another window's save): read and shown.
    await saveContent(db, item.id, content('Renamed elsewhere', 'Replaced elsewhere'), own + 2)
    await waitFor(() => expect(shown.at(-1)?.[0]?.title).toBe('Renamed elsewhere'))
    expect(reads).toBeGreaterThan(0)

    // A field written without the date changing (a link's fetch state, a flag), right after an own save: shown.
    await saveContentOffThread(db, item.id, content('Renamed here', 'Typed here'), own + 3)
    await db.table('items').update(item.id, { excerpt: 'Changed without a date' })
    await waitFor(() => expect((shown.at(-1)?.[0] as { excerpt?: string } | undefined)?.excerpt).toBe('Changed without a date'))
    expect(shown.at(-1)?.[0]?.title).toBe('Renamed here')

    // The same on a row no save touched: shown.
    await db.table('items').update(older.id, { title: 'Older, retitled elsewhere' })
    await waitFor(() => expect(shown.at(-1)?.[1]?.title).toBe('Older, retitled elsewhere'))

    // Trashed (its date unchanged): it leaves the list.
    await db.table('items').update(item.id, { trashed: 1, trashedAt: own + 4 })
    await waitFor(() => expect(shown.at(-1)?.[0]?.id).toBe(older.id))
  })

  it('keeps the rows beside it that nothing wrote without reading them again, and still shows a later write to them', async () => {
    const item = await createItem(db, 'post', { title: 'Draft', body: docFromText(LONG), bodyText: LONG }, Date.now() - 10_000)
    const older = await createItem(db, 'note', { title: 'Older' }, Date.now() - 20_000)
    const oldest = await createItem(db, 'note', { title: 'Oldest' }, Date.now() - 30_000)
    watched = older.id
    const shown: (Item | undefined)[][] = []
    render(<List onRender={(rows) => shown.push(rows)} />)
    await waitFor(() => expect(shown.at(-1)?.map((row) => row?.id)).toEqual([item.id, older.id, oldest.id]))
    expect(reads).toBeGreaterThan(0)
    reads = 0

    const own = Date.now()
    await saveContentOffThread(db, item.id, content('Draft renamed', `Typed first. ${LONG}`), own)
    await waitFor(() => expect(shown.at(-1)?.[0]?.title).toBe('Draft renamed'))
    await saveContentOffThread(db, item.id, content('Draft renamed again', `Typed again. ${LONG}`), own + 1)
    await waitFor(() => expect(shown.at(-1)?.[0]?.title).toBe('Draft renamed again'))
    expect(shown.at(-1)?.map((row) => row?.title)).toEqual(['Draft renamed again', 'Older', 'Oldest'])
    expect(reads).toBe(0)

    // Written elsewhere without its date changing: read again and shown, after those own saves and after another.
    await db.table('items').update(older.id, { title: 'Older, retitled elsewhere' })
    await waitFor(() => expect(shown.at(-1)?.[1]?.title).toBe('Older, retitled elsewhere'))
    expect(reads).toBeGreaterThan(0)
    await saveContentOffThread(db, item.id, content('Draft renamed a third time', 'Typed a third time'), own + 2)
    await waitFor(() => expect(shown.at(-1)?.[0]?.title).toBe('Draft renamed a third time'))
    reads = 0
    await db.table('items').update(oldest.id, { title: 'Oldest, retitled elsewhere' })
    await waitFor(() => expect(shown.at(-1)?.[2]?.title).toBe('Oldest, retitled elsewhere'))
    expect(shown.at(-1)?.[1]?.title).toBe('Older, retitled elsewhere')
    expect(reads).toBe(0)
  })
  it('reads nothing at all after an own autosave of the row it shows first, and reads again when that row moves or another comes', async () => {
    const item = await createItem(db, 'post', { title: 'Draft', body: docFromText(LONG), bodyText: LONG }, Date.now() - 10_000)
    const older = await createItem(db, 'note', { title: 'Older' }, Date.now() - 20_000)
    const shown: (Item | undefined)[][] = []
    render(<List onRender={(rows) => shown.push(rows)} />)
    await waitFor(() => expect(shown.at(-1)?.map((row) => row?.id)).toEqual([item.id, older.id, undefined]))
    // What the first read set off (the length, counted apart) is done before the count starts.
    await new Promise((resolve) => setTimeout(resolve, 50))
    anyReads.reset()

    // The row shown first, saved by this window's editor twice: not even the list's index is read.
    const own = Date.now()
    await saveContentOffThread(db, item.id, content('Draft renamed', `Typed first. ${LONG}`), own)
    await waitFor(() => expect(shown.at(-1)?.[0]?.title).toBe('Draft renamed'))
    await saveContentOffThread(db, item.id, content('Draft renamed again', `Typed again. ${LONG}`), own + 1)
    await waitFor(() => expect(shown.at(-1)?.[0]?.title).toBe('Draft renamed again'))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(anyReads.count()).toBe(0)
    expect(shown.at(-1)?.map((row) => row?.id)).toEqual([item.id, older.id, undefined])

    // An own save of the row shown second moves it first: the window is read again, in its new order.
    await saveContentOffThread(db, older.id, content('Older, typed in', 'Typed in'), own + 2)
    await waitFor(() => expect(shown.at(-1)?.map((row) => row?.title)).toEqual(['Older, typed in', 'Draft renamed again', undefined]))
    expect(anyReads.count()).toBeGreaterThan(0)

    // Saved again, now first: taken from that save, whose answer came after the read above began (jsdom writes
    // here, where a write is heard of before its save answers, as the worker's write can be).
    await saveContentOffThread(db, older.id, content('Older, typed again', 'Typed again'), own + 3)
    await waitFor(() => expect(shown.at(-1)?.[0]?.title).toBe('Older, typed again'))

    // A row made elsewhere comes first, read, even right after an own save of the first row.
    await saveContentOffThread(db, older.id, content('Older, typed a third time', 'Typed a third time'), own + 3.5)
    const newer = await createItem(db, 'note', { title: 'Newer' }, own + 4)
    await waitFor(() => expect(shown.at(-1)?.map((row) => row?.id)).toEqual([newer.id, older.id, item.id]))
    expect(shown.at(-1)?.[1]?.title).toBe('Older, typed a third time')
  })
})

describe('the list after own autosaves heard of before they answer', () => {
  /** A save as the worker makes it, its answer held: the write is heard of at once, the row it wrote told later. */
  async function heldSave(id: string, title: string, at: number): Promise<() => void> {
    let answer = () => {}
    noteOwnRowSaving(db.name, id, new Promise<void>((resolve) => (answer = resolve)))
    const row = await saveContent(db, id, content(title, `${title}. ${LONG}`), at)
    return () => {
      noteOwnRowWritten(db.name, row!)
      answer()
    }
  }

  it("never shows a save's row for the next save, when the first answered after a read of the list began", async () => {
    const newer = await createItem(db, 'note', { title: 'Newer' }, Date.now() - 10_000)
    const item = await createItem(db, 'note', { title: 'Draft' }, Date.now() - 20_000)
    const shown: (Item | undefined)[][] = []
    render(<List onRender={(rows) => shown.push(rows)} />)
    await waitFor(() => expect(shown.at(-1)?.map((row) => row?.id)).toEqual([newer.id, item.id, undefined]))

    // Saved while second: the list reads the window again, and takes the row from the save once it answers.
    const own = Date.now()
    const answerFirst = await heldSave(item.id, 'First save', own)
    await new Promise((resolve) => setTimeout(resolve, 20))
    answerFirst()
    await waitFor(() => expect(shown.at(-1)?.[0]?.title).toBe('First save'))

    // Saved again, now first, heard of before it answers: the list shows this save, not the first one.
    const answerSecond = await heldSave(item.id, 'Second save', own + 1)
    await new Promise((resolve) => setTimeout(resolve, 20))
    answerSecond()
    await waitFor(() => expect(shown.at(-1)?.[0]?.title).toBe('Second save'))
  })
})
