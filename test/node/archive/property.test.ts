// Property: for any knowledge base (Unicode, right-to-left text, emoji, lone surrogates, empty fields,
// 100 KB+ bodies, random image bytes, trashed items, revisions and attachments of items deleted for
// good), export → read gives back every record and byte, and export → read → export gives the very
// same archive: same records, same attachment hashes, same bytes.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildArchive, inspectArchive, looksSecret, readArchive, type ArchiveInput, type ArchiveRevision, type ArchiveSetting } from '../../../src/core/archive'
import { findForbiddenKey } from '../../../src/core/archive/json'
import { findSecretKey } from '../../../src/core/archive/secrets'
import type { RichDoc, RichNode } from '../../../src/core/doc'
import { newItem } from '../../../src/core/itemFactory'
import { ITEM_KINDS, POST_STATUSES, TALK_STATUSES, type Item } from '../../../src/core/items'
import { CREATED_AT, attachment, sha256, testRenderer } from './support'

const SAMPLES = ['', ' ', 'مرحبا بالعالم', 'שלום עולם', '👩‍👩‍👧 📦 🎒', 'L’été à Paris', '\u202Eevil\u202C', 'a\u0000b', '日本語のテキスト', 'a\r\nb\tc', '\ud800', '"quotes" & <tags>']

const shortText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 15 }), fc.constantFrom(...SAMPLES))
/** 100 KB and more. */
const longText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).map((s) => s.repeat(Math.ceil(100_000 / s.length)))
const anyText = fc.oneof({ weight: 12, arbitrary: shortText }, { weight: 1, arbitrary: longText })
const timestamp = fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) })
// JSON has no negative zero: -0 is written as 0 (documented in docs/archive-format.md, tested in roundTrip).
const cleanJson = fc
  .jsonValue({ maxDepth: 2 })
  .map((v) => JSON.parse(JSON.stringify(v)) as unknown)
  .filter((v) => findForbiddenKey(v) === null && findSecretKey(v) === null)
const attrs = fc.dictionary(fc.string({ maxLength: 8 }).filter((k) => findForbiddenKey({ [k]: 1 }) === null), cleanJson, { maxKeys: 3, noNullPrototype: true })

const { node } = fc.letrec<{ node: RichNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.record(
      { type: fc.constant('text'), text: anyText, marks: fc.array(fc.record({ type: fc.constantFrom('bold', 'italic', 'link', 'code'), attrs }, { requiredKeys: ['type'] }), { maxLength: 2 }) },
      { requiredKeys: ['type', 'text'] },
    ),
    fc.record(
      { type: fc.constantFrom('paragraph', 'heading', 'blockquote', 'bulletList', 'listItem', 'image', 'codeBlock', 'table'), attrs, content: fc.array(tie('node'), { maxLength: 4 }) },
      { requiredKeys: ['type'] },
    ),
  ),
}))
const doc: fc.Arbitrary<RichDoc> = fc.array(node, { maxLength: 4 }).map((content) => ({ type: 'doc', content }))

function itemArb(id: string): fc.Arbitrary<Item> {
  return fc
    .record({
      kind: fc.constantFrom(...ITEM_KINDS),
      title: anyText,
      body: doc,
      bodyText: anyText,
      tags: fc.array(shortText, { maxLength: 4 }),
      createdAt: timestamp,
      updatedAt: timestamp,
      trashed: fc.constantFrom(0 as const, 1 as const),
      trashedAt: timestamp,
      postStatus: fc.constantFrom(...POST_STATUSES),
      talkStatus: fc.constantFrom(...TALK_STATUSES),
      field: shortText,
      other: shortText,
      flag: fc.boolean(),
      fetchState: fc.constantFrom('pending' as const, 'done' as const, 'failed' as const),
    })
    .map((r) => {
      const item = newItem(r.kind, id, r.createdAt)
      Object.assign(item, { title: r.title, body: r.body, bodyText: r.bodyText, tags: r.tags, updatedAt: r.updatedAt, trashed: r.trashed, trashedAt: r.trashed ? r.trashedAt : null })
      if (item.kind === 'post') Object.assign(item, { status: r.postStatus, excerpt: r.field, slug: r.other, slugLocked: r.flag, canonicalUrl: r.field })
      if (item.kind === 'talk') Object.assign(item, { status: r.talkStatus, event: r.field, date: r.other, place: r.field, abstract: r.other })
      if (item.kind === 'link') Object.assign(item, { url: r.field, siteName: r.other, description: r.field, read: r.flag, fetchState: r.fetchState, savedAt: r.trashedAt })
      return item
    })
}

const MIMES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml', 'application/octet-stream']

