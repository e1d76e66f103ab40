// Every write of the career slice: affiliations (with their logo), an item's label / affiliation / portfolio choice,
// and Settings' default label. Reads that other slices need (the wizard, the portfolio, insights) live here too.
import { ulid } from 'ulid'
import {
  CONTENT_LABELS,
  DEFAULT_CONTENT_LABEL,
  DEFAULT_LABEL_SETTING,
  isContentLabel,
  isIsoDate,
  sortAffiliations,
  type Affiliation,
  type CareerContext,
  type ContentLabel,
  type PortfolioChoice,
} from '../../core/career'
import { sniffImageType } from '../../core/imageType'
import type { BaluchonDb } from '../../db'
import { addAttachment, AttachmentError } from '../attachments'
import { updateFields } from '../items/repository'
import { AffiliationError, LogoError, type AffiliationProblem } from './errors'

/** What the person types for an affiliation. */
export interface AffiliationInput {
  organisation: string
  role: string
  start: string
  end: string
  defaultLabel: ContentLabel
}

/** A logo is a small picture: 2 MB holds any sensible logo and keeps the timeline (and backups) light. */
export const MAX_LOGO_BYTES = 2 * 1024 * 1024

/** A picked or pasted picture for a logo. */
export interface LogoInput {
  blob: Blob
  name: string
}

/** What happens to the logo when an affiliation is saved. */
export type LogoChange = { type: 'keep' } | { type: 'remove' } | { type: 'set'; logo: LogoInput }

const MAX_TEXT = 200

/** Every problem with the input, field by field (empty when it can be saved). */
export function validateAffiliation(input: AffiliationInput): AffiliationProblem[] {
  const problems: AffiliationProblem[] = []
  if (input.organisation.trim() === '') problems.push({ field: 'organisation', code: 'required' })
  if (input.start.trim() === '') problems.push({ field: 'start', code: 'required' })
  else if (!isIsoDate(input.start)) problems.push({ field: 'start', code: 'invalid-date' })
  if (input.end !== '' && !isIsoDate(input.end)) problems.push({ field: 'end', code: 'invalid-date' })
  else if (input.end !== '' && isIsoDate(input.start) && input.end < input.start) problems.push({ field: 'end', code: 'end-before-start' })
  if (!isContentLabel(input.defaultLabel)) problems.push({ field: 'defaultLabel', code: 'invalid-label' })
  return problems
}

function clean(input: AffiliationInput): AffiliationInput {
  return {
    organisation: input.organisation.trim().slice(0, MAX_TEXT),
    role: input.role.trim().slice(0, MAX_TEXT),
    start: input.start.trim(),
    end: input.end.trim(),
    defaultLabel: input.defaultLabel,
  }
}

/**
 * Checks a logo by its bytes (whatever its name or the clipboard claim), then stores it in the attachments table,
 * owned by the affiliation, so it shows offline and travels in backups. Returns the attachment id.
 */
export async function storeLogo(db: BaluchonDb, affiliationId: string, logo: LogoInput, now = Date.now()): Promise<string> {
  if (logo.blob.size === 0) throw new LogoError('empty')
  if (logo.blob.size > MAX_LOGO_BYTES) throw new LogoError('too-large')
  const head = new Uint8Array(await logo.blob.slice(0, 16).arrayBuffer())
  const mime = sniffImageType(head)
  if (!mime) throw new LogoError('not-image')
  // The stored type is the one the bytes show, not the one the picker said.
  const typed = new Blob([logo.blob], { type: mime })
  try {
    return await addAttachment(db, affiliationId, typed, logo.name, now)
  } catch (error) {
    if (error instanceof AttachmentError) throw new LogoError(error.code, { cause: error })
    throw new LogoError('failed', { cause: error })
  }
}

async function dropLogo(db: BaluchonDb, attachmentId: string | null): Promise<void> {
  if (attachmentId) await db.attachments.delete(attachmentId)
}

export async function listAffiliations(db: BaluchonDb): Promise<Affiliation[]> {
  return sortAffiliations(await db.affiliations.toArray())
}

export async function getAffiliation(db: BaluchonDb, id: string): Promise<Affiliation | undefined> {
  return db.affiliations.get(id)
}

/** Throws an AffiliationError listing the problems, or a LogoError when the picture is refused (nothing is saved). */
export async function createAffiliation(db: BaluchonDb, input: AffiliationInput, logo?: LogoInput, now = Date.now()): Promise<Affiliation> {
  const problems = validateAffiliation(input)
  if (problems.length) throw new AffiliationError(problems)
  const id = ulid(now)
  const logoAttachmentId = logo ? await storeLogo(db, id, logo, now) : null
  const affiliation: Affiliation = { id, ...clean(input), logoAttachmentId, createdAt: now, updatedAt: now }
  try {
    await db.affiliations.add(affiliation)
  } catch (error) {
    await dropLogo(db, logoAttachmentId)
    throw error
  }
  return affiliation
}

