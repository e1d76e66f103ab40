// The proof: "zero confidential items in the output". A fixture base with confidential items planted among
// hundreds of others (some only confidential through their affiliation's default) goes through the real export
// path — the UI thread's client, the export worker module, its compression workers' code — with the "may leave"
// scope; then every entry of the archive is inflated and scanned for the planted canaries and confidential ids,
// and the archive is restored with the normal restore into an empty base.
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { readArchive } from '../../../src/core/archive'
import { WATCH_WORDS_SETTING, leavingPartition } from '../../../src/core/career'
import { BaluchonDb } from '../../../src/db'
import { applyPlan } from '../../../src/features/backup/apply'
import { runExport, type ExportWritten } from '../../../src/features/backup/client'
import { prepareRestore } from '../../../src/features/backup/jobs'
import { readCareerContext } from '../../../src/features/backup/leavingScope'
import { memoryApi, spawnRealExportWorker } from '../backup/inProcessExportWorker'
import { CANARY, seedLeavingFixture, type Fixture } from './fixture'

let db: BaluchonDb
let fixture: Fixture
let written: ExportWritten
let bytes: Uint8Array
const decoder = new TextDecoder('utf-8', { fatal: false })
const latin1 = new TextDecoder('latin1')

beforeAll(async () => {
  db = new BaluchonDb(`leaving-fixture-${Date.now()}`)
  await db.open()
  fixture = await seedLeavingFixture(db, 600)
  const worker = await spawnRealExportWorker()
  const memory = memoryApi()
  const result = await runExport({
    api: memory.api,
    dbName: db.name,
    appVersion: '0.1.0-test',
    target: { target: 'choose', suggestedName: 'leaving.baluchon' },
    scope: 'may-leave',
    spawn: () => worker,
    now: () => Date.UTC(2026, 10, 28),
  })
  written = result!
  bytes = memory.file.bytes
}, 120_000)

afterAll(async () => {
  vi.unstubAllGlobals()
  db.close()
  await db.delete()
})

describe('the fixture', () => {
  it('plants hundreds of items with confidential ones of every kind of reason among them', async () => {
    expect(fixture.confidentialIds.length + fixture.leavingIds.length).toBe(600)
    expect(fixture.confidentialIds.length).toBeGreaterThan(100)
    expect(fixture.reasons.label).toBeGreaterThan(20)
    expect(fixture.reasons.chosen).toBeGreaterThan(10)
    // Confidential only through the affiliation's default (Acme, and the Initech side job overlapping Globex).
    expect(fixture.reasons.default).toBeGreaterThan(50)
    expect(fixture.sharedImageIds.length).toBeGreaterThan(3)
    expect(fixture.confidentialOnlyImageIds.length).toBeGreaterThan(3)
    expect(fixture.confidentialPlanIds.length).toBeGreaterThan(20)
    expect(fixture.leavingPlanIds.length).toBeGreaterThan(20)
    // The pure partition agrees with how the fixture planted them.
    const items = await db.items.toArray()
    const partition = leavingPartition(items, await readCareerContext(db))
    expect(partition.staying.map((s) => s.id).sort()).toEqual([...fixture.confidentialIds].sort())
  })
})

