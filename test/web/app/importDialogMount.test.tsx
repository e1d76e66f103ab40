// @vitest-environment jsdom
// The import dialog (its chunk carries the editor's schema and the Markdown parser) is not mounted while the
// window starts, so its code is not fetched in the middle of the first paint; it mounts when first asked for,
// and stays mounted after it closes.
import { act, cleanup, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openImportDialog, setImportDialogOpen, useImportDialogOpen } from '../../../src/features/import/opener'
import { renderApp } from '../library/harness'

const mounts = vi.hoisted(() => ({ count: 0 }))

vi.mock('../../../src/features/import/ImportDialog', async () => {
  const { useEffect } = await import('react')
  return {
    ImportDialog: function ImportDialogDouble() {
      const open = useImportDialogOpen()
      useEffect(() => {
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
