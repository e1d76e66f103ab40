// @vitest-environment jsdom
// The status bar says "Saving…" from the first keystroke until the save is written, then "Saved", and renders
// in React only when a failure starts or ends: an autosave (pending → saving → saved) commits nothing in React
// (each commit, with the caret in a long document, walks its DOM), while data-state follows every state. Both
// words stay laid out and a change of state only flips which one is hidden (aria-hidden): no text changes, so
// Chromium repaints without laying anything out (see StatusBar.tsx).
import { act, cleanup, render, screen } from '@testing-library/react'
import { Profiler } from 'react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { i18next, initI18n } from '../../../src/i18n'
import { Autosaver } from '../../../src/features/editor/autosave'
import { StatusBar } from '../../../src/features/editor/StatusBar'
import { shownSaveWords } from './harness'

beforeAll(async () => {
  await initI18n('en')
})
afterEach(() => {
  vi.restoreAllMocks()
  cleanup()
})

function renderBar(saver: Autosaver<string>, onRender?: () => void) {
  const bar = <StatusBar stats={{ words: 1, minutes: 1 }} saver={saver as Autosaver<unknown>} onRetry={() => undefined} notice={null} onDismissNotice={() => undefined} />
  return render(onRender ? <Profiler id="bar" onRender={onRender}>{bar}</Profiler> : bar)
}

/** The save region (live, with data-state) and every text node in it. */
const region = () => document.querySelector('.be-status-save')!
function textNodes(): Node[] {
  const walker = document.createTreeWalker(region(), NodeFilter.SHOW_TEXT)
  const nodes: Node[] = []
  while (walker.nextNode()) nodes.push(walker.currentNode)
  return nodes
}

describe('StatusBar', () => {
  it('looks its words up once, not at each save', async () => {
    const saver = new Autosaver<string>({ read: () => 'text', write: async () => undefined, delayMs: 60_000 })
    renderBar(saver)
    const save = async () => {
      act(() => saver.change())
      expect(shownSaveWords()).toBe('Saving…')
      await act(async () => void (await saver.flush()))
      expect(shownSaveWords()).toBe('Saved')
    }
    await save()
    const t = vi.spyOn(i18next, 't')
    await save()
    await save()
    expect(t.mock.calls.filter(([key]) => String(key).startsWith('status.'))).toEqual([])
  })

  it('looks the save words up once per language, not at each render (the counts change as the person types)', () => {
    const saver = new Autosaver<string>({ read: () => 'text', write: async () => undefined, delayMs: 60_000 })
    const bar = (words: number) => (
      <StatusBar stats={{ words, minutes: 1 }} saver={saver as Autosaver<unknown>} onRetry={() => undefined} notice={null} onDismissNotice={() => undefined} />
    )
    const view = render(bar(1))
    const t = vi.spyOn(i18next, 't')
    view.rerender(bar(2))
    view.rerender(bar(3))
    expect(screen.getByText('3 words')).toBeTruthy()
    expect(t.mock.calls.filter(([key]) => key === 'status.saving' || key === 'status.saved')).toEqual([])
    expect(shownSaveWords()).toBe('Saved')
  })

  it('shows one word at a time by hiding the other, never by writing text', async () => {
    const saver = new Autosaver<string>({ read: () => 'text', write: async () => undefined, delayMs: 60_000 })
    renderBar(saver)
    const nodes = textNodes()
    const texts = nodes.map((node) => node.textContent)
    expect(texts).toEqual(['Saving…', 'Saved'])
    const hidden = () => nodes.map((node) => node.parentElement!.getAttribute('aria-hidden'))
    expect(hidden()).toEqual(['true', null])

    act(() => saver.change())
    expect(hidden()).toEqual([null, 'true'])
    await act(async () => void (await saver.flush()))
    expect(hidden()).toEqual(['true', null])
    // The very text nodes, with the very text: only which one is hidden changed.
    expect(textNodes()).toEqual(nodes)
    expect(nodes.map((node) => node.textContent)).toEqual(texts)
    // Both are in the live region, the hidden one out of the accessibility tree (aria-hidden).
    expect(region().getAttribute('aria-live')).toBe('polite')
  })

  it('follows pending, saving, saved and error in data-state and its words, rendering in React only for a failure', async () => {
    let finish: (ok: boolean) => void = () => undefined
    const saver = new Autosaver<string>({
      read: () => 'text',
      write: () => new Promise<void>((resolve, reject) => (finish = (ok) => (ok ? resolve() : reject(new Error('disk'))))),
      delayMs: 60_000,
      retryDelaysMs: [60_000],
    })
    let commits = 0
    renderBar(saver, () => commits++)
    const state = () => region().getAttribute('data-state')
    expect(state()).toBe('saved')
    expect(shownSaveWords()).toBe('Saved')
    const rendered = commits

    act(() => saver.change())
    expect(shownSaveWords()).toBe('Saving…')
    expect(state()).toBe('pending')
    const afterPending = commits
    expect(afterPending).toBe(rendered)

    let flushed: Promise<boolean> = Promise.resolve(true)
    act(() => {
      flushed = saver.flush()
    })
    expect(state()).toBe('saving')
    expect(shownSaveWords()).toBe('Saving…')
    expect(commits).toBe(afterPending)

    await act(async () => {
      finish(true)
      await flushed
    })
    expect(shownSaveWords()).toBe('Saved')
    expect(state()).toBe('saved')
    expect(commits).toBe(afterPending)

    act(() => saver.change())
    act(() => void saver.flush())
    await act(async () => {
      finish(false)
      await Promise.resolve()
    })
    expect(state()).toBe('error')
    expect(region().querySelector('.be-status-words')!.className).toBe('be-status-words be-status-words--error')
    expect(shownSaveWords()).toBe('Not saved. Your text is still here; Baluchon keeps trying.')
    expect(screen.getByRole('button', { name: 'Try again now' })).toBeTruthy()

    // Saved after the failure: both words come back, rendered anew by React, "Saved" shown.
    let retried: Promise<boolean> = Promise.resolve(true)
    act(() => {
      retried = saver.flush()
    })
    await act(async () => {
      finish(true)
      await retried
    })
    expect(state()).toBe('saved')
    expect(shownSaveWords()).toBe('Saved')
    expect(textNodes().map((node) => node.textContent)).toEqual(['Saving…', 'Saved'])
    expect(screen.queryByRole('button', { name: 'Try again now' })).toBeNull()
  })
})
