// Older formats are upgraded on import through a chain of steps. Version 1 is the first real format,
// so the mechanism is proven here with a made-up version 0: items in one root file, notes called
// "memo", no trashedAt, and a manifest with other field names.
import { describe, expect, it } from 'vitest'
import { ARCHIVE_UPGRADES, ArchiveError, buildArchive, readArchive, type ArchiveUpgrade } from '../../../src/core/archive'
import { upgradeArchive } from '../../../src/core/archive/upgrades'
import { CREATED_AT, craftZip, sha256, text } from './support'

const v0Items = [
  { id: 'OLD1', kind: 'memo', title: 'Une note d’avant', body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'ancienne' }] }] }, bodyText: 'ancienne', tags: ['old'], status: null, createdAt: 1_600_000_000_000, updatedAt: 1_600_000_000_000, trashed: 0 },
  { id: 'OLD2', kind: 'post', title: 'Old post', body: { type: 'doc', content: [] }, bodyText: '', tags: [], status: 'draft', createdAt: 1_600_000_000_001, updatedAt: 1_600_000_000_002, trashed: 1, excerpt: '', slug: 'old-post', slugLocked: false, canonicalUrl: '' },
]

/** What the made-up version 0 wrote. */
function v0Archive(items: unknown[] = v0Items): Uint8Array {
  const itemsJson = text(JSON.stringify(items))
  const manifest = {
    format: 'baluchon-archive',
    formatVersion: 0,
    app: '0.0.9',
    created: CREATED_AT,
    kinds: { post: 1, memo: 1 },
    files: { 'items.json': { sha256: sha256(itemsJson), bytes: itemsJson.length } },
  }
  return craftZip([
    { name: 'items.json', data: itemsJson },
    { name: 'manifest.json', data: text(JSON.stringify(manifest)) },
  ])
}

const v0ToV1: ArchiveUpgrade = {
  from: 0,
  manifest: (old) => {
    const kinds = old.kinds as { post: number; memo: number }
    const files = old.files as Record<string, { sha256: string; bytes: number }>
    const count = kinds.post + kinds.memo
    return {
      format: 'baluchon-archive',
      formatVersion: 1,
      appVersion: old.app,
      createdAt: new Date(old.created as number).toISOString(),
      counts: { kinds: { post: kinds.post, talk: 0, link: 0, note: kinds.memo }, trashed: 1, tables: { items: count, revisions: 0, attachments: 0, settings: 0 }, content: 0 },
      tables: { items: { files: ['items.json'] }, revisions: { files: [] }, attachments: { files: [] }, settings: { files: [] } },
      entries: Object.fromEntries(Object.entries(files).map(([path, f]) => [path, { sha256: f.sha256, size: f.bytes }])),
    }
  },
  record: (table, record) => {
    if (table !== 'items') return record
    const item = record as Record<string, unknown>
    return { ...item, kind: item.kind === 'memo' ? 'note' : item.kind, trashedAt: item.trashed === 1 ? (item.updatedAt as number) : null }
  },
}

describe('archive upgrades', () => {
  it('has no real step yet: version 1 is the first format', () => {
    expect(ARCHIVE_UPGRADES).toEqual([])
  })

  it('reads a version 0 archive through the chain, then validates it as version 1', async () => {
    const back = await readArchive(v0Archive(), { upgrades: [v0ToV1] })
    expect(back.sourceFormatVersion).toBe(0)
    expect(back.manifest.formatVersion).toBe(1)
    expect(back.manifest.appVersion).toBe('0.0.9')
    expect(back.items.map((i) => [i.id, i.kind, i.trashedAt])).toEqual([
      ['OLD1', 'note', null],
      ['OLD2', 'post', 1_600_000_000_002],
    ])
    // Exported again, it is an ordinary version 1 archive that needs no upgrade.
    const again = await buildArchive({ appVersion: '0.1.0', createdAt: CREATED_AT, items: back.items, revisions: [], attachments: [], settings: [] })
    expect((await readArchive(again)).items).toEqual(back.items)
  })

  it('refuses version 0 when no step reads it', async () => {
    await expect(readArchive(v0Archive())).rejects.toMatchObject({ code: 'unsupported-version', info: { found: 0, supported: 1 } })
  })

  it('still checks checksums and records after upgrading', async () => {
    await expect(readArchive(v0Archive([{ ...v0Items[0], kind: 'scroll' }]), { upgrades: [v0ToV1] })).rejects.toMatchObject({ code: 'invalid-record', info: { recordId: 'OLD1' } })
    const tampered = v0Archive()
    const broken: ArchiveUpgrade = { ...v0ToV1, manifest: (old) => ({ ...(v0ToV1.manifest(old) as object), entries: { 'items.json': { sha256: '0'.repeat(64), size: (v0ToV1.manifest(old) as { entries: Record<string, { size: number }> }).entries['items.json']!.size } } }) }
    await expect(readArchive(tampered, { upgrades: [broken] })).rejects.toMatchObject({ code: 'checksum', info: { entry: 'items.json' } })
  })

  it('reports a step that throws as upgrade-failed, and one that produces a bad manifest as invalid-manifest', async () => {
    const throwing: ArchiveUpgrade = { from: 0, manifest: () => { throw new Error('boom') } }
    await expect(readArchive(v0Archive(), { upgrades: [throwing] })).rejects.toMatchObject({ code: 'upgrade-failed' })
    const sloppy: ArchiveUpgrade = { from: 0, manifest: () => ({ formatVersion: 1 }) }
    await expect(readArchive(v0Archive(), { upgrades: [sloppy] })).rejects.toMatchObject({ code: 'invalid-manifest' })
  })

  it('chains steps in order, manifests and records alike', () => {
    const log: string[] = []
    const step = (from: number): ArchiveUpgrade => ({
      from,
      manifest: (m) => (log.push(`m${from}`), { ...m, formatVersion: from + 1, trail: `${String(m.trail ?? '')}${from}` }),
      record: (_table, r) => (log.push(`r${from}`), { ...(r as object), trail: `${String((r as { trail?: string }).trail ?? '')}${from}` }),
    })
    // Given out of order: the chain finds each step by the version it reads.
    const result = upgradeArchive({ formatVersion: 0 }, 0, 3, [step(2), step(0), step(1)])
    expect(result.manifest).toEqual({ formatVersion: 3, trail: '012' })
    expect(result.upgradeRecord('items', {})).toEqual({ trail: '012' })
    expect(log).toEqual(['m0', 'm1', 'm2', 'r0', 'r1', 'r2'])
    expect(() => upgradeArchive({}, 0, 3, [step(0), step(2)])).toThrow(ArchiveError)
    expect(upgradeArchive({ a: 1 }, 3, 3, []).manifest).toEqual({ a: 1 })
  })
})
