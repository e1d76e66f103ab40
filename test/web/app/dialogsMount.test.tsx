// @vitest-environment jsdom
// The dialogs that start closed and read the database when mounted (the portfolio's profile, the changing-employer
// wizard, an item's revisions) are not mounted while the window starts, so their live queries do not run before
// the rows' first paint; each mounts when first opened (File menu included) and stays mounted after it closes.
import { act, cleanup, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { closeChangingEmployer, openChangingEmployer } from '../../../src/features/changingEmployer'
import { closePortfolio } from '../../../src/features/portfolio/store'
import { dismissMarkdownExport } from '../../../src/features/export/store'
import { renderApp } from '../library/harness'

// Counted in the layout phase: it runs inside React's commit, before the dialog can be found in the DOM, where
// a passive effect may still be pending when findByRole answers (a flaky 0 in CI).
const mounts = vi.hoisted(() => ({ portfolio: 0, changingEmployer: 0, revisions: 0 }))

vi.mock('../../../src/features/portfolio/PortfolioDialog', async () => {
  const { useLayoutEffect } = await import('react')
  const { usePortfolioState } = await import('../../../src/features/portfolio/store')
  return {
    PortfolioDialog: function PortfolioDialogDouble() {
      const { open } = usePortfolioState()
      useLayoutEffect(() => {
        mounts.portfolio++
      }, [])
      return open ? <div role="dialog" aria-label="Portfolio" /> : null
    },
  }
})

vi.mock('../../../src/features/changingEmployer/ChangingEmployerDialog', async () => {
  const { useLayoutEffect } = await import('react')
  const { useWizardState } = await import('../../../src/features/changingEmployer/store')
  return {
    ChangingEmployerDialog: function ChangingEmployerDialogDouble() {
      const { open } = useWizardState()
      useLayoutEffect(() => {
        mounts.changingEmployer++
      }, [])
      return open ? <div role="dialog" aria-label="Changing employer" /> : null
    },
  }
})

vi.mock('../../../src/features/revisions/RevisionsDialog', async () => {
  const { useLayoutEffect } = await import('react')
  return {
    RevisionsDialog: function RevisionsDialogDouble() {
      useLayoutEffect(() => {
        mounts.revisions++
      }, [])
      return null
    },
  }
})

afterEach(() => {
  cleanup()
  dismissMarkdownExport()
  closePortfolio()
  closeChangingEmployer()
  mounts.portfolio = 0
  mounts.changingEmployer = 0
  mounts.revisions = 0
})

describe('dialogs that start closed', () => {
  it('are not mounted at start', async () => {
    await renderApp()
    await screen.findByRole('listbox', { name: 'Items' })
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0))
    })
    expect(mounts).toEqual({ portfolio: 0, changingEmployer: 0, revisions: 0 })
  })

  it('the portfolio mounts on its first File menu command and stays mounted once closed', async () => {
    const { api } = await renderApp()
    await screen.findByRole('listbox', { name: 'Items' })
    act(() => api.emit('menuCommand', { command: 'portfolio' }))
    await screen.findByRole('dialog', { name: 'Portfolio' })
    expect(mounts.portfolio).toBe(1)
    act(() => closePortfolio())
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Portfolio' })).toBeNull())
    act(() => api.emit('menuCommand', { command: 'portfolio' }))
    await screen.findByRole('dialog', { name: 'Portfolio' })
    expect(mounts.portfolio).toBe(1)
  })

  it('the Markdown export dialog (loaded when first opened) opens from its File menu command', async () => {
    const { api } = await renderApp()
    await screen.findByRole('listbox', { name: 'Items' })
    expect(screen.queryByRole('dialog', { name: 'Export as Markdown' })).toBeNull()
    act(() => api.emit('menuCommand', { command: 'export-markdown' }))
    await screen.findByRole('dialog', { name: 'Export as Markdown' })
    act(() => dismissMarkdownExport())
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Export as Markdown' })).toBeNull())
    act(() => api.emit('menuCommand', { command: 'export-markdown' }))
    await screen.findByRole('dialog', { name: 'Export as Markdown' })
  })

  it('the changing-employer wizard mounts when opened and stays mounted once closed', async () => {
    await renderApp()
    await screen.findByRole('listbox', { name: 'Items' })
    act(() => openChangingEmployer())
    await screen.findByRole('dialog', { name: 'Changing employer' })
    expect(mounts.changingEmployer).toBe(1)
    act(() => closeChangingEmployer())
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Changing employer' })).toBeNull())
    act(() => openChangingEmployer())
    await screen.findByRole('dialog', { name: 'Changing employer' })
    expect(mounts.changingEmployer).toBe(1)
  })
})
