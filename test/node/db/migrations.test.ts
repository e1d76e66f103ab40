// Every older database version must upgrade to the current one without losing anything.
// For each fixture (a database as version N wrote it) we create a database with only the migrations up to N,
// fill it, close it, then open it with the current schema and compare.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LATEST_VERSION, MIGRATIONS } from '../../../src/db/migrations'
import { BaluchonDb } from '../../../src/db/schema'
import { createItem, listRevisions } from '../../../src/features/items/repository'
import { pendingLinkIds, sidebarCounts } from '../../../src/features/items/queries'
import { ITEM_KINDS } from '../../../src/core/items'

interface Fixture {
  version: number
  tables: Record<string, Record<string, unknown>[]>
}

const fixtureDir = join(__dirname, '../../fixtures/db')
const fixtures: Fixture[] = readdirSync(fixtureDir)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(join(fixtureDir, f), 'utf8')) as Fixture)
  .sort((a, b) => a.version - b.version)

/** Binary columns are stored in fixtures as { base64 } and become Blobs again here. */
function revive(row: Record<string, unknown>): Record<string, unknown> {
  const data = row.data as { base64?: string } | undefined
  if (data && typeof data.base64 === 'string') return { ...row, data: new Blob([Buffer.from(data.base64, 'base64')], { type: String(row.mime) }) }
  return row
}

let counter = 0
const freshName = (): string => `migration-test-${Date.now()}-${counter++}`

describe('database migrations', () => {
  it('has a fixture for every schema version', () => {
    expect(fixtures.map((f) => f.version)).toEqual(MIGRATIONS.map((m) => m.version))
  })

  it('versions are strictly increasing', () => {
    const versions = MIGRATIONS.map((m) => m.version)
    expect([...versions].sort((a, b) => a - b)).toEqual(versions)
    expect(new Set(versions).size).toBe(versions.length)
  })

  describe.each(fixtures)('a database written by version $version', (fixture) => {
    it(`opens with version ${LATEST_VERSION} with every record intact and usable`, async () => {
      const name = freshName()
      const upTo = MIGRATIONS.filter((m) => m.version <= fixture.version)
      const old = new BaluchonDb(name, upTo)
      await old.open()
      await old.transaction('rw', old.tables, async () => {
        for (const [table, rows] of Object.entries(fixture.tables)) await old.table(table).bulkAdd(rows.map(revive))
      })
      old.close()

      const db = new BaluchonDb(name)
      await db.open()
      expect(db.verno).toBe(LATEST_VERSION)
      for (const [table, rows] of Object.entries(fixture.tables)) {
        const stored = await db.table(table).toArray()
        expect(stored).toHaveLength(rows.length)
        for (const row of rows) {
          const key = (row.id ?? row.key) as string
          const found = (await db.table(table).get(key)) as Record<string, unknown>
          expect(found, `${table} ${key}`).toBeDefined()
          for (const [field, value] of Object.entries(row)) {
            if (field === 'data') {
              const blob = found.data as Blob
              expect(Buffer.from(await blob.arrayBuffer()).toString('base64')).toBe((value as { base64: string }).base64)
            } else {
              expect(found[field], `${table} ${key}.${field}`).toEqual(value)
            }
          }
        }
      }
      // The upgraded database serves the app's queries.
      const live = await db.items.where('[trashed+updatedAt]').between([0, -Infinity], [0, Infinity]).count()
      expect(live).toBe(fixture.tables.items!.filter((i) => i.trashed === 0).length)
      // The sidebar's counts read the indexes version 6 added: built over the rows already there.
      const counts = await sidebarCounts(db)
      expect(counts.all).toBe(live)
      expect(counts.trash).toBe(fixture.tables.items!.filter((i) => i.trashed === 1).length)
      for (const kind of ITEM_KINDS) expect(counts.byKind[kind], kind).toBe(fixture.tables.items!.filter((i) => i.trashed === 0 && i.kind === kind).length)
      const drafts = fixture.tables.items!.filter((i) => i.trashed === 0 && i.kind === 'post' && i.status === 'draft').length
      expect(counts.byStatus.post['draft']).toBe(drafts)
      const firstPost = fixture.tables.items!.find((i) => i.kind === 'post')!
      expect((await listRevisions(db, String(firstPost.id))).length).toBeGreaterThan(0)
      // "Linked from" reads the index version 7 added: whatever linked to the post before the upgrade, and a new link.
      const linking = fixture.tables.items!.filter((i) => JSON.stringify(i.body).includes(`"href":"item:${String(firstPost.id)}"`)).map((i) => i.id)
      expect(await db.items.where('linksTo').equals(String(firstPost.id)).primaryKeys()).toEqual(linking)
      const created = await createItem(db, 'note', { title: 'after upgrade' })
      expect(await db.items.get(created.id)).toMatchObject({ title: 'after upgrade' })
      const linked = await createItem(db, 'note', {
        title: 'links to the post',
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: `item:${String(firstPost.id)}` } }] }] }] },
      })
      expect(await db.items.where('linksTo').equals(String(firstPost.id)).primaryKeys()).toEqual([...linking, linked.id].sort())
      // Links still to complete are found by the index version 8 added, newest change first.
      const pending = fixture.tables.items!.filter((i) => i.kind === 'link' && i.trashed === 0 && i.fetchState === 'pending')
      expect(await pendingLinkIds(db)).toEqual(pending.sort((a, b) => Number(b.updatedAt) - Number(a.updatedAt)).map((i) => i.id))
      db.close()
    })
  })

  it('builds the pending-links index of version 8 over the links an older version stored', async () => {
    const name = freshName()
    const v8 = fixtures.find((f) => f.version === 8)!
    const links = v8.tables.items!.filter((i) => i.kind === 'link')
    expect(links.map((i) => i.fetchState).sort()).toEqual(['done', 'pending'])
    const old = new BaluchonDb(name, MIGRATIONS.filter((m) => m.version <= 7))
    await old.open()
    // A second pending one, trashed: trashed links wait in the Trash, they are not fetched.
    const trashed = { ...links.find((i) => i.fetchState === 'pending')!, id: '01KB000000000000000000000T', trashed: 1, trashedAt: 1764000600000 }
    await old.items.bulkAdd([...links, trashed].map(revive) as never[])
    old.close()
    const db = new BaluchonDb(name)
    await db.open()
    expect(await pendingLinkIds(db)).toEqual([links.find((i) => i.fetchState === 'pending')!.id])
    db.close()
  })
})
