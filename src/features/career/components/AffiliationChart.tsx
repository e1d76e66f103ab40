// The affiliations as bars on a shared year axis: overlaps, gaps and lengths show at a glance. The list beside it
// says the same in words, so the chart is one image for assistive technology, named by its summary.
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { localIsoDate, type Affiliation } from '../../../core/career'
import { formatIsoMonth } from '../dates'

const DAY = 86_400_000

function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY
}

export interface ChartLayout {
  lanes: { affiliation: Affiliation; left: number; width: number }[]
  ticks: { year: number; left: number }[]
}

/** Positions (in % of the track) of each bar and of the year ticks; an open end runs to `today`. */
export function chartLayout(affiliations: readonly Affiliation[], today: string): ChartLayout {
  if (affiliations.length === 0) return { lanes: [], ticks: [] }
  const firstYear = Math.min(...affiliations.map((a) => Number(a.start.slice(0, 4))))
  const lastEnd = affiliations.reduce((max, a) => {
    const end = a.end || today
    return end > max ? end : max
  }, today)
  const lastYear = Number(lastEnd.slice(0, 4)) + 1
  const from = dayNumber(`${firstYear}-01-01`)
  const span = dayNumber(`${lastYear}-01-01`) - from
  const pct = (iso: string) => ((dayNumber(iso) - from) / span) * 100
  const lanes = affiliations.map((affiliation) => {
    const left = pct(affiliation.start)
    // The end day is included: the bar reaches the end of that day.
    const right = pct(affiliation.end || today) + 100 / span
    return { affiliation, left, width: Math.max(right - left, 0) }
  })
  const years = lastYear - firstYear
  const step = Math.max(1, Math.ceil(years / 8))
  const ticks: ChartLayout['ticks'] = []
  for (let year = firstYear; year <= lastYear; year += step) ticks.push({ year, left: pct(`${year}-01-01`) })
  return { lanes, ticks }
}

export function AffiliationChart({ affiliations }: { affiliations: readonly Affiliation[] }) {
  const { t, i18n } = useTranslation('career')
  const today = localIsoDate(Date.now())
  const layout = useMemo(() => chartLayout(affiliations, today), [affiliations, today])
  if (layout.lanes.length === 0) return null
  const period = (a: Affiliation) =>
    t('settings.period', { start: formatIsoMonth(a.start, i18n.language), end: a.end ? formatIsoMonth(a.end, i18n.language) : t('settings.present') })
  const summary = [t('settings.chart'), ...layout.lanes.map(({ affiliation: a }) => t('settings.chartBar', { organisation: a.organisation, period: period(a) }))].join('. ')
  return (
    <figure className="career-chart" role="img" aria-label={summary} style={{ margin: 0 }}>
      {layout.lanes.map(({ affiliation, left, width }) => (
        <div className="career-chart-lane" key={affiliation.id} aria-hidden>
          <span className="career-chart-name" title={affiliation.organisation}>
            {affiliation.organisation}
          </span>
          <span className="career-chart-track">
            <span
              className={`career-chart-bar label-${affiliation.defaultLabel}`}
              style={{ left: `${left}%`, width: `${width}%` }}
              title={`${affiliation.organisation} · ${period(affiliation)} · ${t(`labels.${affiliation.defaultLabel}`)}`}
            />
          </span>
        </div>
      ))}
      <div className="career-chart-axis" aria-hidden>
        <span />
        <span className="career-chart-ticks">
          {layout.ticks.map((tick) => (
            // The first and last years align inward so they never stick out of the chart.
            <span key={tick.year} className="career-chart-tick" style={{ left: `${tick.left}%`, transform: `translateX(${tick.left > 95 ? -100 : tick.left < 5 ? 0 : -50}%)` }}>
              {tick.year}
            </span>
          ))}
        </span>
      </div>
      <div className="career-chart-legend" aria-hidden>
        {(['personal', 'employer-public', 'employer-confidential'] as const).map((label) => (
          <span key={label}>
            <span className={`career-chart-swatch career-chart-bar label-${label}`} style={{ position: 'static' }} />
            {t(`labels.${label}`)}
          </span>
        ))}
      </div>
    </figure>
  )
}
