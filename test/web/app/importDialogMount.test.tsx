// @vitest-environment jsdom
// The import dialog (its chunk carries the editor's schema and the Markdown parser) is not mounted while the
// window starts, so its code is not fetched in the middle of the first paint; it mounts when first asked for,
// and stays mounted after it closes.
import { act, cleanup, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openImportDialog, setImportDialogOpen, useImportDialogOpen } from '../../../src/features/import/opener'
import { renderApp } from '../library/harness'

// Counted in the layout phase: it runs inside React's commit, before the dialog can be found in the DOM, where
// a passive effect may still be pending when findByRole answers (a flaky 0 in CI).
const mounts = vi.hoisted(() => ({ count: 0 }))

vi.mock('../../../src/features/import/ImportDialog', async () => {
  const { useLayoutEffect } = await import('react')
  return {
    ImportDialog: function ImportDialogDouble() {
      const open = useImportDialogOpen()
      useLayoutEffect(() => {
        mounts.count++
      }, [])
      return open ? <div role="dialog" aria-label="Import" /> : null
    },
  }
})

afterEach(() => {
  cleanup()
  setImportDialogOpen(false)
  mounts.count = 0
})

describe('import dialog mounting', () => {
  it('is not mounted at start, mounts when asked for and stays mounted once closed', async () => {
    await renderApp()
    await screen.findByRole('listbox', { name: 'Items' })
    // The dialog's module is there (as main.tsx warms it at idle): a lazy component rendered at start would
    // now mount.
    await act(async () => {
      await import('../../../src/features/import/ImportDialog')
    })
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0))
    })
    expect(mounts.count).toBe(0)
    act(() => openImportDialog())
    await screen.findByRole('dialog', { name: 'Import' })
    expect(mounts.count).toBe(1)
    act(() => setImportDialogOpen(false))
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Import' })).toBeNull())
    act(() => openImportDialog())
    await screen.findByRole('dialog', { name: 'Import' })
    expect(mounts.count).toBe(1)
  })
})
