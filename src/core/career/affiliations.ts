// The person's affiliations over time (employers, clients, schools) and which one an item belongs to.
import type { Item } from '../items'
import type { ContentLabel } from './labels'

export interface Affiliation {
  /** ULID, never reused. */
  id: string
  organisation: string
  role: string
  /** First day, `YYYY-MM-DD`. */
  start: string
  /** Last day, `YYYY-MM-DD`, or '' while it lasts. */
  end: string
  /** The logo, stored in the attachments table (shown offline, carried by backups), or null. */
  logoAttachmentId: string | null
  /** Label of this affiliation's items that carry none of their own (e.g. a consultancy: confidential by default). */
  defaultLabel: ContentLabel
  createdAt: number
  updatedAt: number
}

/** A calendar date, `YYYY-MM-DD`, in the person's time zone. */
export type IsoDate = string

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false
  const [y, m, d] = value.split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** Local calendar date of a timestamp (the person thinks of "when I wrote it" in their own zone). */
export function localIsoDate(ms: number): IsoDate {
  const d = new Date(ms)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/**
 * The date an item counts as contributed on: a talk's own date when it has one, a link's saved date, otherwise
 * when it was created (an import keeps the source's creation or publication date there).
 */
export function contributionDate(item: Item): IsoDate {
  if (item.kind === 'talk' && isIsoDate(item.date)) return item.date
  if (item.kind === 'link') return localIsoDate(item.savedAt)
  return localIsoDate(item.createdAt)
}

/** Whether the affiliation covers that day (both ends included; an empty end means it still lasts). */
export function isActiveOn(affiliation: Affiliation, date: IsoDate): boolean {
  // ISO dates compare correctly as strings.
  return affiliation.start <= date && (affiliation.end === '' || date <= affiliation.end)
}

/** Newest first: when two affiliations overlap (a side client during a job), the one started last wins. */
export function sortAffiliations(affiliations: readonly Affiliation[]): Affiliation[] {
  return [...affiliations].sort((a, b) => (a.start === b.start ? a.id.localeCompare(b.id) : b.start.localeCompare(a.start)))
}

/**
 * Returns a fast lookup date → active affiliation. Built once per render over the whole base (50,000 items):
 * the list is short, so a scan of the newest-first list per item is cheaper than any interval structure.
 */
export function affiliationResolver(affiliations: readonly Affiliation[]): (date: IsoDate) => Affiliation | null {
  const sorted = sortAffiliations(affiliations)
  return (date) => {
    for (const a of sorted) if (isActiveOn(a, date)) return a
    return null
  }
}
