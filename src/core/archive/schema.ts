// The shape of every record and of the manifest, checked when an archive is written (so Baluchon never
// writes what it would refuse) and when one is read (so nothing malformed reaches the database).
// Record objects are "loose": fields this version does not know are kept, so nothing is lost.
import { z } from 'zod'
import type { RichDoc } from '../doc'
import { CONTENT_LABELS } from '../career/labels'
import { POST_STATUSES, TALK_STATUSES } from '../items'
import { ARCHIVE_FORMAT, ATTACHMENT_ID_PATTERN, CORE_TABLES, TABLE_NAME_PATTERN } from './format'
import { pathProblem } from './paths'

/** A snapshot of an item's text (mirrors the database's Revision). */
export interface ArchiveRevision {
  id: string
  itemId: string
  createdAt: number
  title: string
  body: RichDoc
  bodyText: string
  reason: 'save' | 'before-restore'
}

/** An attachment's metadata as stored in `data/attachments` (the database record minus its bytes). */
export interface ArchiveAttachmentMeta {
  id: string
  itemId: string
  mime: string
  name: string
  size: number
  /** Lowercase hex SHA-256 of the bytes, as the database computed it. */
  sha256: string
  createdAt: number
}

export interface ArchiveAttachment extends ArchiveAttachmentMeta {
  data: Uint8Array
}

export interface ArchiveSetting {
  key: string
  value: unknown
}

const MAX_DOC_DEPTH = 500

/**
 * Why a value is not a ProseMirror/Tiptap JSON document, or null. Hand-written rather than a
 * recursive zod schema: iterative (a 100,000-deep document cannot overflow the stack) and several
 * times faster on 50,000 documents.
 */
export function richDocProblem(doc: unknown): string | null {
  if (!isObject(doc) || doc.type !== 'doc') return 'the root node is not a doc'
  const stack: { node: unknown; depth: number }[] = [{ node: doc, depth: 0 }]
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!
    if (!isObject(node)) return 'a node is not an object'
    if (typeof node.type !== 'string' || node.type === '') return 'a node has no type'
    if (depth > MAX_DOC_DEPTH) return `nested deeper than ${MAX_DOC_DEPTH}`
    if (node.text !== undefined && typeof node.text !== 'string') return 'a text is not a string'
    if (node.attrs !== undefined && !isObject(node.attrs)) return 'attrs is not an object'
    if (node.marks !== undefined) {
      if (!Array.isArray(node.marks)) return 'marks is not an array'
      for (const mark of node.marks as unknown[]) {
        if (!isObject(mark) || typeof mark.type !== 'string' || mark.type === '') return 'a mark has no type'
        if (mark.attrs !== undefined && !isObject(mark.attrs)) return 'mark attrs is not an object'
      }
    }
    if (node.content !== undefined) {
      if (!Array.isArray(node.content)) return 'content is not an array'
      for (const child of node.content as unknown[]) stack.push({ node: child, depth: depth + 1 })
    }
  }
  return null
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const richDoc = z.custom<RichDoc>().superRefine((value, ctx) => {
  const problem = richDocProblem(value)
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem })
})

const id = z.string().min(1).max(256)
// z.number() refuses NaN and ±Infinity.
const timestamp = z.number()

const itemBase = {
  id,
  title: z.string(),
  body: richDoc,
  bodyText: z.string(),
  tags: z.array(z.string()),
  createdAt: timestamp,
  updatedAt: timestamp,
  trashed: z.union([z.literal(0), z.literal(1)]),
  trashedAt: timestamp.nullable(),
  importKey: z.string().max(4096).optional(),
  // What an import kept that Baluchon has no field for (see ItemBase.meta).
  meta: z.record(z.string(), z.unknown()).optional(),
  // Career choices (schema v4): absent means "follow the rules" (see careerResolver).
  affiliationId: id.nullable().optional(),
  label: z.enum(CONTENT_LABELS).optional(),
  portfolio: z.enum(['include', 'exclude']).optional(),
  // Links to other items (schema v7), kept by the database from the body: written back as the body says on restore.
  linksTo: z.array(id).optional(),
}

export const postItemSchema = z.looseObject({
  ...itemBase,
  kind: z.literal('post'),
  status: z.enum(POST_STATUSES),
  excerpt: z.string(),
  slug: z.string(),
  slugLocked: z.boolean(),
  canonicalUrl: z.string(),
})

export const talkItemSchema = z.looseObject({
  ...itemBase,
  kind: z.literal('talk'),
  status: z.enum(TALK_STATUSES),
  event: z.string(),
  date: z.string(),
  place: z.string(),
  abstract: z.string(),
  slidesUrl: z.string(),
  videoUrl: z.string(),
})

