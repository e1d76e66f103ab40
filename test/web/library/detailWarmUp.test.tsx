// @vitest-environment jsdom
// The detail pane's warm-up (DetailWarmUp): each kind's pane drawn once at start where nothing shows it, only
// while the person is not pressing keys or clicking, writing nothing, and leaving the editor to the first open;
// then the pane mounted ahead of the first open (DetailPane's standby): hidden, writing nothing, mounted only after
// the warm-up and while the person is not pressing keys or clicking, and the first open then updates it in place
// (the same editor element) instead of mounting a pane.
import { act, cleanup, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import { ITEM_KINDS } from '../../../src/core/items'
import type { BaluchonDb } from '../../../src/db'
import { createItem } from '../../../src/features/items/repository'
import { preloadEditor, WARM_UP_MARK } from '../../../src/features/library/DetailPane'
import { renderApp, whileTyping } from './harness'

afterEach(() => {
  cleanup()
  performance.clearMarks()
})

async function sample(db: BaluchonDb): Promise<void> {
  await createItem(db, 'post', { title: 'Offline first', tags: ['web'], body: docFromText('service workers'), bodyText: 'service workers' }, 2000)
  await createItem(db, 'note', { title: 'Grocery ideas', body: docFromText('apples and pears'), bodyText: 'apples and pears' }, 1000)
}

const list = () => screen.getByRole('listbox', { name: 'Items' })
const warmed = () => ITEM_KINDS.filter((kind) => performance.getEntriesByName(`${WARM_UP_MARK}:${kind}`).length > 0)
const standbyPane = () => document.querySelector<HTMLElement>('.detail[data-standby]')
const sleep = (ms: number) => act(() => new Promise<void>((resolve) => setTimeout(resolve, ms)))

/** Within the hidden, aria-hidden box the editor's own drawing warm-up uses for one task (sharedEditor.ts). */
function hiddenStage(node: Node): boolean {
  const box = node instanceof Element ? node.closest<HTMLElement>('[aria-hidden="true"]') : null
  return !!box && box.style.visibility === 'hidden'
}

/** The pane mounted hidden once the warm-up is done (the standby tests below), which may come before this test looks. */
const inStandby = (node: Node): boolean => node instanceof Element && !!node.closest('.detail[data-standby][hidden]')

/** Elements put in the page, apart from that box's and the standby pane's. */
function watchPage(): { stop(): Element[] } {
  const added: Element[] = []
  const observer = new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) if (node instanceof Element && !hiddenStage(node) && !hiddenStage(record.target) && !inStandby(node)) added.push(node)
  })
  observer.observe(document.body, { childList: true, subtree: true })
  return {
    stop() {
      observer.disconnect()
      return added
    },
  }
}

const PANE_PARTS = '.detail, .be-editor, textarea, input, [contenteditable]'

/** Opens "Offline first" from the list as a person would; the pane then shows its title and body. */
async function openOfflineFirst(user: ReturnType<typeof userEvent.setup>): Promise<HTMLElement> {
  await user.click(within(list()).getByRole('option', { name: /Offline first/ }))
  const main = screen.getByRole('main')
  await waitFor(() => expect((within(main).getByRole('textbox', { name: 'Title' }) as HTMLTextAreaElement).value).toBe('Offline first'))
  expect(within(main).getByRole('textbox', { name: 'Body' }).textContent).toBe('service workers')
  return main
}

/**
 * Starts the app while a key comes every 100 ms (whileTyping: never quiet): `notYet` must hold after 2 s of keys,
 * `once` soon after they stop.
 */
async function waitsWhileTyping(notYet: () => void, once: () => void): Promise<void> {
  await whileTyping(async () => {
    await renderApp(sample)
    await within(list()).findByRole('option', { name: /Offline first/ })
    preloadEditor()
    await sleep(2000)
    notYet()
  })
  await waitFor(once, { timeout: 15_000 })
}

