// @vitest-environment jsdom
// The detail pane after this window's own autosave of the item it shows, written through the save path the editor
// uses (saveContentOffThread, which tells the row it wrote): the pane keeps its item and reads nothing at all from
// the items table, not even an index key; a write made elsewhere, or an own save that changes a field the pane shows,
// is read and shown; a write to another row is not even looked at.
import { cleanup, render, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import type { Item } from '../../../src/core/items'
import { BaluchonDb, setDb } from '../../../src/db'
import { noteOwnSave } from '../../../src/features/editor/ownSaves'
import { saveContentOffThread } from '../../../src/features/editor/saveOffThread'
import { createItem } from '../../../src/features/items/repository'
import { useDetailItem } from '../../../src/features/library/DetailPane'
import { echoedUpdate } from '../../../src/features/library/echoedUpdates'
import { itemReadCounter } from './itemReads'

let db: BaluchonDb
let n = 0
/** Requests to the items table in read-only transactions. */
const reads = itemReadCounter()

beforeEach(async () => {
  db = new BaluchonDb(`detail-own-save-${Date.now()}-${n++}`)
  db.use(reads.middleware)
  await db.open()
  setDb(db)
  reads.reset()
})
afterEach(() => {
  cleanup()
  db.close()
})

const LONG = 'The start of a long draft, which the preview shows. '.repeat(40)
const content = (title: string, text: string) => ({ title, body: docFromText(text), bodyText: text })
const settle = () => new Promise((resolve) => setTimeout(resolve, 50))

/** An autosave as the editor's session makes it: noted as its own, then written through the save path. */
async function ownSave(id: string, title: string, text: string, at: number): Promise<void> {
  noteOwnSave(id, at, title)
  await saveContentOffThread(db, id, content(title, text), at)
}

describe('the detail pane after an own autosave', () => {
  function Detail({ id, onRender }: { id: string; onRender: (item: Item | null | undefined) => void }) {
    onRender(useDetailItem(id))
    return null
  }

  it('reads nothing for the echo of its own saves, and reads what is written elsewhere or shown', async () => {
    const item = await createItem(db, 'note', { title: 'Draft', body: docFromText(LONG), bodyText: LONG }, Date.now() - 1000)
    const other = await createItem(db, 'note', { title: 'Other' }, Date.now() - 2000)
    const shown: (Item | null | undefined)[] = []
    render(<Detail id={item.id} onRender={(i) => shown.push(i)} />)
    await waitFor(() => expect(shown.at(-1)?.id).toBe(item.id))
    await settle()
    const first = shown.at(-1)
    const renders = shown.length
    reads.reset()

    // Three own saves: no read, no render, the header told of the newest.
    const own = Date.now()
    await ownSave(item.id, 'Draft', `${LONG} typed`, own)
    await ownSave(item.id, 'Draft', `${LONG} typed more`, own + 1)
    await ownSave(item.id, 'Draft', `${LONG} typed again`, own + 2)
    await waitFor(() => expect(echoedUpdate(item.id)).toBe(own + 2))
    await settle()
    expect(reads.count()).toBe(0)
    expect(shown.length).toBe(renders)
    expect(shown.at(-1)).toBe(first)

    // Another row written: not read for.
    await db.table('items').update(other.id, { title: 'Other, retitled' })
    await settle()
    expect(reads.count()).toBe(0)

    // Written elsewhere without the date changing (a link's fetch state, say): read and shown.
    await db.table('items').update(item.id, { excerpt: 'Changed elsewhere' })
    await waitFor(() => expect((shown.at(-1) as { excerpt?: string } | undefined)?.excerpt).toBe('Changed elsewhere'))
    expect(reads.count()).toBeGreaterThan(0)

    // An own save after it: no read again.
    await settle()
    reads.reset()
    await ownSave(item.id, 'Draft', `${LONG} typed once more`, own + 3)
    await waitFor(() => expect(echoedUpdate(item.id)).toBe(own + 3))
    await settle()
    expect(reads.count()).toBe(0)

    // An own save that renames the item: read, the new title shown.
    await ownSave(item.id, 'Retitled', `${LONG} typed once more`, own + 4)
    await waitFor(() => expect(shown.at(-1)?.title).toBe('Retitled'))
    expect(reads.count()).toBeGreaterThan(0)
  })
})