export const linkItemSchema = z.looseObject({
  ...itemBase,
  kind: z.literal('link'),
  status: z.null(),
  url: z.string(),
  siteName: z.string(),
  description: z.string(),
  savedAt: timestamp,
  read: z.boolean(),
  fetchState: z.enum(['pending', 'done', 'failed']),
  unread: z.literal(1).optional(),
})

export const noteItemSchema = z.looseObject({ ...itemBase, kind: z.literal('note'), status: z.null() })

/** Every item kind. Importers can check their output against it before writing to the database. */
export const itemSchema = z.discriminatedUnion('kind', [postItemSchema, talkItemSchema, linkItemSchema, noteItemSchema])

export const revisionSchema = z.looseObject({
  id,
  itemId: id,
  createdAt: timestamp,
  title: z.string(),
  body: richDoc,
  bodyText: z.string(),
  reason: z.enum(['save', 'before-restore']),
})

export const attachmentMetaSchema = z.looseObject({
  id: z.string().regex(ATTACHMENT_ID_PATTERN),
  itemId: id,
  mime: z.string().max(255),
  name: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: timestamp,
})

export const settingSchema = z.looseObject({ key: z.string().min(1).max(256), value: z.unknown() })

/** Records of extension tables: any JSON object; their own schemas arrive with the features owning them. */
export const extensionRecordSchema = z.record(z.string(), z.unknown())

/**
 * A content-calendar plan (schema v5 `plans`: an idea given a date, one per item, so `id` is the item's id).
 * Checked when a backup is restored (a row that fails it is left out, like any extension record the app could not
 * show), not when an archive is read: an extension table never makes a whole archive unreadable.
 */
export const planRecordSchema = z
  .looseObject({ id, itemId: id, at: timestamp, createdAt: timestamp, updatedAt: timestamp })
  .refine((plan) => plan.id === plan.itemId, { message: 'a plan’s id is its item’s id', path: ['id'] })

/** A record schema per core table; `idOf` names the record in errors and finds duplicates. */
export const CORE_RECORD_SCHEMAS = {
  items: itemSchema,
  revisions: revisionSchema,
  attachments: attachmentMetaSchema,
  settings: settingSchema,
} as const

/** Identity of a record: `id`, or `key` for settings; extension records may have neither. */
export function recordIdOf(record: unknown): string | undefined {
  if (!isObject(record)) return undefined
  if (typeof record.id === 'string') return record.id
  if (typeof record.key === 'string') return record.key
  return undefined
}

/** One short line out of a zod error: the first issue, with its path. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'invalid'
  const path = issue.path.map(String).join('.')
  return path ? `${path}: ${issue.message}` : issue.message
}

const entryPath = z.string().refine((p) => pathProblem(p) === null, 'unsafe entry path')
const sha256 = z.string().regex(/^[0-9a-f]{64}$/)
const count = z.number().int().nonnegative()
const tableName = z.string().regex(TABLE_NAME_PATTERN).refine((name) => !['__proto__', 'constructor', 'prototype'].includes(name))

export const manifestV1Schema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.literal(1),
  appVersion: z.string().min(1).max(64),
  createdAt: z.iso.datetime(),
  counts: z.object({
    kinds: z.object({ post: count, talk: count, link: count, note: count }),
    trashed: count,
    tables: z.record(tableName, count),
    content: count,
  }),
  tables: z.record(tableName, z.object({ files: z.array(entryPath) })),
  entries: z.record(entryPath, z.object({ sha256, size: count })),
})

export type ArchiveManifest = z.infer<typeof manifestV1Schema>

/** Checks a manifest's internal consistency beyond its shape; returns a problem or null. */
export function manifestProblem(manifest: ArchiveManifest): string | null {
  for (const table of CORE_TABLES) if (!(table in manifest.tables)) return `table ${table} missing`
  const tableNames = Object.keys(manifest.tables).sort()
  const countNames = Object.keys(manifest.counts.tables).sort()
  if (tableNames.join() !== countNames.join()) return 'counts.tables does not list the same tables as tables'
  const kindsTotal = Object.values(manifest.counts.kinds).reduce((a, b) => a + b, 0)
  if (kindsTotal !== manifest.counts.tables.items) return 'counts.kinds does not add up to the items count'
  if (manifest.counts.trashed > kindsTotal) return 'more trashed items than items'
  const seen = new Set<string>()
  for (const [table, { files }] of Object.entries(manifest.tables)) {
    for (const file of files) {
      if (!Object.hasOwn(manifest.entries, file)) return `${table} file ${file} has no checksum`
      if (seen.has(file)) return `${file} belongs to two tables`
      seen.add(file)
    }
  }
  return null
}
