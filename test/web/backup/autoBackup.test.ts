// Automatic backups: when one is due, what the settings allow, and that a failure is kept for Settings to show.
import type { Collection } from 'dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { BackupFileInfo } from '../../../src/core/ipc/contract'
import { ok, fail } from '../../../src/core/ipc/result'
import {
  backUpIfDue,
  DEFAULT_AUTO_BACKUP,
  isBackupDue,
  readAutoBackupSettings,
  saveAutoBackupSettings,
  type AutoBackupDeps,
} from '../../../src/features/backup/autoBackup'
import { BackupFailure, type ExportJobOptions } from '../../../src/features/backup/client'
import { closeAll, freshDb, item, T0 } from './support'

afterEach(closeAll)

const HOUR = 3_600_000

describe('isBackupDue', () => {
  it.each([
    [null, 24, T0, true],
    [T0 - 23 * HOUR, 24, T0, false],
    [T0 - 24 * HOUR, 24, T0, true],
    // A minute early still counts: a check every quarter hour should not slip a whole period.
    [T0 - 24 * HOUR + 30_000, 24, T0, true],
    [T0 - 2 * HOUR, 1, T0, true],
    [T0 - 6 * 24 * HOUR, 168, T0, false],
    // A backup dated in the future (the clock moved back): make a new one.
    [T0 + HOUR, 24, T0, true],
  ])('newest %s, every %s h, now %s: %s', (newest, hours, now, due) => {
    expect(isBackupDue(newest, hours, now)).toBe(due)
  })
})

function fakeDeps(db: AutoBackupDeps['db'], list: BackupFileInfo[] | null, outcome: 'ok' | 'fail' = 'ok') {
  const runs: ExportJobOptions[] = []
  const deps: AutoBackupDeps = {
    db,
    appVersion: '1.0.0',
    now: () => T0,
    api: {
      backupList: async () => ok(list),
      backupWriteBegin: async () => fail('internal', 'not used'),
      backupWriteChunk: async () => fail('internal', 'not used'),
      backupWriteCommit: async () => fail('internal', 'not used'),
      backupWriteAbort: async () => ok(undefined),
    },
    run: async (options) => {
      runs.push(options)
      if (outcome === 'fail') throw new BackupFailure({ source: 'io', code: 'io', reason: 'disk-full' })
      return { fileName: 'baluchon-auto-x.baluchon', size: 10, removed: [] }
    },
  }
  return { deps, runs }
}

describe('backUpIfDue', () => {
  it('writes one, with the kept count from the settings, when none exists yet', async () => {
    const db = await freshDb()
    await db.items.add(item('note', 'N'))
    await saveAutoBackupSettings(db, { keep: 3 })
    const { deps, runs } = fakeDeps(db, [])
    expect(await backUpIfDue(deps)).toBe(true)
    expect(runs).toHaveLength(1)
    expect(runs[0]).toMatchObject({ target: { target: 'auto' }, keep: 3, dbName: db.name, contentCompressionLevel: 1 })
  })

  it('does nothing when the newest is recent, when turned off, for an empty base, or when this installation has no folder', async () => {
    const db = await freshDb()
    const empty = fakeDeps(db, [])
    expect(await backUpIfDue(empty.deps)).toBe(false)
    await db.items.add(item('note', 'N'))
    const recent = fakeDeps(db, [{ fileName: 'baluchon-auto-a.baluchon', size: 1, modifiedAt: T0 - HOUR }])
    expect(await backUpIfDue(recent.deps)).toBe(false)
    const none = fakeDeps(db, null)
    expect(await backUpIfDue(none.deps)).toBe(false)
    await saveAutoBackupSettings(db, { enabled: false })
    const off = fakeDeps(db, [])
    expect(await backUpIfDue(off.deps)).toBe(false)
    expect([...empty.runs, ...recent.runs, ...none.runs, ...off.runs]).toEqual([])
  })

  it('tells an empty base by reading one key, never by counting the items (a walk of the whole table)', async () => {
    const db = await freshDb()
    const counts = vi.spyOn(Object.getPrototypeOf(db.items.toCollection()) as Collection, 'count')
    const empty = fakeDeps(db, [])
    expect(await backUpIfDue(empty.deps)).toBe(false)
    await db.items.add(item('note', 'N'))
    const due = fakeDeps(db, [])
    expect(await backUpIfDue(due.deps)).toBe(true)
    expect(empty.runs).toEqual([])
    expect(due.runs).toHaveLength(1)
    expect(counts).not.toHaveBeenCalled()
    counts.mockRestore()
  })

  it('a failure is reported, not thrown, and the next check tries again', async () => {
    const db = await freshDb()
    await db.items.add(item('note', 'N'))
    const failing = fakeDeps(db, [], 'fail')
    expect(await backUpIfDue(failing.deps)).toBe(false)
    const retry = fakeDeps(db, [])
    expect(await backUpIfDue(retry.deps)).toBe(true)
  })
})

describe('settings', () => {
  it('defaults to daily, keep 7, on; ignores values out of range', async () => {
    const db = await freshDb()
    expect(await readAutoBackupSettings(db)).toEqual(DEFAULT_AUTO_BACKUP)
    expect(DEFAULT_AUTO_BACKUP).toEqual({ enabled: true, intervalHours: 24, keep: 7 })
    await saveAutoBackupSettings(db, { intervalHours: 168, keep: 12, enabled: false })
    expect(await readAutoBackupSettings(db)).toEqual({ enabled: false, intervalHours: 168, keep: 12 })
    await db.settings.bulkPut([
      { key: 'backup.auto.intervalHours', value: 5 },
      { key: 'backup.auto.keep', value: 0 },
    ])
    expect(await readAutoBackupSettings(db)).toMatchObject({ intervalHours: 24, keep: 7 })
  })
})