describe('detail pane warm-up', () => {
  it('draws each kind once where nothing shows it, writes nothing, and the first open then shows its item', async () => {
    const user = userEvent.setup()
    const { db } = await renderApp(sample)
    await within(list()).findByRole('option', { name: /Offline first/ })
    const before = await db.items.toArray()
    const page = watchPage()
    preloadEditor()
    await waitFor(() => expect(warmed()).toEqual([...ITEM_KINDS]), { timeout: 15_000 })
    const added = page.stop()
    // Nothing of a detail pane reached the page, nor the accessibility tree.
    expect(added.filter((el) => el.matches(PANE_PARTS) || el.querySelector(PANE_PARTS))).toEqual([])
    expect(screen.queryByRole('textbox', { name: 'Title' })).toBeNull()
    expect(screen.queryByRole('main')?.querySelector('.detail:not([data-standby])')).toBeFalsy()
    // Nothing written.
    expect(await db.items.toArray()).toEqual(before)

    await openOfflineFirst(user)
  })

  it("lays a date field out once in the page, hidden, for its icon (a talk's date field), and takes it out again", async () => {
    // What was laid out (getBoundingClientRect forces style and layout): a date field, while in the page.
    const laidOut: { dateField: boolean; hidden: boolean }[] = []
    const measure = HTMLElement.prototype.getBoundingClientRect
    const spy = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      const date = this.querySelector('input[type="date"]')
      if (date?.isConnected) laidOut.push({ dateField: true, hidden: hiddenStage(date) && !!date.closest('[inert]') })
      return measure.call(this)
    })
    try {
      await renderApp(sample)
      await within(list()).findByRole('option', { name: /Offline first/ })
      preloadEditor()
      // In a step after the kinds' draws: the standby pane (mounted after the warm-up) tells the warm-up is over.
      await waitFor(() => expect(standbyPane()).not.toBeNull(), { timeout: 15_000 })
      expect(warmed()).toEqual([...ITEM_KINDS])
    } finally {
      spy.mockRestore()
    }
    expect(laidOut).toEqual([{ dateField: true, hidden: true }])
    // Out of the page again: no date field anywhere (no talk is open).
    expect(document.querySelector('input[type="date"]')).toBeNull()
  })

  it('waits while the person presses keys, and draws once they stop', async () => {
    await waitsWhileTyping(
      () => expect(warmed()).toEqual([]),
      () => expect(warmed()).toEqual([...ITEM_KINDS]),
    )
  })
})

describe('detail pane standby', () => {
  it('is mounted hidden before the first open, writes nothing, and the first open updates it in place', async () => {
    const user = userEvent.setup()
    const { db } = await renderApp(sample)
    await within(list()).findByRole('option', { name: /Offline first/ })
    const before = await db.items.toArray()
    preloadEditor()
    await waitFor(() => expect(standbyPane()).not.toBeNull(), { timeout: 15_000 })
    const pane = standbyPane()!
    // Hidden: not drawn, not in the accessibility tree, nothing in it reachable; the welcome still shows.
    expect(pane.hidden).toBe(true)
    expect(screen.queryByRole('textbox', { name: 'Title' })).toBeNull()
    expect(screen.queryByRole('textbox', { name: 'Body' })).toBeNull()
    expect(screen.getByText('Nothing selected')).toBeTruthy()
    // With its editor mounted, empty.
    const editorRoot = pane.querySelector('.be-editor')
    const body = pane.querySelector('[contenteditable]')
    expect(editorRoot).not.toBeNull()
    expect(body?.textContent).toBe('')
    await sleep(300)
    expect(await db.items.toArray()).toEqual(before)

    const main = await openOfflineFirst(user)
    // The same pane and editor elements, now shown: an update, not a mount.
    expect(standbyPane()).toBeNull()
    expect(main.querySelector('.be-editor')).toBe(editorRoot)
    expect(main.querySelector('[contenteditable]')).toBe(body)
    expect(main.querySelectorAll('.detail')).toHaveLength(1)
    expect((main.querySelector('.detail') as HTMLElement).hidden).toBe(false)
    expect(screen.queryByText('Nothing selected')).toBeNull()
  })

  it('waits while the person presses keys, and is mounted once they stop', async () => {
    await waitsWhileTyping(
      () => expect(standbyPane()).toBeNull(),
      () => expect(standbyPane()).not.toBeNull(),
    )
  })

  it('an item opened before it is mounted shows as before, with one pane and one editor', async () => {
    const user = userEvent.setup()
    await renderApp(sample)
    await user.click(await within(list()).findByRole('option', { name: /Grocery ideas/ }))
    const main = screen.getByRole('main')
    await waitFor(() => expect((within(main).getByRole('textbox', { name: 'Title' }) as HTMLTextAreaElement).value).toBe('Grocery ideas'))
    preloadEditor()
    await sleep(2500)
    expect(standbyPane()).toBeNull()
    expect(document.querySelectorAll('.detail')).toHaveLength(1)
    expect(document.querySelectorAll('.be-editor')).toHaveLength(1)
    expect(within(main).getByRole('textbox', { name: 'Body' }).textContent).toBe('apples and pears')
  })
})
