// @vitest-environment jsdom
// The status bar says "Saving…" from the first keystroke until the save is written, and re-renders only when
// its words change: a save starting (pending → saving) commits nothing in React (each commit, with the caret in
// a long document, walks its DOM), while data-state still follows every state.
import { act, cleanup, render, screen } from '@testing-library/react'
import { Profiler } from 'react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { initI18n } from '../../../src/i18n'
import { Autosaver } from '../../../src/features/editor/autosave'
import { StatusBar } from '../../../src/features/editor/StatusBar'

beforeAll(async () => {
  await initI18n('en')
})
afterEach(() => cleanup())

describe('StatusBar', () => {
  it('follows pending, saving, saved and error in data-state, re-rendering only when its words change', async () => {
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
    const state = () => screen.getByText(/^(Saved|Saving…|Not saved)/)
    expect(state().getAttribute('data-state')).toBe('saved')

    act(() => saver.change())
    expect(state().textContent).toBe('Saving…')
    expect(state().getAttribute('data-state')).toBe('pending')
    const afterPending = commits

    let flushed: Promise<boolean> = Promise.resolve(true)
    act(() => {
      flushed = saver.flush()
    })
    expect(state().getAttribute('data-state')).toBe('saving')
    expect(state().textContent).toBe('Saving…')
    expect(commits).toBe(afterPending)

    await act(async () => {
      finish(true)
      await flushed
    })
    expect(state().textContent).toBe('Saved')
    expect(state().getAttribute('data-state')).toBe('saved')
    expect(commits).toBe(afterPending + 1)

    act(() => saver.change())
    act(() => void saver.flush())
    await act(async () => {
      finish(false)
      await Promise.resolve()
    })
    expect(state().getAttribute('data-state')).toBe('error')
    expect(screen.getByRole('button', { name: 'Try again now' })).toBeTruthy()
  })
})
