// Older archive formats are upgraded on import, one version at a time, before validation. Each step
// turns a version-N manifest into a version-(N+1) one and, when records changed shape, each record.
// The chain is empty while version 1 is the only format; the mechanism is proven by the tests with a
// made-up version 0 (test/node/archive/upgrade.test.ts).
import { ArchiveError } from './errors'

export interface ArchiveUpgrade {
  /** The version this step reads; it produces version `from + 1`. */
  from: number
  /**
   * The manifest as version `from + 1` writes it. Entry paths keep pointing at the entries as they
   * are in the zip: a step that moves a table only lists its old files under the new name.
   */
  manifest(previous: Record<string, unknown>): unknown
  /** A record as version `from + 1` stores it; `table` is the name in the upgraded manifest. */
  record?(table: string, record: unknown): unknown
}

/** Every upgrade step, oldest first. Append one when CURRENT_FORMAT_VERSION goes up. */
export const ARCHIVE_UPGRADES: readonly ArchiveUpgrade[] = []

export interface UpgradeResult {
  manifest: unknown
  /** Applies the record steps of every version crossed, oldest first (identity when none). */
  upgradeRecord: (table: string, record: unknown) => unknown
  steps: number
}

/** Runs `manifest` of version `from` up to `target` through `upgrades`. */
export function upgradeArchive(manifest: unknown, from: number, target: number, upgrades: readonly ArchiveUpgrade[]): UpgradeResult {
  let current = manifest
  const recordSteps: NonNullable<ArchiveUpgrade['record']>[] = []
  for (let version = from; version < target; version++) {
    const step = upgrades.find((u) => u.from === version)
    if (!step) throw new ArchiveError('unsupported-version', { found: from, supported: target, detail: `no upgrade from version ${version}` })
    if (typeof current !== 'object' || current === null || Array.isArray(current)) {
      throw new ArchiveError('invalid-manifest', { detail: `version ${version} manifest is not an object` })
    }
    try {
      current = step.manifest(current as Record<string, unknown>)
    } catch (error) {
      throw new ArchiveError('upgrade-failed', { found: from, supported: target, detail: `step from ${version}: ${error instanceof Error ? error.message : 'failed'}` }, { cause: error })
    }
    if (step.record) recordSteps.push(step.record.bind(step))
  }
  const upgradeRecord = (table: string, record: unknown): unknown => {
    let value = record
    for (const step of recordSteps) value = step(table, value)
    return value
  }
  return { manifest: current, upgradeRecord, steps: target - from }
}
