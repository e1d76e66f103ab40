// Contribution insights: what the person contributed, when, for whom, on which topics and where it went.
// Pure aggregation over compact facts (one per item), so it runs wherever the facts are (the search worker holds
// them for every item already) and over 50,000 items in a few milliseconds.
import { ITEM_KINDS, type ItemKind } from '../items'
import type { PublicationChannel, PublicationStatus } from '../publish/ledger'
import type { IsoDate } from './affiliations'
import { CONTENT_LABELS, type ContentLabel } from './labels'
import { careerFactsResolver, type CareerContext } from './resolve'

/** One live (not trashed) item, as much as insights need. */
export interface InsightFact {
  kind: ItemKind
  date: IsoDate
  tags: readonly string[]
  affiliationId?: string | null
  label?: ContentLabel
}

export interface PublicationFact {
  channel: PublicationChannel
  status: PublicationStatus
}

export interface InsightsOptions {
  /** The year the months and the heatmap show. */
  year: number
  /** How many tags the "most used" chart lists. */
  topTags?: number
}

export type ContributionCounts = Record<ItemKind, number> & { total: number }

export interface MonthBucket extends ContributionCounts {
  /** `YYYY-MM`. */
  month: string
}

export interface AffiliationBucket extends ContributionCounts {
  /** null: work outside any affiliation. */
  affiliationId: string | null
  organisation: string | null
  start: IsoDate | null
  confidential: number
}

export interface HeatmapDay {
  date: IsoDate
  count: number
  /** 0 (nothing) to 4 (the busiest days of the year), relative to the year's busiest day. */
  level: 0 | 1 | 2 | 3 | 4
}

export interface ChannelBucket {
  channel: PublicationChannel
  published: number
  /** Scheduled on the server, queued here or waiting to be posted by hand. */
  planned: number
  failed: number
}

export interface Insights {
  year: number
  /** Every year with at least one contribution, newest first (the year picker). */
  years: number[]
  totals: ContributionCounts
  /** The chosen year's totals. */
  yearTotals: ContributionCounts
  /** Twelve months of the chosen year. */
  months: MonthBucket[]
  /** Every day of the chosen year. */
  heatmap: HeatmapDay[]
  /** All time, newest affiliation first, then work outside any. */
  byAffiliation: AffiliationBucket[]
  topTags: { tag: string; count: number }[]
  labels: Record<ContentLabel, number>
  channels: ChannelBucket[]
}

function emptyCounts(): ContributionCounts {
  const counts = { total: 0 } as ContributionCounts
  for (const kind of ITEM_KINDS) counts[kind] = 0
  return counts
}

function add(counts: ContributionCounts, kind: ItemKind): void {
  counts[kind]++
  counts.total++
}

const pad = (n: number): string => String(n).padStart(2, '0')

/** Every day of a year as `YYYY-MM-DD`, in calendar order (computed in UTC: dates only, no zone involved). */
export function daysOfYear(year: number): IsoDate[] {
  const days: IsoDate[] = []
  for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000) {
    const d = new Date(t)
    days.push(`${year}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`)
  }
  return days
}

function heatLevel(count: number, max: number): HeatmapDay['level'] {
  if (count === 0 || max === 0) return 0
  return Math.max(1, Math.min(4, Math.ceil((count / max) * 4))) as HeatmapDay['level']
}

const PLANNED: ReadonlySet<PublicationStatus> = new Set(['scheduled', 'queued', 'publishing', 'awaiting-manual'])

export function computeInsights(
  facts: Iterable<InsightFact>,
  publications: Iterable<PublicationFact>,
  context: CareerContext,
  options: InsightsOptions,
): Insights {
  const resolve = careerFactsResolver(context)
  const yearPrefix = String(options.year)
  const totals = emptyCounts()
  const yearTotals = emptyCounts()
  const months = Array.from({ length: 12 }, (_, i) => ({ month: `${yearPrefix}-${pad(i + 1)}`, ...emptyCounts() }))
  const perDay = new Map<IsoDate, number>()
  const years = new Set<number>()
  const byAffiliation = new Map<string | null, AffiliationBucket>()
  // Tags are one tag whatever their case ("AI" and "ai"); shown as first met.
  const tags = new Map<string, { tag: string; count: number }>()
  const labels = Object.fromEntries(CONTENT_LABELS.map((l) => [l, 0])) as Record<ContentLabel, number>

  for (const fact of facts) {
    add(totals, fact.kind)
    years.add(Number(fact.date.slice(0, 4)))
    if (fact.date.startsWith(yearPrefix)) {
      add(yearTotals, fact.kind)
      add(months[Number(fact.date.slice(5, 7)) - 1]!, fact.kind)
      perDay.set(fact.date, (perDay.get(fact.date) ?? 0) + 1)
    }
    const career = resolve(fact)
    labels[career.label]++
    const key = career.affiliation?.id ?? null
    let bucket = byAffiliation.get(key)
    if (!bucket) {
      bucket = {
        affiliationId: key,
        organisation: career.affiliation?.organisation ?? null,
        start: career.affiliation?.start ?? null,
        confidential: 0,
        ...emptyCounts(),
      }
      byAffiliation.set(key, bucket)
    }
    add(bucket, fact.kind)
    if (career.label === 'employer-confidential') bucket.confidential++
    for (const tag of fact.tags) {
      const folded = tag.toLocaleLowerCase()
      const entry = tags.get(folded)
      if (entry) entry.count++
      else tags.set(folded, { tag, count: 1 })
    }
  }

  let max = 0
  for (const count of perDay.values()) max = Math.max(max, count)
  const heatmap = daysOfYear(options.year).map((date) => {
    const count = perDay.get(date) ?? 0
    return { date, count, level: heatLevel(count, max) }
  })

  return {
    year: options.year,
    years: [...years].filter((y) => Number.isFinite(y)).sort((a, b) => b - a),
    totals,
    yearTotals,
    months,
    heatmap,
    byAffiliation: [...byAffiliation.values()].sort((a, b) =>
      a.start === b.start ? 0 : a.start === null ? 1 : b.start === null ? -1 : b.start.localeCompare(a.start),
    ),
    topTags: [...tags.values()]
      .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag))
      .slice(0, options.topTags ?? 12),
    labels,
    channels: channelBuckets(publications),
  }
}

/** Publications per channel from the ledger, busiest first. */
export function channelBuckets(publications: Iterable<PublicationFact>): ChannelBucket[] {
  const channels = new Map<PublicationChannel, ChannelBucket>()
  for (const p of publications) {
    let bucket = channels.get(p.channel)
    if (!bucket) {
      bucket = { channel: p.channel, published: 0, planned: 0, failed: 0 }
      channels.set(p.channel, bucket)
    }
    if (p.status === 'published') bucket.published++
    else if (p.status === 'failed') bucket.failed++
    else if (PLANNED.has(p.status)) bucket.planned++
  }
  return [...channels.values()].sort((a, b) => b.published + b.planned - (a.published + a.planned))
}
