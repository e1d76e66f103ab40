// Properties of backup and restore over generated knowledge bases (Unicode, right-to-left text, emoji, lone
// surrogates, empty fields, 100 KB bodies, images, trashed items, revisions), through the real Dexie schema:
// - export -> restore into an empty base -> export again gives the same records and attachment hashes;
// - restoring twice is restoring once;
// - when both sides changed an item, the newer wins and the other text is kept as a revision, never lost;
// - affiliations (with their logos) and the items' career choices travel too; an affiliation merges by id, the
//   later updatedAt winning;
// - calendar plans (schema v5) travel too, and merge by id the same way.
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { readArchive } from '../../../src/core/archive'
import { CONTENT_LABELS, type Affiliation } from '../../../src/core/career'
import { docToPlainText, type RichDoc } from '../../../src/core/doc'
import { newItem } from '../../../src/core/itemFactory'
import { ITEM_KINDS, POST_STATUSES, TALK_STATUSES, normalizeTags, type Item } from '../../../src/core/items'
import type { Attachment, BaluchonDb, Revision } from '../../../src/db'
import type { Plan } from '../../../src/db/schema'
import { applyPlan } from '../../../src/features/backup/apply'
import { prepareRestore } from '../../../src/features/backup/jobs'
import { modifiedAt, planChangesNothing } from '../../../src/features/backup/plan'
import { attachment, closeAll, dump, exportBytes, freshDb, T0 } from './support'

afterEach(closeAll)
// Each run writes and reads real archives through fake-indexeddb (a fraction of a second, more on a busy machine).

const SAMPLES = ['', ' ', 'مرحبا بالعالم', 'שלום עולם', '👩‍👩‍👧 📦 🎒', 'L’été à Paris', '\u202Eevil\u202C', '日本語のテキスト', 'a\r\nb\tc', '\ud800', '"quotes" & <tags>']
const shortText = fc.oneof(fc.constantFrom(...SAMPLES), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 10 }))
const longText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).map((s) => s.repeat(Math.ceil(100_000 / s.length)))
const anyText = fc.oneof({ weight: 15, arbitrary: shortText }, { weight: 1, arbitrary: longText })
const time = fc.integer({ min: T0 - 10 * 86_400_000, max: T0 })

const docArb: fc.Arbitrary<RichDoc> = fc
  .array(fc.tuple(anyText, fc.constantFrom('paragraph', 'heading', 'blockquote')), { maxLength: 3 })
  .map((blocks) => ({
    type: 'doc',
    content: blocks.map(([text, type]) => ({ type, ...(type === 'heading' ? { attrs: { level: 2 } } : {}), content: text ? [{ type: 'text', text }] : [] })),
  }))

interface Kb {
  affiliations: Affiliation[]
  items: Item[]
  revisions: Revision[]
  attachments: Attachment[]
  settings: { key: string; value: unknown }[]
  plans: Plan[]
}

const itemArb = (index: number): fc.Arbitrary<{ item: Item; revisions: Revision[]; image: Uint8Array | null; plan: Plan | null }> =>
  fc
    .record({
      kind: fc.constantFrom(...ITEM_KINDS),
      title: anyText,
      body: docArb,
      tags: fc.array(shortText, { maxLength: 3 }),
      createdAt: time,
      age: fc.integer({ min: 0, max: 86_400_000 }),
      trashed: fc.boolean(),
      field: shortText,
      read: fc.boolean(),
      postStatus: fc.constantFrom(...POST_STATUSES),
      talkStatus: fc.constantFrom(...TALK_STATUSES),
      history: fc.array(fc.tuple(shortText, docArb), { maxLength: 2 }),
      image: fc.option(fc.uint8Array({ minLength: 1, maxLength: 3000 }), { freq: 3 }),
      // Career choices (schema v4): absent, or chosen by hand (an affiliation that may since be gone, or none).
      affiliationId: fc.option(fc.option(fc.constantFrom('AFF0000', 'AFF0001', 'AFF-GONE'), { nil: null }), { nil: undefined }),
      label: fc.option(fc.constantFrom(...CONTENT_LABELS), { nil: undefined }),
      portfolio: fc.option(fc.constantFrom('include' as const, 'exclude' as const), { nil: undefined }),
      // A calendar plan (schema v5), any moment (past, far future) and edited some time after it was made.
      plan: fc.option(fc.record({ at: fc.integer({ min: 0, max: 4_102_444_800_000 }), age: fc.integer({ min: 0, max: 86_400_000 }) }), { freq: 2 }),
    })
    .map((r) => {
      const id = `ITEM${String(index).padStart(4, '0')}`
      const item = newItem(r.kind, id, r.createdAt) as Item
      const updatedAt = r.createdAt + r.age
      Object.assign(item, { title: r.title, body: r.body, bodyText: docToPlainText(r.body), tags: normalizeTags(r.tags), updatedAt })
      if (r.trashed) Object.assign(item, { trashed: 1, trashedAt: updatedAt + 1 })
      if (item.kind === 'post') Object.assign(item, { status: r.postStatus, excerpt: r.field, slug: r.field })
      if (item.kind === 'talk') Object.assign(item, { status: r.talkStatus, event: r.field, place: r.field })
      if (item.kind === 'link') Object.assign(item, { url: `https://example.org/${index}`, description: r.field, read: r.read, fetchState: 'done' })
      if (r.affiliationId !== undefined) item.affiliationId = r.affiliationId
      if (r.label !== undefined) item.label = r.label
      if (r.portfolio !== undefined) item.portfolio = r.portfolio
      const revisions = r.history.map(([title, body], j): Revision => ({
        id: `${id}-REV${j}`,
        itemId: id,
        createdAt: r.createdAt + j,
        title,
        body,
        bodyText: docToPlainText(body),
        reason: j % 2 ? 'before-restore' : 'save',
      }))
      const plan = r.plan ? { id, itemId: id, at: r.plan.at, createdAt: r.createdAt, updatedAt: r.createdAt + r.plan.age } : null
      return { item, revisions, image: r.image, plan }
    })

