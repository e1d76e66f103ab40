// Export and restore through the real Dexie schema (fake-indexeddb): round trip into an empty base, idempotent
// restores, merges that keep the losing text as a revision, one all-or-nothing transaction, refusals that leave
// the base untouched.
import { unzipSync } from 'fflate'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ArchiveError, readArchive } from '../../../src/core/archive'
import { MIGRATIONS } from '../../../src/db/migrations'
import { BaluchonDb } from '../../../src/db/schema'
import { applyPlan } from '../../../src/features/backup/apply'
import { prepareRestore } from '../../../src/features/backup/jobs'
import { planChangesNothing } from '../../../src/features/backup/plan'
import { closeAll, doc, dump, exportBytes, freshDb, item, png, attachment, seedSample, T0 } from './support'

afterEach(closeAll)

let ids = 0
const newRevisionId = (at: number): string => `RESTORED-${at}-${ids++}`

async function restore(db: Awaited<ReturnType<typeof freshDb>>, bytes: Uint8Array) {
  const prepared = await prepareRestore(db, bytes, { newRevisionId })
  await applyPlan(db, prepared.plan)
  return prepared
}

describe('export', () => {
  it('writes every record, the image bytes, Markdown for people, and no search index', async () => {
    const db = await freshDb()
    await seedSample(db)
    await db.searchIndex.put({ key: 'meta', value: { huge: true } })
    const bytes = await exportBytes(db)
    const contents = await readArchive(bytes)
    expect(contents.items.map((i) => i.id).sort()).toEqual(['01LINK', '01NOTE', '01POST', '01TALK', '01TRASH'])
    expect(contents.revisions).toHaveLength(2)
    expect(contents.attachments.map((a) => [a.id, a.data.length])).toEqual([['01IMG', 64]])
    expect(contents.settings.map((s) => s.key).sort()).toEqual(['ui.language', 'ui.theme'])
    expect(contents.manifest.counts).toMatchObject({ kinds: { post: 1, talk: 1, link: 1, note: 2 }, trashed: 1, content: 5 })
    const files = unzipSync(bytes)
    const names = Object.keys(files)
    expect(names).toContain('attachments/01IMG.png')
    expect(names.some((n) => n.startsWith('data/searchIndex'))).toBe(false)
    const post = new TextDecoder().decode(files[names.find((n) => n.startsWith('content/posts/'))!]!)
    expect(post).toContain('title: "L’été — مرحبا 👩‍👩‍👧"')
    // The image link resolves from content/posts/ to the archive's attachments/.
    expect(post).toContain('](../../attachments/01IMG.png')
    expect(names.some((n) => n.startsWith('content/trash/notes/'))).toBe(true)
  })

  it('never writes a setting that looks like a credential', async () => {
    const db = await freshDb()
    await db.settings.bulkPut([
      { key: 'ui.theme', value: 'dark' },
      { key: 'publish.apiToken', value: 'hunter2' },
    ])
    const bytes = await exportBytes(db)
    expect(new TextDecoder().decode(bytes).includes('hunter2')).toBe(false)
    expect((await readArchive(bytes)).settings).toEqual([{ key: 'ui.theme', value: 'dark' }])
  })

  it('pages through a base larger than one page in key order', async () => {
    const db = await freshDb()
    await db.items.bulkAdd(Array.from({ length: 2345 }, (_, i) => item('note', `N${String(i).padStart(5, '0')}`, { title: `n${i}` })))
    const contents = await readArchive(await exportBytes(db))
    expect(contents.items.map((i) => i.id)).toEqual(Array.from({ length: 2345 }, (_, i) => `N${String(i).padStart(5, '0')}`))
  })
})