const knowledgeBase: fc.Arbitrary<ArchiveInput> = fc
  .record({
    itemIds: fc.uniqueArray(fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), fc.constantFrom('01JAAAAAAAAAAAAAAAAAAAAAAA', 'مرحبا', '📦')), { maxLength: 8 }),
    attachmentIds: fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9_-]{1,26}$/), { maxLength: 4 }),
    revisionIds: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 20 }), { maxLength: 5 }),
    settingKeys: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !looksSecret(k)), { maxLength: 4 }),
  })
  .chain(({ itemIds, attachmentIds, revisionIds, settingKeys }) => {
    // Revisions and attachments belong to an item, or to one deleted for good.
    const owner = fc.oneof(itemIds.length > 0 ? fc.constantFrom(...itemIds) : fc.constant('deleted'), fc.constant('01JDELETED0000000000000000'))
    return fc.record({
      items: fc.tuple(...itemIds.map(itemArb)),
      revisions: fc.tuple(
        ...revisionIds.map((id) =>
          fc.record({ id: fc.constant(id), itemId: owner, createdAt: timestamp, title: anyText, body: doc, bodyText: anyText, reason: fc.constantFrom('save' as const, 'before-restore' as const) }),
        ),
      ),
      attachments: fc.tuple(
        ...attachmentIds.map((id) =>
          fc.record({ itemId: owner, data: fc.uint8Array({ maxLength: 30_000 }), mime: fc.constantFrom(...MIMES) }).map((a) => attachment(id, a.itemId, a.data, a.mime)),
        ),
      ),
      settings: fc.tuple(...settingKeys.map((key) => cleanJson.map((value): ArchiveSetting => ({ key, value })))),
      publications: fc.array(fc.record({ id: fc.uuid(), itemId: owner, url: shortText }), { maxLength: 2 }),
    })
  })
  .map(({ items, revisions, attachments, settings, publications }) => ({
    appVersion: '0.1.0',
    createdAt: CREATED_AT,
    items,
    revisions: revisions as ArchiveRevision[],
    attachments,
    settings,
    tables: { publications },
  }))

describe('archive round trip (property)', () => {
  it('export → read gives the same records and bytes; export → read → export gives the same archive', async () => {
    const seen = { longBody: 0, trashed: 0, attachments: 0, orphans: 0, rightToLeft: 0, emoji: 0, empty: 0 }
    await fc.assert(
      fc.asyncProperty(knowledgeBase, async (kb) => {
        const all = JSON.stringify(kb)
        const items = kb.items as readonly Item[]
        if (items.some((i) => JSON.stringify(i.body).length > 100_000 || i.bodyText.length > 100_000)) seen.longBody++
        if (items.some((i) => i.trashed === 1)) seen.trashed++
        if ((kb.attachments as readonly unknown[]).length > 0) seen.attachments++
        if ((kb.revisions as readonly ArchiveRevision[]).some((r) => !items.some((i) => i.id === r.itemId))) seen.orphans++
        if (/[\u0590-\u06ff]/.test(all)) seen.rightToLeft++
        if (/\p{Extended_Pictographic}/u.test(all)) seen.emoji++
        if (items.some((i) => i.title === '' && i.bodyText === '')) seen.empty++
        const options = { renderMarkdown: testRenderer, shardMaxRecords: 3 }
        const first = await buildArchive(kb, options)
        const back = await readArchive(first)
        expect(back.items).toEqual(kb.items)
        expect(back.revisions).toEqual(kb.revisions)
        expect(back.settings).toEqual(kb.settings)
        expect(back.tables).toEqual(kb.tables)
        const attachments = kb.attachments as readonly ReturnType<typeof attachment>[]
        expect(back.attachments.map((a) => a.id)).toEqual(attachments.map((a) => a.id))
        back.attachments.forEach((a, i) => {
          expect(a).toEqual(attachments[i])
          expect(sha256(a.data)).toBe(attachments[i]!.sha256)
        })

        const second = await buildArchive(
          { appVersion: kb.appVersion, createdAt: kb.createdAt, items: back.items, revisions: back.revisions, attachments: back.attachments, settings: back.settings, tables: back.tables },
          options,
        )
        const [m1, m2] = [(await inspectArchive(first)).manifest, (await inspectArchive(second)).manifest]
        expect(m2.entries).toEqual(m1.entries)
        expect(second).toEqual(first)
      }),
      { numRuns: 60, seed: 20260314, endOnFailure: true },
    )
    // The generated bases really cover what the property claims.
    for (const [what, count] of Object.entries(seen)) expect(count, what).toBeGreaterThan(0)
  }, 240_000)
})
