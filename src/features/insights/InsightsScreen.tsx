// Contribution insights: what the person contributed, month by month, for whom, on which topics, and where
// it went. Figures come from the search worker (see useInsights); this screen only draws them.
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AffiliationBucket, ChannelBucket, HeatmapDay, Insights } from '../../core/career'
import { CONTENT_LABELS } from '../../core/career'
import { ITEM_KINDS } from '../../core/items'
import { AffiliationsChart, ChannelsChart, ChartFigure, MonthsChart, TagsChart, YearHeatmap } from './charts'
import { chartPalette } from './palette'
import { useEffectiveTheme } from './useEffectiveTheme'
import { useInsights } from './useInsights'
import './insights.css'

const CHANNEL_NAMES: Record<ChannelBucket['channel'], string> = {
  wordpress: 'WordPress',
  linkedin: 'LinkedIn',
  x: 'X',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
}

export function InsightsScreen({ initialYear = new Date().getFullYear() }: { initialYear?: number }) {
  const { t, i18n } = useTranslation('insights')
  const [year, setYear] = useState(initialYear)
  const state = useInsights(year)
  const theme = useEffectiveTheme()
  const palette = chartPalette(theme)
  const lang = i18n.language

  return (
    <section className="insights" aria-labelledby="insights-title">
      <header className="insights-header">
        <h1 id="insights-title">{t('title')}</h1>
        <label className="insights-year">
          {t('year')}
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {yearChoices(state.status === 'ready' ? state.insights.years : [], year).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </header>
      {state.status === 'loading' && (
        <p className="insights-status" role="status">
          {t('loading')}
        </p>
      )}
      {state.status === 'failed' && (
        <p className="insights-status insights-error" role="alert">
          {t('failed')}
        </p>
      )}
      {state.status === 'ready' && <Dashboard insights={state.insights} palette={palette} theme={theme} lang={lang} />}
    </section>
  )
}

/** The years with work in them, plus the current and the chosen one, newest first. */
function yearChoices(years: number[], chosen: number): number[] {
  return [...new Set([new Date().getFullYear(), chosen, ...years])].sort((a, b) => b - a)
}

function Dashboard({ insights, palette, theme, lang }: { insights: Insights; palette: ReturnType<typeof chartPalette>; theme: 'light' | 'dark'; lang: string }) {
  const { t } = useTranslation('insights')
  const number = useMemo(() => new Intl.NumberFormat(lang), [lang])
  const monthShort = useMemo(() => new Intl.DateTimeFormat(lang, { month: 'short', timeZone: 'UTC' }), [lang])
  const monthLong = useMemo(() => new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }), [lang])
  const dayLong = useMemo(() => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }), [lang])
  const weekdayShort = useMemo(() => new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' }), [lang])
  const utc = (iso: string): Date => new Date(`${iso.length === 7 ? `${iso}-01` : iso}T00:00:00Z`)
  const monthNames = insights.months.map((m) => monthShort.format(utc(m.month)))
  // 2023-01-01 was a Sunday: the library wants the names from Sunday on.
  const weekdayNames = Array.from({ length: 7 }, (_, i) => weekdayShort.format(new Date(Date.UTC(2023, 0, 1 + i))))
  const affiliationName = (b: AffiliationBucket): string => b.organisation ?? t('affiliations.none')
  const year = insights.year
  const y = insights.yearTotals
  // One tooltip per day of the year, built when the figures or the language change, not at every render.
  const dayLabels = useMemo(
    () => new Map(insights.heatmap.map((d) => [d.date, t('heatmap.dayLabel', { count: d.count, date: dayLong.format(utc(d.date)) })])),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `utc` is a pure helper; `t` follows `lang`
    [insights.heatmap, dayLong, lang],
  )
  const busiest = insights.months.reduce((best, m) => (m.total > best.total ? m : best), insights.months[0]!)

  return (
    <div className="insights-body">
      <ul className="insights-totals" aria-label={t('totals.label', { year })}>
        {ITEM_KINDS.map((kind) => (
          <li key={kind} className="insights-total">
            <span className="insights-total-swatch" style={{ background: palette.kinds[kind] }} aria-hidden />
            <span className="insights-total-value">{number.format(y[kind])}</span>
            <span className="insights-total-label">{t(`totals.${kind}`, { count: y[kind] })}</span>
          </li>
        ))}
        <li className="insights-total insights-total-all">
          <span className="insights-total-value">{number.format(insights.totals.total)}</span>
          <span className="insights-total-label">{t('totals.allTime', { count: insights.totals.total })}</span>
        </li>
      </ul>

      <ChartFigure
        id="insights-months"
        title={t('months.title', { year })}
        summary={
          y.total === 0
            ? t('months.summaryEmpty', { year })
            : t('months.summary', { count: y.total, year, month: monthLong.format(utc(busiest.month)), busiest: busiest.total })
        }
        table={() => (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('months.month')}</th>
                {ITEM_KINDS.map((k) => (
                  <th key={k} scope="col">
                    {t(`kinds.${k}`)}
                  </th>
                ))}
                <th scope="col">{t('total')}</th>
              </tr>
            </thead>
            <tbody>
              {insights.months.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{monthLong.format(utc(m.month))}</th>
                  {ITEM_KINDS.map((k) => (
                    <td key={k}>{number.format(m[k])}</td>
                  ))}
                  <td>{number.format(m.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      >
        <MonthsChart months={insights.months} palette={palette} monthLabel={(m) => monthShort.format(utc(m))} />
      </ChartFigure>

      <ChartFigure
        id="insights-heatmap"
        title={t('heatmap.title', { year })}
        summary={t('heatmap.summary', { count: y.total, year, days: insights.heatmap.filter((d) => d.count > 0).length })}
        table={() => (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('heatmap.date')}</th>
                <th scope="col">{t('total')}</th>
              </tr>
            </thead>
            <tbody>
              {insights.heatmap
                .filter((d) => d.count > 0)
                .map((d) => (
                  <tr key={d.date}>
                    <th scope="row">{dayLong.format(utc(d.date))}</th>
                    <td>{number.format(d.count)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
      >
        <YearHeatmap
          days={insights.heatmap}
          palette={palette}
          theme={theme}
          weekStart={lang.startsWith('fr') ? 1 : 0}
          monthNames={monthNames}
          weekdayNames={weekdayNames}
          dayLabel={(d: HeatmapDay) => dayLabels.get(d.date) ?? ''}
        />
      </ChartFigure>

      <div className="insights-pair">
        <ChartFigure
          id="insights-affiliations"
          title={t('affiliations.title')}
          summary={t('affiliations.summary', {
            list: insights.byAffiliation.map((b) => `${affiliationName(b)}: ${number.format(b.total)}`).join(', '),
          })}
          table={() => (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('affiliations.name')}</th>
                  {ITEM_KINDS.map((k) => (
                    <th key={k} scope="col">
                      {t(`kinds.${k}`)}
                    </th>
                  ))}
                  <th scope="col">{t('affiliations.confidential')}</th>
                  <th scope="col">{t('total')}</th>
                </tr>
              </thead>
              <tbody>
                {insights.byAffiliation.map((b) => (
                  <tr key={b.affiliationId ?? 'none'}>
                    <th scope="row">{affiliationName(b)}</th>
                    {ITEM_KINDS.map((k) => (
                      <td key={k}>{number.format(b[k])}</td>
                    ))}
                    <td>{number.format(b.confidential)}</td>
                    <td>{number.format(b.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        >
          {insights.byAffiliation.length === 0 ? (
            <p className="insights-empty">{t('empty')}</p>
          ) : (
            <AffiliationsChart buckets={insights.byAffiliation} palette={palette} nameOf={affiliationName} />
          )}
          <p className="insights-labels">
            {CONTENT_LABELS.map((label) => (
              <span key={label} className={`insights-label insights-label-${label}${insights.labels[label] > 0 ? ' insights-label-some' : ''}`}>
                {t(`labels.${label}`)}: {number.format(insights.labels[label])}
              </span>
            ))}
          </p>
        </ChartFigure>

        <ChartFigure
          id="insights-tags"
          title={t('tags.title')}
          summary={
            insights.topTags.length === 0
              ? t('tags.summaryEmpty')
              : t('tags.summary', { list: insights.topTags.map((x) => `${x.tag} (${number.format(x.count)})`).join(', ') })
          }
          table={() => (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('tags.tag')}</th>
                  <th scope="col">{t('tags.count')}</th>
                </tr>
              </thead>
              <tbody>
                {insights.topTags.map((x) => (
                  <tr key={x.tag}>
                    <th scope="row">{x.tag}</th>
                    <td>{number.format(x.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        >
          {insights.topTags.length === 0 ? <p className="insights-empty">{t('tags.summaryEmpty')}</p> : <TagsChart tags={insights.topTags} palette={palette} />}
        </ChartFigure>
      </div>

      <ChartFigure
        id="insights-channels"
        title={t('channels.title')}
        summary={
          insights.channels.length === 0
            ? t('channels.summaryEmpty')
            : t('channels.summary', {
                list: insights.channels.map((c) => `${CHANNEL_NAMES[c.channel]}: ${number.format(c.published)}`).join(', '),
              })
        }
        table={() => (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('channels.channel')}</th>
                <th scope="col">{t('channels.published')}</th>
                <th scope="col">{t('channels.planned')}</th>
                <th scope="col">{t('channels.failed')}</th>
              </tr>
            </thead>
            <tbody>
              {insights.channels.map((c) => (
                <tr key={c.channel}>
                  <th scope="row">{CHANNEL_NAMES[c.channel]}</th>
                  <td>{number.format(c.published)}</td>
                  <td>{number.format(c.planned)}</td>
                  <td>{number.format(c.failed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      >
        {insights.channels.length === 0 ? (
          <p className="insights-empty">{t('channels.summaryEmpty')}</p>
        ) : (
          <ChannelsChart channels={insights.channels} palette={palette} nameOf={(c) => CHANNEL_NAMES[c]} />
        )}
      </ChartFigure>
    </div>
  )
}