describe('restore', () => {
  it('into an empty base gives back every record, and exporting again gives the same records and hashes', async () => {
    const source = await freshDb()
    await seedSample(source)
    const bytes = await exportBytes(source)
    const target = await freshDb()
    const { plan } = await restore(target, bytes)
    expect(plan.counts.post).toEqual({ added: 1, updated: 0, unchanged: 0, conflict: 0 })
    expect(plan.counts.note.added).toBe(2)
    expect(plan.counts.attachments.added).toBe(1)
    expect(plan.counts.revisions.added).toBe(2)
    expect(await dump(target)).toEqual(await dump(source))
    const again = await readArchive(await exportBytes(target))
    const first = await readArchive(bytes)
    expect(again.items).toEqual(first.items)
    expect(again.revisions).toEqual(first.revisions)
    expect(again.attachments.map((a) => a.sha256)).toEqual(first.attachments.map((a) => a.sha256))
    // The unread link is still unread, through the index the sidebar counts.
    expect(await target.items.where('[trashed+unread+updatedAt]').between([0, 1, -Infinity], [0, 1, Infinity]).count()).toBe(1)
  })

  it('is idempotent: the second restore finds everything unchanged and writes nothing', async () => {
    const source = await freshDb()
    await seedSample(source)
    const bytes = await exportBytes(source)
    const target = await freshDb()
    await restore(target, bytes)
    const before = await dump(target)
    const second = await prepareRestore(target, bytes, { newRevisionId })
    expect(planChangesNothing(second.plan)).toBe(true)
    for (const counts of Object.values(second.plan.counts)) expect(counts.added + counts.updated + counts.conflict).toBe(0)
    expect(second.plan.entries.every((e) => e.outcome === 'unchanged')).toBe(true)
    await applyPlan(target, second.plan)
    expect(await dump(target)).toEqual(before)
  })

  it('keeps links between items: restored and indexed; an archive written before they were indexed restores as unchanged', async () => {
    const linking = {
      type: 'doc' as const,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'the post', marks: [{ type: 'link', attrs: { href: 'item:01POST' } }] }] }],
    }
    const fill = async (db: BaluchonDb) => {
      await seedSample(db)
      await db.table('items').update('01NOTE', { body: linking, bodyText: 'the post' })
    }
    const source = await freshDb()
    await fill(source)
    const target = await freshDb()
    await restore(target, await exportBytes(source))
    expect(await target.items.where('linksTo').equals('01POST').primaryKeys()).toEqual(['01NOTE'])
    // The same base as version 6 (before the index) kept it: its archive's items have no linksTo.
    const older = new BaluchonDb(`backup-test-v6-${Date.now()}`, MIGRATIONS.filter((m) => m.version <= 6))
    await older.open()
    await fill(older)
    const olderBytes = await exportBytes(older)
    older.close()
    await older.delete()
    expect((await readArchive(olderBytes)).items.find((i) => i.id === '01NOTE')).not.toHaveProperty('linksTo')
    const again = await prepareRestore(target, olderBytes, { newRevisionId })
    expect(planChangesNothing(again.plan)).toBe(true)
    // The same item, not two versions of it of which the current one is kept.
    expect(again.plan.entries.find((e) => e.id === '01NOTE')).not.toHaveProperty('kept')
  })

  it('the dry run counts publication ledger rows and social-post variants: added, updated, unchanged (ours as new or newer)', async () => {
    const publication = (id: string, updatedAt: number, status = 'published') => ({
      id,
      itemId: '01POST',
      channel: 'wordpress',
      accountId: null,
      handling: 'api',
      status,
      remoteId: '7',
      remotePartIds: [],
      remoteUrl: null,
      parts: ['text'],
      updatedAt,
    })
    const variant = (text: string, updatedAt: number) => ({ id: '01POST:mastodon', itemId: '01POST', channel: 'mastodon', text, parts: [text], updatedAt })
    const source = await freshDb()
    await seedSample(source)
    await source.publications.bulkPut([publication('PUB1', T0 + 10), publication('PUB2', T0 + 10), publication('PUB3', T0 + 10)] as never[])
    await source.variants.put(variant('from the archive', T0 + 10) as never)
    const bytes = await exportBytes(source)

    const empty = await freshDb()
    const first = await restore(empty, bytes)
    expect(first.plan.counts.publications).toEqual({ added: 3, updated: 0, unchanged: 0, conflict: 0 })
    expect(first.plan.counts.variants).toEqual({ added: 1, updated: 0, unchanged: 0, conflict: 0 })
    // Labelled with the item's title and the channel.
    expect(first.plan.entries.find((e) => e.id === '01POST:mastodon')).toMatchObject({ kind: 'variants', label: 'L’été — مرحبا 👩‍👩‍👧 (mastodon)' })
    expect(await empty.publications.count()).toBe(3)
    const again = await prepareRestore(empty, bytes, { newRevisionId })
    expect(again.plan.counts.publications).toEqual({ added: 0, updated: 0, unchanged: 3, conflict: 0 })
    expect(again.plan.counts.variants).toEqual({ added: 0, updated: 0, unchanged: 1, conflict: 0 })
    expect(planChangesNothing(again.plan)).toBe(true)

    // Here: PUB1 older than the archive's (updated), PUB2 newer (unchanged, ours kept), PUB3 missing (added); the variant newer here.
    const here = await freshDb()
    await seedSample(here)
    await here.publications.bulkPut([publication('PUB1', T0 + 5, 'scheduled'), publication('PUB2', T0 + 20, 'draft')] as never[])
    await here.variants.put(variant('edited here later', T0 + 30) as never)
    const merged = await restore(here, bytes)
    expect(merged.plan.counts.publications).toEqual({ added: 1, updated: 1, unchanged: 1, conflict: 0 })
    expect(merged.plan.counts.variants).toEqual({ added: 0, updated: 0, unchanged: 1, conflict: 0 })
    expect(merged.plan.entries.find((e) => e.id === 'PUB2')).toMatchObject({ outcome: 'unchanged', kept: 'current' })
    expect(merged.plan.entries.find((e) => e.id === 'PUB1')).toMatchObject({ outcome: 'updated', kept: 'archive' })
    expect((await here.publications.get('PUB1'))!.status).toBe('published')
    expect((await here.publications.get('PUB2'))!.status).toBe('draft')
    expect((await here.variants.get('01POST:mastodon'))!.text).toBe('edited here later')
  })

  it('a newer archive version wins and the local text it replaces is kept as a revision', async () => {
    const db = await freshDb()
    await db.items.add(item('post', 'P', { title: 'Local', body: doc('local edit'), updatedAt: T0 + 10 }))
    const other = await freshDb()
    await other.items.add(item('post', 'P', { title: 'Remote', body: doc('remote edit'), updatedAt: T0 + 20 }))
    const { plan } = await restore(db, await exportBytes(other))
    expect(plan.counts.post.conflict).toBe(1)
    expect(plan.entries.find((e) => e.id === 'P')).toMatchObject({ outcome: 'conflict', kept: 'archive' })
    expect((await db.items.get('P'))!.title).toBe('Remote')
    const history = await db.revisions.where('itemId').equals('P').toArray()
    expect(history).toMatchObject([{ title: 'Local', bodyText: 'local edit', createdAt: T0 + 10, reason: 'before-restore' }])
    // Again: nothing more to do.
    expect(planChangesNothing((await prepareRestore(db, await exportBytes(other), { newRevisionId })).plan)).toBe(true)
  })

  it('finds the items and revisions a larger base already holds among many the archive brings (read by their keys first)', async () => {
    const noteIds = Array.from({ length: 300 }, (_, i) => `N${String(i).padStart(4, '0')}`)
    const source = await freshDb()
    await source.items.bulkAdd(noteIds.map((id) => item('note', id, { title: `remote ${id}`, updatedAt: T0 + 20 })))
    await source.revisions.bulkAdd(noteIds.map((id) => ({ id: `R${id}`, itemId: id, createdAt: T0, title: `old ${id}`, body: doc('old'), bodyText: 'old', reason: 'save' as const })))
    const db = await freshDb()
    // Every third item is here already: older (the archive's wins), the same, or newer (ours stays); one revision differs.
    const here = noteIds.filter((_, i) => i % 3 === 0)
    await db.items.bulkAdd(here.map((id, i) => item('note', id, { title: i % 3 === 1 ? `remote ${id}` : `local ${id}`, updatedAt: i % 3 === 2 ? T0 + 30 : i % 3 === 1 ? T0 + 20 : T0 + 10 })))
    await db.revisions.add({ id: `R${noteIds[1]}`, itemId: noteIds[1]!, createdAt: T0, title: 'ours', body: doc('ours'), bodyText: 'ours', reason: 'save' })
    const { plan } = await prepareRestore(db, await exportBytes(source), { newRevisionId })
    const outcome = (id: string) => plan.entries.find((e) => e.kind === 'note' && e.id === id)?.outcome
    expect(plan.counts.note.added).toBe(300 - here.length)
    expect(outcome(here[0]!)).toBe('conflict')
    expect(outcome(here[1]!)).toBe('unchanged')
    expect(plan.entries.find((e) => e.id === here[2])).toMatchObject({ outcome: 'conflict', kept: 'current' })
    expect(plan.counts.revisions).toEqual({ added: 299, updated: 0, unchanged: 0, conflict: 1 })
  })

  it('a newer local version stays and the archive text is kept as a revision', async () => {
    const db = await freshDb()
    await db.items.add(item('note', 'N', { title: 'Local', body: doc('newer'), updatedAt: T0 + 50 }))
    const other = await freshDb()
    await other.items.add(item('note', 'N', { title: 'Old', body: doc('older'), updatedAt: T0 + 5 }))
    const bytes = await exportBytes(other)
    const { plan } = await restore(db, bytes)
    expect(plan.entries.find((e) => e.id === 'N')).toMatchObject({ outcome: 'conflict', kept: 'current' })
    expect((await db.items.get('N'))!.title).toBe('Local')
    expect(await db.revisions.where('itemId').equals('N').toArray()).toMatchObject([{ title: 'Old', bodyText: 'older' }])
    expect(planChangesNothing((await prepareRestore(db, bytes, { newRevisionId })).plan)).toBe(true)
  })

  it('an archive that descends from the local version is a plain update (its history already holds our text)', async () => {
    const source = await freshDb()
    await source.items.add(item('post', 'P', { title: 'v1', body: doc('one'), updatedAt: T0 }))
    const db = await freshDb()
    await restore(db, await exportBytes(source))
    // The source goes on: its history now holds v1.
    await source.revisions.add({ id: 'R1', itemId: 'P', createdAt: T0, title: 'v1', body: doc('one'), bodyText: 'one', reason: 'save' })
    await source.items.put({ ...(await source.items.get('P'))!, title: 'v2', body: doc('two'), bodyText: 'two', updatedAt: T0 + 100, tags: ['x'] })
    const { plan } = await restore(db, await exportBytes(source))
    expect(plan.entries.find((e) => e.id === 'P')).toMatchObject({ outcome: 'updated', kept: 'archive' })
    expect(plan.counts.revisions.added).toBe(1)
    expect(await dump(db)).toEqual(await dump(source))
  })

  it('trashing counts as a change: the later trash wins over an older edit', async () => {
    const source = await freshDb()
    await source.items.add(item('note', 'N', { title: 't', body: doc('b'), updatedAt: T0 }))
    const db = await freshDb()
    await restore(db, await exportBytes(source))
    await db.items.put({ ...(await db.items.get('N'))!, trashed: 1, trashedAt: T0 + 500 })
    const { plan } = await restore(db, await exportBytes(source))
    expect(plan.entries.find((e) => e.id === 'N')).toMatchObject({ outcome: 'unchanged', kept: 'current' })
    expect((await db.items.get('N'))!.trashed).toBe(1)
  })

  it('all or nothing: a failing write leaves the base exactly as it was', async () => {
    const source = await freshDb()
    await seedSample(source)
    const bytes = await exportBytes(source)
    const db = await freshDb()
    await db.items.add(item('note', 'MINE', { title: 'keep me' }))
    const before = await dump(db)
    const prepared = await prepareRestore(db, bytes, { newRevisionId })
    // The last table written refuses: items, revisions and attachments written before it must roll back.
    const spy = vi.spyOn(db.settings, 'bulkPut').mockRejectedValue(new Error('QuotaExceededError'))
    await expect(applyPlan(db, prepared.plan)).rejects.toThrow('QuotaExceededError')
    spy.mockRestore()
    expect(await dump(db)).toEqual(before)
  })

  it('a malformed archive is refused with a typed error before anything is planned or written', async () => {
    const source = await freshDb()
    await seedSample(source)
    const bytes = await exportBytes(source)
    const db = await freshDb()
    await db.items.add(item('note', 'MINE', { title: 'keep me' }))
    const before = await dump(db)
    const truncated = bytes.slice(0, bytes.length - 10)
    const flipped = bytes.slice()
    // A byte inside the first entry's data (after its 30-byte header and name).
    flipped[80] = flipped[80]! ^ 0xff
    for (const bad of [truncated, flipped, new TextEncoder().encode('not a zip at all'), new Uint8Array()]) {
      const error = await prepareRestore(db, bad).then(
        () => null,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(ArchiveError)
    }
    expect(await dump(db)).toEqual(before)
  })

  it('keeps images by id: an attachment already here is unchanged, a new one is added with its bytes', async () => {
    const source = await freshDb()
    await source.items.add(item('post', 'P', { body: doc('x', 'IMG1') }))
    await source.attachments.bulkAdd([attachment('IMG1', 'P', png(1)), attachment('IMG2', 'P', png(2, 300))])
    const db = await freshDb()
    await db.attachments.add(attachment('IMG1', 'P', png(1)))
    const { plan } = await restore(db, await exportBytes(source))
    expect(plan.counts.attachments).toEqual({ added: 1, updated: 0, unchanged: 1, conflict: 0 })
    expect((await dump(db)).attachments).toEqual((await dump(source)).attachments)
  })
})
