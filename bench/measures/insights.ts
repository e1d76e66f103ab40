// insights-render: a click on "Insights" in the sidebar until the dashboard's figures and charts are painted
// (totals, the month chart's bars, the heatmap's days and the affiliation chart), over the whole base.
// raw: the aggregation alone (src/core/career/insights.ts) over the same facts, in the same page.
import { PERF_MARKS } from '../../src/lib/perf'
import { raw, settle, timeInteraction, waitMark } from '../lib/inPage'
import { profileSample } from '../lib/profile'
import { kindButton, sidebar } from '../lib/ui'
import type { AppSession } from './session'
import { samples, type Samples } from './types'

/** Holds once every chart of the dashboard has drawn (the charts draw once they know their width). */
const PAINTED = [
  '.insights-body',
  ':has(.insights-total-all .insights-total-value)',
  ':has([aria-labelledby="insights-months-title"] .insights-bar)',
  ':has([aria-labelledby="insights-heatmap-title"] svg rect)',
  ':has([aria-labelledby="insights-affiliations-title"] .insights-bar)',
  ':has([aria-labelledby="insights-tags-title"] .insights-bar)',
].join('')

export async function insightsRender({ page, cdp }: AppSession, runs: number, log?: (message: string) => void): Promise<Samples> {
  const out = samples()
  await raw(page, 'addAffiliations')
  // On a settled app, as the other measures are: right after a start the search worker is still loading its body
  // shards (seconds at 50,000 items), and the dashboard's question waits behind that in the worker.
  if ((await waitMark(page, PERF_MARKS.searchComplete, 120_000)) === null) out.notes.push('search never completed')
  const insights = sidebar(page).getByRole('button', { name: 'Insights' })
  for (let i = 0; i < runs; i++) {
    // From the library each time: the dashboard mounts, asks for its figures and draws them.
    await kindButton(page, 'All').click()
    await settle(page)
    const ms = await profileSample(cdp, `insights-render-${i}`, () =>
      timeInteraction(page, 'click', { type: 'contains', selector: PAINTED, text: '' }, () => insights.click()),
    )
    if (ms === null) out.notes.push('dashboard not painted within 10 s')
    else out.app.push(ms)
    // Where the time went: the round trip to the search worker, from the marks the dashboard sets.
    const trip = await page.evaluate(
      ([asked, answered]) =>
        (performance.getEntriesByName(answered, 'mark').at(-1)?.startTime ?? NaN) - (performance.getEntriesByName(asked, 'mark').at(-1)?.startTime ?? NaN),
      [PERF_MARKS.insightsAsked, PERF_MARKS.insightsAnswered] as const,
    )
    log?.(`insights-render sample ${i}: ${ms === null ? 'none' : Math.round(ms)} ms, worker round trip ${Math.round(trip)} ms`)
    await settle(page)
  }
  for (let i = 0; i < runs; i++) out.raw.push(await raw(page, 'insightsAggregate'))
  await kindButton(page, 'All').click()
  await settle(page)
  return out
}
