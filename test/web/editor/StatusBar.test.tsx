// @vitest-environment jsdom
// The status bar says "Saving…" from the first keystroke until the save is written, then "Saved", and renders
// in React only when a failure starts or ends: an autosave (pending → saving → saved) commits nothing in React
// (each commit, with the caret in a long document, walks its DOM), while data-state follows every state.
import { act, cleanup, render, screen } from '@testing-library/react'
import { Profiler } from 'react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { i18next, initI18n } from '../../../src/i18n'
import { Autosaver } from '../../../src/features/editor/autosave'
import { StatusBar } from '../../../src/features/editor/StatusBar'

beforeAll(async () => {
  await initI18n('en')
})
afterEach(() => {
  vi.restoreAllMocks()
  cleanup()
})

describe('StatusBar', () => {
  it('looks its words up once, not at each save', async () => {
    const saver = new Autosaver<string>({ read: () => 'text', write: async () => undefined, delayMs: 60_000 })
    render(<StatusBar stats={{ words: 1, minutes: 1 }} saver={saver as Autosaver<unknown>} onRetry={() => undefined} notice={null} onDismissNotice={() => undefined} />)
    const words = () => screen.getByText(/^(Saved|Saving…)$/)
    const save = async () => {
      act(() => saver.change())
      expect(words().textContent).toBe('Saving…')
      await act(async () => void (await saver.flush()))
      expect(words().textContent).toBe('Saved')
    }
    await save()
    const t = vi.spyOn(i18next, 't')
    await save()
    await save()
    expect(t.mock.calls.filter(([key]) => String(key).startsWith('status.'))).toEqual([])
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
    render(
      <Profiler id="bar" onRender={() => commits++}>
        <StatusBar stats={{ words: 1, minutes: 1 }} saver={saver as Autosaver<unknown>} onRetry={() => undefined} notice={null} onDismissNotice={() => undefined} />
      </Profiler>,
    )
    const words = () => screen.getByText(/^(Saved|Saving…|Not saved)/)
    // data-state is on the live region around the words; the words' box says which words they are (editor.css).
    const state = () => words().closest('.be-status-save')!
    expect(state().getAttribute('data-state')).toBe('saved')
    expect(words().className).toBe('be-status-words be-status-words--saved')
    const rendered = commits

    act(() => saver.change())
    expect(state().textContent).toBe('Saving…')
    expect(state().getAttribute('data-state')).toBe('pending')
    const afterPending = commits
    expect(afterPending).toBe(rendered)

    let flushed: Promise<boolean> = Promise.resolve(true)
    act(() => {
      flushed = saver.flush()
    })
    expect(state().getAttribute('data-state')).toBe('saving')
    expect(state().textContent).toBe('Saving…')
    expect(words().className).toBe('be-status-words be-status-words--saving')
    expect(commits).toBe(afterPending)

    await act(async () => {
      finish(true)
      await flushed
    })
    expect(state().textContent).toBe('Saved')
    expect(state().getAttribute('data-state')).toBe('saved')
    expect(words().className).toBe('be-status-words be-status-words--saved')
    expect(commits).toBe(afterPending)

    act(() => saver.change())
    act(() => void saver.flush())
    await act(async () => {
      finish(false)
      await Promise.resolve()
    })
    expect(state().getAttribute('data-state')).toBe('error')
    expect(words().className).toBe('be-status-words be-status-words--error')
    expect(state().textContent).toBe('Not saved. Your text is still here; Baluchon keeps trying.')
    expect(screen.getByRole('button', { name: 'Try again now' })).toBeTruthy()

    // Saved after the failure: the words come back, written again into the span React renders anew.
    let retried: Promise<boolean> = Promise.resolve(true)
    act(() => {
      retried = saver.flush()
    })
    await act(async () => {
      finish(true)
      await retried
    })
    expect(state().getAttribute('data-state')).toBe('saved')
    expect(state().textContent).toBe('Saved')
    expect(words().className).toBe('be-status-words be-status-words--saved')
    expect(screen.queryByRole('button', { name: 'Try again now' })).toBeNull()
  })
})
