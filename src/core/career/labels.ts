// Confidentiality labels: who a piece of work belongs to, and so whether it may leave with the person.
// Pure: shared by the library, the "changing employer" wizard, the portfolio and the exports.

export const CONTENT_LABELS = ['personal', 'employer-public', 'employer-confidential'] as const
export type ContentLabel = (typeof CONTENT_LABELS)[number]

/** What a new person's items are until they say otherwise (Settings → Career). */
export const DEFAULT_CONTENT_LABEL: ContentLabel = 'personal'

/** Settings key (settings table) of the person's default label for items with no affiliation default. */
export const DEFAULT_LABEL_SETTING = 'career.defaultLabel'

export function isContentLabel(value: unknown): value is ContentLabel {
  return typeof value === 'string' && (CONTENT_LABELS as readonly string[]).includes(value)
}

/**
 * Whether work with this label may leave with the person (backup of what may leave, portfolio, public exports).
 * Confidential work stays with the employer: this is the one rule every output checks.
 */
export function mayLeave(label: ContentLabel): boolean {
  return label !== 'employer-confidential'
}

export function isConfidential(label: ContentLabel): boolean {
  return label === 'employer-confidential'
}
