// The dashboard's charts (recharts, and react-activity-calendar for the year heatmap). Each chart is a figure
// with a caption, a one-sentence summary for screen readers, and its figures as a table a click away:
// a picture for those who look, the numbers for those who read or listen.
import { cloneElement, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ActivityCalendar } from 'react-activity-calendar'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { AffiliationBucket, ChannelBucket, HeatmapDay, MonthBucket } from '../../core/career'
import { ITEM_KINDS } from '../../core/items'
import type { ChartPalette } from './palette'

export function ChartFigure({ id, title, summary, table, children }: { id: string; title: string; summary: string; table: ReactNode; children: ReactNode }) {
  const { t } = useTranslation('insights')
  return (
    <figure className="insights-figure" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="insights-figure-title">
        {title}
      </figcaption>
      <div role="img" aria-label={summary} className="insights-chart">
        {children}
      </div>
      <details className="insights-data">
        <summary>{t('showData')}</summary>
        {table}
      </details>
    </figure>
  )
}

function axisProps(p: ChartPalette) {
  return { stroke: p.grid, tick: { fill: p.muted, fontSize: 12 }, tickLine: false }
}

function tooltipProps(p: ChartPalette) {
  return {
    contentStyle: { background: p.surface, border: `1px solid ${p.grid}`, borderRadius: 6, color: p.text },
    labelStyle: { color: p.text, fontWeight: 600 },
    itemStyle: { color: p.text },
    cursor: { fill: p.grid, opacity: 0.4 },
  }
}

export function MonthsChart({ months, palette, monthLabel }: { months: MonthBucket[]; palette: ChartPalette; monthLabel: (m: string) => string }) {
  const { t } = useTranslation('insights')
  const data = months.map((m) => ({ ...m, label: monthLabel(m.month) }))
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid stroke={palette.grid} vertical={false} />
        <XAxis dataKey="label" {...axisProps(palette)} />
        <YAxis allowDecimals={false} {...axisProps(palette)} />
        <Tooltip {...tooltipProps(palette)} />
        <Legend wrapperStyle={{ color: palette.text, fontSize: 12 }} />
        {ITEM_KINDS.map((kind) => (
          <Bar key={kind} dataKey={kind} name={t(`kinds.${kind}`)} stackId="kinds" fill={palette.kinds[kind]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  )
}

export function AffiliationsChart({ buckets, palette, nameOf }: { buckets: AffiliationBucket[]; palette: ChartPalette; nameOf: (b: AffiliationBucket) => string }) {
  const { t } = useTranslation('insights')
  const data = buckets.map((b) => ({ ...b, name: nameOf(b) }))
  return (
    <ResponsiveContainer width="100%" height={Math.max(120, 44 * data.length + 48)}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke={palette.grid} horizontal={false} />
        <XAxis type="number" allowDecimals={false} {...axisProps(palette)} />
        <YAxis type="category" dataKey="name" width={140} {...axisProps(palette)} />
        <Tooltip {...tooltipProps(palette)} />
        <Legend wrapperStyle={{ color: palette.text, fontSize: 12 }} />
        {ITEM_KINDS.map((kind) => (
          <Bar key={kind} dataKey={kind} name={t(`kinds.${kind}`)} stackId="kinds" fill={palette.kinds[kind]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  )
}

export function TagsChart({ tags, palette }: { tags: { tag: string; count: number }[]; palette: ChartPalette }) {
  const { t } = useTranslation('insights')
  return (
    <ResponsiveContainer width="100%" height={Math.max(120, 28 * tags.length + 32)}>
      <BarChart data={tags} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke={palette.grid} horizontal={false} />
        <XAxis type="number" allowDecimals={false} {...axisProps(palette)} />
        <YAxis type="category" dataKey="tag" width={120} {...axisProps(palette)} />
        <Tooltip {...tooltipProps(palette)} />
        <Bar dataKey="count" name={t('tags.count')} fill={palette.accent} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  )
}

export function ChannelsChart({ channels, palette, nameOf }: { channels: ChannelBucket[]; palette: ChartPalette; nameOf: (c: ChannelBucket['channel']) => string }) {
  const { t } = useTranslation('insights')
  const data = channels.map((c) => ({ ...c, name: nameOf(c.channel) }))
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid stroke={palette.grid} vertical={false} />
        <XAxis dataKey="name" {...axisProps(palette)} />
        <YAxis allowDecimals={false} {...axisProps(palette)} />
        <Tooltip {...tooltipProps(palette)} />
        <Legend wrapperStyle={{ color: palette.text, fontSize: 12 }} />
        <Bar dataKey="published" name={t('channels.published')} fill={palette.published} isAnimationActive={false} />
        <Bar dataKey="planned" name={t('channels.planned')} fill={palette.planned} isAnimationActive={false} />
        <Bar dataKey="failed" name={t('channels.failed')} fill={palette.failed} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
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