export async function updateAffiliation(
  db: BaluchonDb,
  id: string,
  input: AffiliationInput,
  logo: LogoChange = { type: 'keep' },
  now = Date.now(),
): Promise<Affiliation> {
  const problems = validateAffiliation(input)
  if (problems.length) throw new AffiliationError(problems)
  const existing = await db.affiliations.get(id)
  if (!existing) throw new Error(`Affiliation ${id} not found`)
  let logoAttachmentId = existing.logoAttachmentId
  if (logo.type === 'set') logoAttachmentId = await storeLogo(db, id, logo.logo, now)
  else if (logo.type === 'remove') logoAttachmentId = null
  const next: Affiliation = { ...existing, ...clean(input), logoAttachmentId, updatedAt: Math.max(now, existing.updatedAt + 1) }
  await db.affiliations.put(next)
  if (existing.logoAttachmentId !== logoAttachmentId) await dropLogo(db, existing.logoAttachmentId)
  return next
}

/**
 * How many items chose this affiliation by hand (they fall back to "none" once it is deleted). There is no index on
 * the field (absent on most items), so this reads every item: fine for a rare confirmation, never on a hot path.
 */
export async function countItemsChoosing(db: BaluchonDb, affiliationId: string): Promise<number> {
  return db.items.filter((item) => item.affiliationId === affiliationId).count()
}

/**
 * Deletes an affiliation and its logo. Items that chose it by hand are left as they are: the resolver treats an
 * unknown affiliation as "none" (rather than guessing), and items placed by date simply follow the remaining ones.
 */
export async function deleteAffiliation(db: BaluchonDb, id: string): Promise<void> {
  await db.transaction('rw', db.affiliations, db.attachments, async () => {
    const existing = await db.affiliations.get(id)
    if (!existing) return
    await db.affiliations.delete(id)
    await dropLogo(db, existing.logoAttachmentId)
  })
}

/** Settings' default label (items with no affiliation and no label of their own). */
export async function getDefaultLabel(db: BaluchonDb): Promise<ContentLabel> {
  const row = await db.settings.get(DEFAULT_LABEL_SETTING)
  return isContentLabel(row?.value) ? row.value : DEFAULT_CONTENT_LABEL
}

export async function setDefaultLabel(db: BaluchonDb, label: ContentLabel): Promise<void> {
  if (!isContentLabel(label)) throw new Error(`Not a label: ${String(label)} (expected one of ${CONTENT_LABELS.join(', ')})`)
  await db.settings.put({ key: DEFAULT_LABEL_SETTING, value: label })
}

/** Everything the resolver needs, read in one transaction so the list and the default agree. */
export async function loadCareerContext(db: BaluchonDb): Promise<CareerContext> {
  return db.transaction('r', db.affiliations, db.settings, async () => {
    const [affiliations, defaultLabel] = await Promise.all([listAffiliations(db), getDefaultLabel(db)])
    return { affiliations, defaultLabel }
  })
}

/*
 * An item's choices. A metadata change, like tags: updatedAt moves (search and backups catch up) but no revision is
 * taken, revisions being snapshots of the text. `undefined` removes the choice ("follow the rules"): Dexie's update
 * deletes a field set to undefined.
 */

/** A label chosen by hand, or undefined to follow the affiliation's (or Settings') default. */
export async function setItemLabel(db: BaluchonDb, itemId: string, label: ContentLabel | undefined, now = Date.now()): Promise<void> {
  if (label !== undefined && !isContentLabel(label)) throw new Error(`Not a label: ${String(label)}`)
  await updateFields(db, itemId, { label }, now)
}

/** An affiliation chosen by hand (an id), "none" (null), or undefined for the one active at the item's date. */
export async function setItemAffiliation(db: BaluchonDb, itemId: string, affiliationId: string | null | undefined, now = Date.now()): Promise<void> {
  await updateFields(db, itemId, { affiliationId }, now)
}

/** In or out of the portfolio by choice, or undefined for the default rule. */
export async function setItemPortfolio(db: BaluchonDb, itemId: string, choice: PortfolioChoice | undefined, now = Date.now()): Promise<void> {
  if (choice !== undefined && choice !== 'include' && choice !== 'exclude') throw new Error(`Not a portfolio choice: ${String(choice)}`)
  await updateFields(db, itemId, { portfolio: choice }, now)
}
