// @vitest-environment jsdom
// The insights dashboard: reached from the sidebar, the palette and its shortcut; figures (in each chart's table)
// follow the database through the search index; every chart is a captioned figure with a spoken summary.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import type { BaluchonDb } from '../../../src/db'
import { createAffiliation, setItemLabel } from '../../../src/features/career'
import { createItem } from '../../../src/features/items/repository'
import { renderApp } from '../library/harness'

afterEach(() => cleanup())

// jsdom has no CSS.supports, which the heatmap uses to check its colours.
globalThis.CSS ??= { supports: () => true } as unknown as typeof CSS
if (!('supports' in globalThis.CSS)) Object.assign(globalThis.CSS, { supports: () => true })
// Nor layout: the heatmap measures its month labels.
const svgProto = SVGElement.prototype as unknown as { getBBox?: () => DOMRect }
svgProto.getBBox ??= () => ({ x: 0, y: 0, width: 20, height: 10 }) as DOMRect

const year = new Date().getFullYear()
const at = (iso: string) => new Date(`${iso}T12:00:00`).getTime()

async function sample(db: BaluchonDb): Promise<void> {
  await createAffiliation(db, { organisation: 'Acme', role: 'Engineer', start: `${year - 1}-01-01`, end: '', defaultLabel: 'employer-confidential' }, undefined, 1)
  await createItem(db, 'post', { title: 'On craft', tags: ['Craft', 'Web'] }, at(`${year}-03-04`))
  await createItem(db, 'post', { title: 'On tools', tags: ['craft'] }, at(`${year}-03-20`))
  await createItem(db, 'note', { title: 'Old idea', tags: [] }, at(`${year - 5}-06-01`))
  const post = await db.items.where('kind').equals('post').first()
  await db.publications.bulkAdd([
    { id: 'pub1', itemId: post!.id, channel: 'wordpress', status: 'published' },
    { id: 'pub2', itemId: post!.id, channel: 'mastodon', status: 'queued' },
  ] as never)
}

const sidebar = () => screen.getByRole('navigation', { name: 'Library' })
const figure = (name: string | RegExp) => screen.getByRole('figure', { name })
const cellsOf = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent)

/** Opens a chart's table ("Show the figures"), which is only built once asked for, and waits for it. */
async function showFigures(figureElement: HTMLElement): Promise<HTMLElement> {
  const details = figureElement.querySelector('details')!
  fireEvent.click(within(figureElement).getByText('Show the figures'))
  // jsdom may not toggle <details> on a click of its summary as browsers do.
  if (!details.open) {
    act(() => {
      details.open = true
      details.dispatchEvent(new Event('toggle'))
    })
  }
  await waitFor(() => expect(within(figureElement).getByRole('table')).toBeTruthy())
  return figureElement
}

describe('contribution insights', () => {
  it('shows the year’s figures per month, per affiliation and per tag, from the sidebar', async () => {
    await renderApp(sample)
    fireEvent.click(within(sidebar()).getByRole('button', { name: 'Insights' }))
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Contribution insights' })).toBeTruthy())
    const months = await showFigures(await waitFor(() => figure(`Contributions per month, ${year}`)))
    expect(within(months).queryAllByRole('row').length).toBeGreaterThan(12)
    // The spoken summary names the count and the busiest month.
    expect(within(months).getByRole('img').getAttribute('aria-label')).toMatch(/^2 contributions in \d{4}; the busiest month was March \d{4} with 2\.$/)
    const march = within(months).getByRole('row', { name: new RegExp(`^March ${year}`) })
    expect(cellsOf(march)).toEqual(['2', '0', '0', '0', '2'])

    const affiliations = await showFigures(figure('Per affiliation, all time'))
    expect(cellsOf(within(affiliations).getByRole('row', { name: /^Acme/ }))).toEqual(['2', '0', '0', '0', '2', '2'])
    expect(cellsOf(within(affiliations).getByRole('row', { name: /^No affiliation/ }))).toEqual(['0', '0', '0', '1', '0', '1'])

    const tags = await showFigures(figure('Most used tags'))
    expect(cellsOf(within(tags).getByRole('row', { name: /^Craft/ }))).toEqual(['2'])
    const channels = await showFigures(figure('Publications per channel'))
    expect(cellsOf(within(channels).getByRole('row', { name: /^WordPress/ }))).toEqual(['1', '0', '0'])
    expect(cellsOf(within(channels).getByRole('row', { name: /^Mastodon/ }))).toEqual(['0', '1', '0'])
    expect(within(sidebar()).getByRole('button', { name: 'Insights' }).getAttribute('aria-current')).toBeTruthy()
  })

  it('follows changes: a label chosen by hand moves the confidential count', async () => {
    const { db } = await renderApp(sample)
    fireEvent.click(within(sidebar()).getByRole('button', { name: 'Insights' }))
    await showFigures(await waitFor(() => figure('Per affiliation, all time')))
    const acmeRow = () => within(figure('Per affiliation, all time')).getByRole('row', { name: /^Acme/ })
    await waitFor(() => expect(cellsOf(acmeRow())[4]).toBe('2'))
    const post = await db.items.where('kind').equals('post').first()
    await setItemLabel(db, post!.id, 'personal')
    await waitFor(() => expect(cellsOf(acmeRow())[4]).toBe('1'))
  })

  it('opens from the palette and the keyboard, and the year picker changes the year shown', async () => {
    const user = userEvent.setup()
    await renderApp(sample)
    await user.keyboard('{Control>}{Shift>}d{/Shift}{/Control}')
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Contribution insights' })).toBeTruthy())
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Year' }), String(year - 5))
    await waitFor(() => expect(figure(`Contributions per month, ${year - 5}`)).toBeTruthy())
    await showFigures(figure(`Contributions per month, ${year - 5}`))
    await waitFor(() =>
      expect(cellsOf(within(figure(`Contributions per month, ${year - 5}`)).getByRole('row', { name: new RegExp(`^June ${year - 5}`) }))).toEqual(['0', '0', '0', '1', '1']),
    )
    // Back to the library from the sidebar.
    fireEvent.click(within(sidebar()).getByRole('button', { name: /^All/ }))
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Contribution insights' })).toBeNull())
    await user.keyboard('{Control>}k{/Control}')
    await user.type(await screen.findByRole('combobox'), 'insights')
    await user.keyboard('{Enter}')
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Contribution insights' })).toBeTruthy())
  })
})