const isoDay = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))

/** An affiliation (start <= end, or still lasting) and maybe its logo, an attachment it owns. */
const affiliationArb = (index: number): fc.Arbitrary<{ affiliation: Affiliation; logo: Uint8Array | null }> =>
  fc
    .record({
      organisation: shortText.filter((s) => s.trim() !== ''),
      role: shortText,
      days: fc.tuple(isoDay, isoDay),
      lasting: fc.boolean(),
      defaultLabel: fc.constantFrom(...CONTENT_LABELS),
      createdAt: time,
      age: fc.integer({ min: 0, max: 86_400_000 }),
      logo: fc.option(fc.uint8Array({ minLength: 1, maxLength: 2000 }), { freq: 2 }),
    })
    .map((r) => {
      const [start, end] = r.days[0] <= r.days[1] ? r.days : [r.days[1], r.days[0]]
      const id = `AFF${String(index).padStart(4, '0')}`
      const affiliation: Affiliation = {
        id,
        organisation: r.organisation,
        role: r.role,
        start,
        end: r.lasting ? '' : end,
        logoAttachmentId: r.logo ? `LOGO${index}` : null,
        defaultLabel: r.defaultLabel,
        createdAt: r.createdAt,
        updatedAt: r.createdAt + r.age,
      }
      return { affiliation, logo: r.logo }
    })

const kbArb: fc.Arbitrary<Kb> = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 2 })).chain(([count, affiliationCount]) =>
  fc
    .tuple(
      fc.tuple(...Array.from({ length: count }, (_, i) => itemArb(i))),
      fc.tuple(...Array.from({ length: affiliationCount }, (_, i) => affiliationArb(i))),
      fc.constantFrom('en', 'fr', 'system'),
      fc.option(fc.constantFrom(...CONTENT_LABELS), { nil: undefined }),
    )
    .map(([generated, affiliations, language, defaultLabel]) => ({
      affiliations: affiliations.map((a) => a.affiliation),
      items: generated.map((g) => g.item),
      revisions: generated.flatMap((g) => g.revisions),
      attachments: [
        ...generated.flatMap((g, i) => (g.image ? [attachment(`IMG${i}`, g.item.id, g.image)] : [])),
        ...affiliations.flatMap((a) => (a.logo ? [attachment(a.affiliation.logoAttachmentId!, a.affiliation.id, a.logo)] : [])),
      ],
      plans: generated.flatMap((g) => (g.plan ? [g.plan] : [])),
      settings: [{ key: 'ui.language', value: language }, ...(defaultLabel ? [{ key: 'career.defaultLabel', value: defaultLabel }] : [])],
    })),
)

async function seed(db: BaluchonDb, kb: Kb): Promise<void> {
  await db.transaction('rw', [db.items, db.revisions, db.attachments, db.settings, db.affiliations, db.plans], async () => {
    await db.affiliations.bulkAdd(kb.affiliations)
    await db.items.bulkAdd(kb.items)
    await db.revisions.bulkAdd(kb.revisions)
    await db.attachments.bulkAdd(kb.attachments)
    await db.settings.bulkAdd(kb.settings)
    await db.plans.bulkAdd(kb.plans)
  })
}

let revisionIds = 0
const options = { newRevisionId: (at: number) => `RESTORED-${at}-${revisionIds++}` }

async function restore(db: BaluchonDb, bytes: Uint8Array): Promise<void> {
  await applyPlan(db, (await prepareRestore(db, bytes, options)).plan)
}

