// The dashboard's charts (visx primitives, and react-activity-calendar for the year heatmap). Each chart is a figure
// with a caption, a one-sentence summary for screen readers, and its figures as a table a click away:
// a picture for those who look, the numbers for those who read or listen.
import { cloneElement, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ActivityCalendar } from 'react-activity-calendar'
import { AxisBottom, AxisLeft } from '@visx/axis'
import { GridColumns, GridRows } from '@visx/grid'
import { Group } from '@visx/group'
import { useParentSize } from '@visx/responsive'
import { scaleBand, scaleLinear } from '@visx/scale'
import { Bar } from '@visx/shape'
import type { AffiliationBucket, ChannelBucket, HeatmapDay, MonthBucket } from '../../core/career'
import { ITEM_KINDS, type ItemKind } from '../../core/items'
import type { ChartPalette } from './palette'

export function ChartFigure({ id, title, summary, table, children }: { id: string; title: string; summary: string; table: () => ReactNode; children: ReactNode }) {
  const { t } = useTranslation('insights')
  // The table is built only once asked for: hundreds of rows nobody opened would slow every showing of the page.
  const [open, setOpen] = useState(false)
  return (
    <figure className="insights-figure" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="insights-figure-title">
        {title}
      </figcaption>
      <div role="img" aria-label={summary} className="insights-chart">
        {children}
      </div>
      <details className="insights-data" onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t('showData')}</summary>
        {open && table()}
      </details>
    </figure>
  )
}

/** One bar of a stacked chart: its label and a value per series. */
export interface StackedDatum {
  label: string
  values: Record<string, number>
}

export interface Series {
  key: string
  name: string
  color: string
}

/** A legend as HTML (swatch and name), read in the order the bars stack. */
function ChartLegend({ series }: { series: Series[] }) {
  return (
    <ul className="insights-legend" aria-hidden>
      {series.map((s) => (
        <li key={s.key}>
          <span className="insights-legend-swatch" style={{ background: s.color }} />
          {s.name}
        </li>
      ))}
    </ul>
  )
}

const tickLabel = (p: ChartPalette) => ({ fill: p.muted, fontSize: 12, fontFamily: 'inherit' })

/**
 * Vertical stacked bars (months, channels) drawn with visx primitives: plain SVG from React, no chart state
 * machine, so a dashboard of several charts over 50,000 items renders in one pass. Each segment has a native
 * tooltip (`<title>`) that says what it counts.
 */
export function ColumnChart({ data, series, palette, height = 220 }: { data: StackedDatum[]; series: Series[]; palette: ChartPalette; height?: number }) {
  const { parentRef, width } = useParentSize({ debounceTime: 30 })
  const margin = { top: 8, right: 8, bottom: 24, left: 36 }
  const innerWidth = Math.max(0, width - margin.left - margin.right)
  const innerHeight = height - margin.top - margin.bottom
  const max = Math.max(1, ...data.map((d) => series.reduce((sum, s) => sum + (d.values[s.key] ?? 0), 0)))
  const x = scaleBand<string>({ domain: data.map((d) => d.label), range: [0, innerWidth], padding: 0.25 })
  const y = scaleLinear<number>({ domain: [0, max], range: [innerHeight, 0], nice: true })
  return (
    <div ref={parentRef} className="insights-plot">
      {width > 0 && (
        <svg width={width} height={height} className="insights-svg">
          <Group left={margin.left} top={margin.top}>
            <GridRows scale={y} width={innerWidth} stroke={palette.grid} numTicks={4} />
            {data.map((d) => {
              let base = 0
              return series.map((s) => {
                const value = d.values[s.key] ?? 0
                if (value === 0) return null
                const top = y(base + value)
                const barHeight = y(base) - top
                base += value
                return (
                  <Bar key={`${d.label}-${s.key}`} className="insights-bar" x={x(d.label)} y={top} width={x.bandwidth()} height={barHeight} fill={s.color}>
                    <title>{`${d.label} — ${s.name}: ${value}`}</title>
                  </Bar>
                )
              })
            })}
            <AxisLeft scale={y} numTicks={4} tickFormat={(v) => String(v)} stroke={palette.grid} tickStroke={palette.grid} hideTicks tickLabelProps={() => ({ ...tickLabel(palette), textAnchor: 'end', dx: -4, dy: '0.33em' })} />
            <AxisBottom top={innerHeight} scale={x} stroke={palette.grid} hideTicks tickLabelProps={() => ({ ...tickLabel(palette), textAnchor: 'middle' })} />
          </Group>
        </svg>
      )}
      {series.length > 1 && <ChartLegend series={series} />}
    </div>
  )
}

