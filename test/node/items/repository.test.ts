// The item repository against a real IndexedDB implementation (fake-indexeddb): every write path the UI uses.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { attachmentSrc, docFromText } from '../../../src/core/doc'
import type { PostItem } from '../../../src/core/items'
import { SNAPSHOT_MIN_INTERVAL } from '../../../src/core/revisions'
import { BaluchonDb } from '../../../src/db/schema'
import {
  addLink,
  applyLinkPreview,
  createItem,
  deleteForever,
  emptyTrash,
  findLinkByUrl,
  getItem,
  listRevisions,
  markLinkFetch,
  placeholderLinkTitle,
  resetSlugToTitle,
  restoreFromTrash,
  restoreRevision,
  saveContent,
  setSlug,
  trashItem,
  updateFields,
  type StoredLink,
} from '../../../src/features/items/repository'

let db: BaluchonDb
let n = 0
const T0 = Date.UTC(2026, 0, 10, 9)
const MIN = 60_000

beforeEach(async () => {
  db = new BaluchonDb(`repo-test-${Date.now()}-${n++}`)
  await db.open()
})
afterEach(async () => {
  db.close()
  await db.delete()
})

const content = (title: string, text: string) => ({ title, body: docFromText(text), bodyText: text })

describe('items', () => {
  it('creates an item of each kind with every field present and normalised tags', async () => {
    const post = (await createItem(db, 'post', { tags: [' #design', 'Design', 'ux '] }, T0)) as PostItem
    expect(post).toMatchObject({ kind: 'post', status: 'idea', slug: '', slugLocked: false, tags: ['design', 'ux'], trashed: 0 })
    const talk = await createItem(db, 'talk', {}, T0)
    expect(talk).toMatchObject({ kind: 'talk', status: 'idea', event: '', date: '' })
    expect(await getItem(db, post.id)).toEqual(post)
  })

  it('saves content, keeps an unlocked slug in step with the title, and stops once locked', async () => {
    const post = await createItem(db, 'post', {}, T0)
    await saveContent(db, post.id, content('Hello Wörld', 'Body'), T0 + 1)
    expect(await getItem(db, post.id)).toMatchObject({ title: 'Hello Wörld', slug: 'hello-world', updatedAt: T0 + 1 })
    await setSlug(db, post.id, 'custom', T0 + 2)
    await saveContent(db, post.id, content('Another title', 'Body'), T0 + 3)
    expect(await getItem(db, post.id)).toMatchObject({ slug: 'custom', slugLocked: true })
    await resetSlugToTitle(db, post.id, T0 + 4)
    expect(await getItem(db, post.id)).toMatchObject({ slug: 'another-title', slugLocked: false })
  })

  it('updates kind fields and tags', async () => {
    const talk = await createItem(db, 'talk', {}, T0)
    await updateFields(db, talk.id, { event: 'JSConf', date: '2026-05-01', tags: ['A', 'a', 'b'] }, T0 + 5)
    expect(await getItem(db, talk.id)).toMatchObject({ event: 'JSConf', date: '2026-05-01', tags: ['A', 'b'], updatedAt: T0 + 5 })
  })

  it('trashes, restores, deletes forever and empties the Trash with revisions', async () => {
    const a = await createItem(db, 'note', {}, T0)
    const b = await createItem(db, 'note', {}, T0)
    const c = await createItem(db, 'note', {}, T0)
    await saveContent(db, a.id, content('A', 'text a'), T0 + 1)
    await trashItem(db, a.id, T0 + 2)
    await trashItem(db, b.id, T0 + 3)
    expect(await getItem(db, a.id)).toMatchObject({ trashed: 1, trashedAt: T0 + 2 })
    await restoreFromTrash(db, b.id)
    expect(await getItem(db, b.id)).toMatchObject({ trashed: 0, trashedAt: null })
    await trashItem(db, b.id, T0 + 4)
    expect(await emptyTrash(db)).toBe(2)
    expect(await db.items.count()).toBe(1)
    expect(await db.revisions.where('itemId').equals(a.id).count()).toBe(0)
    await deleteForever(db, [c.id])
    expect(await db.items.count()).toBe(0)
  })
})

describe('revision pruning', () => {
  it('never keeps more than the cap for an item, dropping the oldest, and leaves other items alone', async () => {
    const { MAX_REVISIONS_PER_ITEM } = await import('../../../src/core/revisions')
    const note = await createItem(db, 'note', {}, T0)
    const other = await createItem(db, 'note', {}, T0)
    await saveContent(db, other.id, content('Other', 'kept'), T0 + 1)
    const otherBefore = await db.revisions.where('itemId').equals(other.id).count()
    // Every save is 300 characters longer: each one is a meaningful change, all within the last hour.
    for (let i = 1; i <= MAX_REVISIONS_PER_ITEM + 10; i++) await saveContent(db, note.id, content('Growing', 'x'.repeat(300 * i)), T0 + i * 1000)
    const kept = await listRevisions(db, note.id)
    expect(kept).toHaveLength(MAX_REVISIONS_PER_ITEM)
    expect(kept[0]!.bodyText.length).toBe(300 * (MAX_REVISIONS_PER_ITEM + 10))
    expect(await db.revisions.where('itemId').equals(other.id).count()).toBe(otherBefore)
  })
})

