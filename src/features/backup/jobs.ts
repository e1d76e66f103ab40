// The two long jobs, independent of where they run (the export and restore workers in the app, the test's
// thread in tests): write the whole base as an archive to a sink, and turn archive bytes into a restore plan.
import { ulid } from 'ulid'
import {
  readArchive,
  writeArchive,
  type ArchiveManifest,
  type ArchiveSummary,
  type ArchiveWarning,
  type BuildArchiveOptions,
  type ReadArchiveOptions,
} from '../../core/archive'
import type { ZipSink } from '../../core/archive/zipWriter'
import { unparsedBodyJson, type BaluchonDb } from '../../db'
import { readCurrent } from './apply'
import { renderItemMarkdown } from './markdown'
import { planRestore, type RestorePlan } from './plan'
import { archiveInputFromDb, type ArchiveFilter } from './source'

export interface ExportOptions extends Omit<BuildArchiveOptions, 'renderMarkdown' | 'storedItemBody'> {
  appVersion: string
  /** Epoch ms stamped in the archive. */
  createdAt: number
  /** A part of the base instead of all of it (e.g. `leavingFilter`: what may leave with the person). */
  filter?: ArchiveFilter
}

export async function exportDatabase(db: BaluchonDb, sink: ZipSink, options: ExportOptions): Promise<ArchiveSummary> {
  const { appVersion, createdAt, filter, ...build } = options
  const input = await archiveInputFromDb(db, { appVersion, createdAt }, filter)
  // Bodies as stored (text): written as they are, checked by `prepareItemsShard` when there is one (see storedItemBody).
  return writeArchive(input, sink, { ...build, renderMarkdown: renderItemMarkdown, storedItemBody: unparsedBodyJson })
}

export interface PreparedRestore {
  plan: RestorePlan
  manifest: ArchiveManifest
  sourceFormatVersion: number
  warnings: ArchiveWarning[]
}

/** Reads and checks the whole archive (throws an ArchiveError), then plans the merge against the database. */
export async function prepareRestore(
  db: BaluchonDb,
  bytes: Uint8Array,
  options: ReadArchiveOptions & { newRevisionId?: (at: number) => string } = {},
): Promise<PreparedRestore> {
  const { newRevisionId = (at: number) => ulid(at), ...read } = options
  // Restores never read the content/ Markdown: skip hashing it.
  const contents = await readArchive(bytes, { verifyContent: false, ...read })
  const current = await readCurrent(db, contents)
  const plan = planRestore(current, contents, { newRevisionId })
  return { plan, manifest: contents.manifest, sourceFormatVersion: contents.sourceFormatVersion, warnings: contents.warnings }
}