/** Horizontal stacked bars (affiliations, tags): long names read best on the left. */
export function BarChartHorizontal({ data, series, palette, labelWidth = 140 }: { data: StackedDatum[]; series: Series[]; palette: ChartPalette; labelWidth?: number }) {
  const { parentRef, width } = useParentSize({ debounceTime: 30 })
  const rowHeight = 28
  const margin = { top: 4, right: 16, bottom: 22, left: labelWidth }
  const height = data.length * rowHeight + margin.top + margin.bottom
  const innerWidth = Math.max(0, width - margin.left - margin.right)
  const innerHeight = height - margin.top - margin.bottom
  const max = Math.max(1, ...data.map((d) => series.reduce((sum, s) => sum + (d.values[s.key] ?? 0), 0)))
  const y = scaleBand<string>({ domain: data.map((d) => d.label), range: [0, innerHeight], padding: 0.2 })
  const x = scaleLinear<number>({ domain: [0, max], range: [0, innerWidth], nice: true })
  return (
    <div ref={parentRef} className="insights-plot">
      {width > 0 && (
        <svg width={width} height={height} className="insights-svg">
          <Group left={margin.left} top={margin.top}>
            <GridColumns scale={x} height={innerHeight} stroke={palette.grid} numTicks={4} />
            {data.map((d) => {
              let base = 0
              return series.map((s) => {
                const value = d.values[s.key] ?? 0
                if (value === 0) return null
                const left = x(base)
                base += value
                return (
                  <Bar key={`${d.label}-${s.key}`} className="insights-bar" x={left} y={y(d.label)} width={x(base) - left} height={y.bandwidth()} fill={s.color}>
                    <title>{`${d.label} — ${s.name}: ${value}`}</title>
                  </Bar>
                )
              })
            })}
            <AxisLeft scale={y} stroke={palette.grid} hideTicks tickLabelProps={() => ({ ...tickLabel(palette), textAnchor: 'end', dx: -6, dy: '0.33em' })} />
            <AxisBottom top={innerHeight} scale={x} numTicks={4} tickFormat={(v) => String(v)} stroke={palette.grid} hideTicks tickLabelProps={() => ({ ...tickLabel(palette), textAnchor: 'middle' })} />
          </Group>
        </svg>
      )}
      {series.length > 1 && <ChartLegend series={series} />}
    </div>
  )
}

function kindSeries(palette: ChartPalette, name: (kind: string) => string): Series[] {
  return ITEM_KINDS.map((kind) => ({ key: kind, name: name(kind), color: palette.kinds[kind] }))
}

function kindValues(counts: Record<ItemKind, number>): Record<string, number> {
  return Object.fromEntries(ITEM_KINDS.map((k) => [k, counts[k]]))
}

export function MonthsChart({ months, palette, monthLabel }: { months: MonthBucket[]; palette: ChartPalette; monthLabel: (m: string) => string }) {
  const { t } = useTranslation('insights')
  return <ColumnChart data={months.map((m) => ({ label: monthLabel(m.month), values: kindValues(m) }))} series={kindSeries(palette, (k) => t(`kinds.${k}`))} palette={palette} height={240} />
}

export function AffiliationsChart({ buckets, palette, nameOf }: { buckets: AffiliationBucket[]; palette: ChartPalette; nameOf: (b: AffiliationBucket) => string }) {
  const { t } = useTranslation('insights')
  return <BarChartHorizontal data={buckets.map((b) => ({ label: nameOf(b), values: kindValues(b) }))} series={kindSeries(palette, (k) => t(`kinds.${k}`))} palette={palette} />
}

export function TagsChart({ tags, palette }: { tags: { tag: string; count: number }[]; palette: ChartPalette }) {
  const { t } = useTranslation('insights')
  return (
    <BarChartHorizontal
      data={tags.map((x) => ({ label: x.tag, values: { count: x.count } }))}
      series={[{ key: 'count', name: t('tags.count'), color: palette.accent }]}
      palette={palette}
      labelWidth={120}
    />
  )
}

export function ChannelsChart({ channels, palette, nameOf }: { channels: ChannelBucket[]; palette: ChartPalette; nameOf: (c: ChannelBucket['channel']) => string }) {
  const { t } = useTranslation('insights')
  return (
    <ColumnChart
      data={channels.map((c) => ({ label: nameOf(c.channel), values: { published: c.published, planned: c.planned, failed: c.failed } }))}
      series={[
        { key: 'published', name: t('channels.published'), color: palette.published },
        { key: 'planned', name: t('channels.planned'), color: palette.planned },
        { key: 'failed', name: t('channels.failed'), color: palette.failed },
      ]}
      palette={palette}
    />
  )
}

export function YearHeatmap({
  days,
  palette,
  theme,
  weekStart,
  monthNames,
  weekdayNames,
  dayLabel,
}: {
  days: HeatmapDay[]
  palette: ChartPalette
  theme: 'light' | 'dark'
  weekStart: 0 | 1
  monthNames: string[]
  weekdayNames: string[]
  /** The native tooltip of each day, by date. */
  dayLabel: (day: HeatmapDay) => string
}) {
  const { t } = useTranslation('insights')
  return (
    <ActivityCalendar
      data={days}
      colorScheme={theme}
      theme={{ light: palette.heat, dark: palette.heat }}
      weekStart={weekStart}
      blockSize={11}
      blockMargin={3}
      fontSize={12}
      showTotalCount={false}
      showWeekdayLabels={['mon', 'wed', 'fri']}
      labels={{ months: monthNames, weekdays: weekdayNames, legend: { less: t('heatmap.less'), more: t('heatmap.more') } }}
      // A native tooltip per day: what the colour means, for a pointer and for assistive technology alike.
      renderBlock={(block, activity) => cloneElement(block, {}, <title>{dayLabel(activity as HeatmapDay)}</title>)}
    />
  )
}