describe('attachments when items are deleted forever', () => {
  const imageDoc = (attachmentId: string) => ({
    type: 'doc' as const,
    content: [{ type: 'image', attrs: { src: attachmentSrc(attachmentId), alt: 'pic' } }],
  })
  const addImage = (id: string, itemId: string) =>
    db.attachments.add({ id, itemId, mime: 'image/png', name: 'a.png', size: 3, sha256: id, createdAt: T0, data: new Blob([new Uint8Array([1, 2, 3])]) })

  it('deletes the images only the deleted item used, keeps and hands over those another item shows', async () => {
    const owner = await createItem(db, 'note', {}, T0)
    const other = await createItem(db, 'note', {}, T0)
    await addImage('only-owner', owner.id)
    await addImage('shared', owner.id)
    await saveContent(db, owner.id, { title: 'Owner', body: { type: 'doc', content: [...imageDoc('only-owner').content, ...imageDoc('shared').content] }, bodyText: '' }, T0 + 1)
    // The shared image was copied into another item.
    await saveContent(db, other.id, { title: 'Other', body: imageDoc('shared'), bodyText: '' }, T0 + 1)

    await deleteForever(db, [owner.id])
    expect(await db.attachments.get('only-owner')).toBeUndefined()
    expect(await db.attachments.get('shared')).toMatchObject({ itemId: other.id })

    await deleteForever(db, [other.id])
    expect(await db.attachments.count()).toBe(0)
  })

  it('keeps an image that only another item’s history still shows', async () => {
    const owner = await createItem(db, 'note', {}, T0)
    const other = await createItem(db, 'note', {}, T0)
    await addImage('in-history', owner.id)
    await db.revisions.add({ id: 'r1', itemId: other.id, createdAt: T0, title: 'old', body: imageDoc('in-history'), bodyText: '', reason: 'save' })
    await deleteForever(db, [owner.id])
    expect(await db.attachments.get('in-history')).toMatchObject({ itemId: other.id })
  })
})

describe('revisions', () => {
  it('snapshots meaningful saves only', async () => {
    const note = await createItem(db, 'note', {}, T0)
    await saveContent(db, note.id, content('Title', 'first words'), T0 + MIN)
    expect(await listRevisions(db, note.id)).toHaveLength(1)
    // A small change a moment later is not worth a snapshot.
    await saveContent(db, note.id, content('Title', 'first words!'), T0 + MIN + 1000)
    expect(await listRevisions(db, note.id)).toHaveLength(1)
    // After the interval it is.
    await saveContent(db, note.id, content('Title', 'first words!?'), T0 + MIN + SNAPSHOT_MIN_INTERVAL + 1000)
    const revs = await listRevisions(db, note.id)
    expect(revs).toHaveLength(2)
    expect(revs[0]!.bodyText).toBe('first words!?')
    // A large change is snapshotted at once.
    await saveContent(db, note.id, content('Title', 'x'.repeat(500)), T0 + MIN + SNAPSHOT_MIN_INTERVAL + 2000)
    expect(await listRevisions(db, note.id)).toHaveLength(3)
  })

  it('decides on snapshots from the newest revision even when another window added it', async () => {
    const note = await createItem(db, 'note', {}, T0)
    await saveContent(db, note.id, content('Title', 'first words'), T0 + MIN)
    expect(await listRevisions(db, note.id)).toHaveLength(1)
    // Another window (its own memory of revisions) snapshots newer text; this window last saw the first one.
    const later = T0 + MIN + SNAPSHOT_MIN_INTERVAL + 1000
    await db.revisions.add({ id: 'ZZ-OTHER-WINDOW', itemId: note.id, createdAt: later, title: 'Title', body: docFromText('other text'), bodyText: 'other text', reason: 'save' })
    // The same text saved here a moment later: the newest revision already holds it, nothing to add
    // (the first revision, long ago and different, would have asked for one).
    await saveContent(db, note.id, content('Title', 'other text'), later + 1000)
    expect((await listRevisions(db, note.id)).map((r) => r.bodyText)).toEqual(['other text', 'first words'])
    // And the whole row is written back: fields other than the content are kept.
    expect(await getItem(db, note.id)).toMatchObject({ kind: 'note', title: 'Title', bodyText: 'other text', updatedAt: later + 1000, createdAt: T0 })
  })

  it('a large change in one save keeps the text it replaces', async () => {
    const note = await createItem(db, 'note', {}, T0)
    await saveContent(db, note.id, content('Draft', ''), T0 + 1000)
    await saveContent(db, note.id, content('Draft', 'First version of the text.'), T0 + 2000)
    // Too small and too soon for a snapshot of its own.
    expect((await listRevisions(db, note.id)).map((r) => r.bodyText)).toEqual([''])
    await saveContent(db, note.id, content('Draft', 'x'.repeat(400)), T0 + 3000)
    expect((await listRevisions(db, note.id)).map((r) => r.bodyText)).toEqual(['x'.repeat(400), 'First version of the text.', ''])
  })

  it('restoring a revision keeps the current text as a revision first', async () => {
    const note = await createItem(db, 'note', {}, T0)
    await saveContent(db, note.id, content('V1', 'version one'), T0 + MIN)
    await saveContent(db, note.id, content('V2', 'version two'), T0 + 20 * MIN)
    const revs = await listRevisions(db, note.id)
    const v1 = revs.find((r) => r.title === 'V1')!
    await restoreRevision(db, v1.id, T0 + 30 * MIN)
    expect(await getItem(db, note.id)).toMatchObject({ title: 'V1', bodyText: 'version one' })
    const after = await listRevisions(db, note.id)
    expect(after[0]).toMatchObject({ reason: 'before-restore', title: 'V2', bodyText: 'version two' })
    // And that snapshot can itself be restored: a restore is undoable.
    await restoreRevision(db, after[0]!.id, T0 + 31 * MIN)
    expect(await getItem(db, note.id)).toMatchObject({ title: 'V2' })
  })
})