describe('the personal archive', () => {
  it('holds no confidential id, title, text, tag, revision, ledger row, plan or image byte anywhere (every entry scanned)', () => {
    const entries = unzipSync(bytes)
    const names = Object.keys(entries)
    expect(names.length).toBeGreaterThan(fixture.leavingIds.length)
    const needles = [CANARY, ...fixture.confidentialIds, ...fixture.confidentialOnlyImageIds, 'REVCONF']
    for (const name of names) {
      for (const needle of needles) expect(name.includes(needle), `${needle} in the name ${name}`).toBe(false)
      const text = decoder.decode(entries[name]) + latin1.decode(entries[name])
      for (const needle of needles) expect(text.includes(needle), `${needle} inside ${name}`).toBe(false)
    }
    // And in the raw file (names in the zip's own records, stored entries).
    const raw = latin1.decode(bytes)
    for (const needle of needles) expect(raw.includes(needle)).toBe(false)
  })

  it('holds every item that may leave, with its revisions, its images (shared ones too), ledger, variants and plans', async () => {
    const contents = await readArchive(bytes)
    expect(contents.items.map((i) => i.id).sort()).toEqual([...fixture.leavingIds].sort())
    expect(contents.revisions.map((r) => r.id).sort()).toEqual([...fixture.leavingRevisionIds].sort())
    const attachmentIds = contents.attachments.map((a) => a.id)
    for (const id of fixture.sharedImageIds) expect(attachmentIds).toContain(id)
    const leaving = new Set(fixture.leavingIds)
    // A shared image first received by a confidential item names a leaving item as its owner instead; the portfolio
    // photo leaves with the profile.
    for (const a of contents.attachments) expect(leaving.has(a.itemId) || a.id === 'PHOTO1').toBe(true)
    expect(attachmentIds).toContain('PHOTO1')
    for (const table of ['publications', 'variants']) {
      const rows = contents.tables[table] ?? []
      expect(rows.length).toBeGreaterThan(0)
      for (const row of rows) expect(leaving.has(row['itemId'] as string)).toBe(true)
    }
    // Calendar plans of leaving items go; a confidential item's plan (what is coming, and when) stays.
    const planIds = (contents.tables['plans'] ?? []).map((p) => p['id'] as string).sort()
    expect(planIds).toEqual([...fixture.leavingPlanIds].sort())
    for (const id of fixture.confidentialPlanIds) expect(planIds).not.toContain(id)
    expect(contents.manifest.counts.tables['plans']).toBe(fixture.leavingPlanIds.length)
    // The whole timeline goes: it is the person's CV.
    expect((contents.tables['affiliations'] ?? []).map((a) => a['organisation']).sort()).toEqual(['Acme', 'Globex', 'Initech'])
    // Preferences go; the watch list (client names) and other settings do not.
    expect(contents.settings.map((s) => s.key).sort()).toEqual(['portfolio.profile', 'ui.language'])
    expect(contents.settings.some((s) => s.key === WATCH_WORDS_SETTING)).toBe(false)
    expect(contents.manifest.counts.tables['items']).toBe(fixture.leavingIds.length)
  })

  it('reports what stayed (ids, kinds, dates and why; never titles) and the archive’s SHA-256', () => {
    const summary = written.leaving!
    expect(summary.staying.map((s) => s.id).sort()).toEqual([...fixture.confidentialIds].sort())
    expect(Object.values(summary.stayingCounts).reduce((a, b) => a + b)).toBe(fixture.confidentialIds.length)
    expect(Object.values(summary.leavingCounts).reduce((a, b) => a + b)).toBe(fixture.leavingIds.length)
    expect(new Set(summary.staying.map((s) => s.reason))).toEqual(new Set(['item', 'affiliation']))
    expect(JSON.stringify(summary.staying)).not.toContain('title')
    expect(written.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('restores with the normal restore into an empty base: exactly the leaving items, the timeline, no confidential trace', async () => {
    const target = new BaluchonDb(`leaving-restore-${Date.now()}`)
    await target.open()
    try {
      let n = 0
      const prepared = await prepareRestore(target, bytes.slice(), { newRevisionId: () => `R${n++}` })
      await applyPlan(target, prepared.plan)
      expect((await target.items.toCollection().primaryKeys()).sort()).toEqual([...fixture.leavingIds].sort())
      expect((await target.affiliations.toArray()).map((a) => a.organisation).sort()).toEqual(['Acme', 'Globex', 'Initech'])
      expect(await target.revisions.count()).toBe(fixture.leavingRevisionIds.length)
      expect((await target.plans.toCollection().primaryKeys()).sort()).toEqual([...fixture.leavingPlanIds].sort())
      const dump = JSON.stringify([await target.items.toArray(), await target.revisions.toArray(), await target.settings.toArray()])
      expect(dump.includes(CANARY)).toBe(false)
      // Restoring twice changes nothing.
      const again = await prepareRestore(target, bytes.slice(), { newRevisionId: () => `R${n++}` })
      expect(again.plan.writes.items).toHaveLength(0)
    } finally {
      target.close()
      await target.delete()
    }
  })
})