describe('backup round trip (property)', () => {
  it('export -> restore into an empty base -> export again gives the same records and attachment hashes', async () => {
    await fc.assert(
      fc.asyncProperty(kbArb, async (kb) => {
        const source = await freshDb()
        await seed(source, kb)
        const first = await exportBytes(source)
        const target = await freshDb()
        await restore(target, first)
        expect(await dump(target)).toEqual(await dump(source))
        const second = await readArchive(await exportBytes(target))
        const original = await readArchive(first)
        expect(second.items).toEqual(original.items)
        expect(second.revisions).toEqual(original.revisions)
        expect(second.settings).toEqual(original.settings)
        expect(second.tables['affiliations'] ?? []).toEqual(original.tables['affiliations'] ?? [])
        expect(original.tables['affiliations'] ?? []).toHaveLength(kb.affiliations.length)
        expect(second.tables['plans'] ?? []).toEqual(original.tables['plans'] ?? [])
        expect(original.tables['plans'] ?? []).toHaveLength(kb.plans.length)
        // A logo belongs to its affiliation: no warning about an attachment without an item.
        expect(original.warnings.filter((w) => w.code === 'orphan-record' && w.table === 'attachments')).toEqual([])
        expect(second.attachments.map(({ data: _data, ...meta }) => meta)).toEqual(original.attachments.map(({ data: _data, ...meta }) => meta))
        expect(second.manifest.entries).toEqual(original.manifest.entries)
        await closeAll()
      }),
      { numRuns: 30, seed: 20260314 },
    )
  }, 120_000)

  it('restoring twice is restoring once, into an empty base or into one that already has part of it', async () => {
    await fc.assert(
      fc.asyncProperty(kbArb, fc.nat(), async (kb, split) => {
        const source = await freshDb()
        await seed(source, kb)
        const bytes = await exportBytes(source)
        const target = await freshDb()
        // The target already holds some of the items (as from an earlier restore).
        const some = kb.items.slice(0, kb.items.length ? split % (kb.items.length + 1) : 0)
        await seed(target, {
          affiliations: kb.affiliations.slice(0, split % 2),
          items: some,
          revisions: [],
          attachments: [],
          settings: [],
          plans: kb.plans.filter((p) => some.some((i) => i.id === p.itemId)),
        })
        await restore(target, bytes)
        const once = await dump(target)
        const again = await prepareRestore(target, bytes, options)
        expect(planChangesNothing(again.plan)).toBe(true)
        await applyPlan(target, again.plan)
        expect(await dump(target)).toEqual(once)
        await closeAll()
      }),
      { numRuns: 20, seed: 42 },
    )
  }, 120_000)

  it('when both sides changed an item the newer version wins and the other text is kept as a revision', async () => {
    const edits = fc.array(fc.record({ title: shortText, body: docArb, delta: fc.integer({ min: -5000, max: 5000 }).filter((d) => d !== 0) }), {
      minLength: 1,
      maxLength: 6,
    })
    await fc.assert(
      fc.asyncProperty(kbArb, edits, async (kb, changes) => {
        // "Here": the base as it is; "there": the same base edited elsewhere, saved in the archive.
        const there = structuredClone(kb)
        there.items.forEach((item, i) => {
          const change = changes[i % changes.length]!
          Object.assign(item, { title: change.title, body: change.body, bodyText: docToPlainText(change.body), updatedAt: item.updatedAt + change.delta })
        })
        there.affiliations.forEach((affiliation, i) => {
          const change = changes[i % changes.length]!
          Object.assign(affiliation, { organisation: `${affiliation.organisation} (elsewhere)`, updatedAt: affiliation.updatedAt + change.delta })
        })
        // Elsewhere the plan moved to another moment, edited earlier or later than here.
        there.plans.forEach((plan, i) => {
          const change = changes[i % changes.length]!
          Object.assign(plan, { at: plan.at + 3_600_000, updatedAt: plan.updatedAt + change.delta })
        })
        const elsewhere = await freshDb()
        await seed(elsewhere, there)
        const bytes = await exportBytes(elsewhere)
        const here = await freshDb()
        await seed(here, kb)
        await restore(here, bytes)

        for (const [i, mine] of kb.items.entries()) {
          const theirs = there.items[i]!
          const result = (await here.items.get(mine.id))!
          const winner = modifiedAt(theirs) > modifiedAt(mine) ? theirs : mine
          expect(result.title).toBe(winner.title)
          expect(result.bodyText).toBe(winner.bodyText)
          expect(result.updatedAt).toBe(winner.updatedAt)
          // Both texts are still somewhere: the item or its history.
          const history = await here.revisions.where('itemId').equals(mine.id).toArray()
          for (const version of [mine, theirs]) {
            const kept = [result, ...history].some((v) => v.title === version.title && v.bodyText === version.bodyText)
            expect(kept, `text of ${mine.id} lost`).toBe(true)
          }
        }
        // An affiliation merges by id: the later updatedAt wins, a tie keeps ours.
        for (const [i, mine] of kb.affiliations.entries()) {
          const theirs = there.affiliations[i]!
          expect(await here.affiliations.get(mine.id)).toEqual(theirs.updatedAt > mine.updatedAt ? theirs : mine)
        }
        // A plan too: the later updatedAt wins, a tie keeps ours.
        for (const [i, mine] of kb.plans.entries()) {
          const theirs = there.plans[i]!
          expect(await here.plans.get(mine.id)).toEqual(theirs.updatedAt > mine.updatedAt ? theirs : mine)
        }
        // And the merge is stable: the same archive again changes nothing.
        expect(planChangesNothing((await prepareRestore(here, bytes, options)).plan)).toBe(true)
        await closeAll()
      }),
      { numRuns: 20, seed: 7 },
    )
  }, 120_000)
})