describe('links', () => {
  it('saves a link at once with a placeholder title, and dedupes by URL (even from the Trash)', async () => {
    const url = 'https://www.example.org/blog/post/'
    const first = await addLink(db, url, T0)
    expect(first.created).toBe(true)
    expect(first.link).toMatchObject({ url, title: 'example.org/blog/post', fetchState: 'pending' })
    await trashItem(db, first.link.id, T0 + 1)
    const again = await addLink(db, url, T0 + 2)
    expect(again.created).toBe(false)
    expect(again.link.id).toBe(first.link.id)
    expect(await getItem(db, first.link.id)).toMatchObject({ trashed: 0 })
    expect((await findLinkByUrl(db, url))?.id).toBe(first.link.id)
    expect(await db.items.count()).toBe(1)
  })

  it('fills only the fields the person has not edited', async () => {
    const { link } = await addLink(db, 'https://example.org/a', T0)
    await updateFields(db, link.id, { description: 'My own words' }, T0 + 1)
    await applyLinkPreview(db, link.id, { url: link.url, title: 'Page title', description: 'Their words', siteName: 'Example' })
    expect(await getItem(db, link.id)).toMatchObject({ title: 'Page title', description: 'My own words', siteName: 'Example', fetchState: 'done' })

    const other = (await addLink(db, 'https://example.org/b', T0)).link
    await updateFields(db, other.id, { title: 'Renamed' }, T0 + 1)
    await applyLinkPreview(db, other.id, { url: other.url, title: 'Page title', description: '', siteName: '' })
    expect(await getItem(db, other.id)).toMatchObject({ title: 'Renamed' })
  })

  it('a refresh replaces fetched values but never the person’s edits', async () => {
    const { link } = await addLink(db, 'https://example.org/c', T0)
    await applyLinkPreview(db, link.id, { url: link.url, title: 'Old title', description: 'Old description', siteName: 'Old site' })
    await updateFields(db, link.id, { siteName: 'My site' }, T0 + 1)
    await applyLinkPreview(db, link.id, { url: link.url, title: 'New title', description: 'New description', siteName: 'New site' })
    expect(await getItem(db, link.id)).toMatchObject({ title: 'New title', description: 'New description', siteName: 'My site' })
  })

  it('records failures with their code', async () => {
    const { link } = await addLink(db, 'https://example.org/missing', T0)
    await markLinkFetch(db, link.id, 'failed', { code: 'http-status', status: 404 })
    const stored = (await getItem(db, link.id)) as StoredLink
    expect(stored.fetchState).toBe('failed')
    expect(stored.fetchError).toEqual({ code: 'http-status', status: 404 })
    await applyLinkPreview(db, link.id, { url: link.url, title: 'T', description: '', siteName: '' })
    expect(((await getItem(db, link.id)) as StoredLink).fetchError).toBeNull()
  })

  it('placeholder titles drop the scheme and www', () => {
    expect(placeholderLinkTitle('https://www.example.org/')).toBe('example.org')
    expect(placeholderLinkTitle('http://sub.example.org/a/b?c=1')).toBe('sub.example.org/a/b')
  })
})
