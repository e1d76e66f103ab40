// A deterministic knowledge base for the "changing employer" wizard: hundreds of items across three affiliations,
// with confidential ones planted among them — some labelled by hand, some confidential only through their
// affiliation's default, some by a hand-chosen affiliation, some trashed — each carrying canary strings in every
// text it has, confidential revisions, images used only by confidential items (canary bytes), images shared between
// a confidential and a leaving item, ledger and variant rows, calendar plans, and a watch list that names a client.
import { createHash } from 'node:crypto'
import { WATCH_WORDS_SETTING, type Affiliation, type ContentLabel } from '../../../src/core/career'
import { attachmentSrc, docToPlainText, type RichDoc } from '../../../src/core/doc'
import { newItem } from '../../../src/core/itemFactory'
import { ITEM_KINDS, type Item, type ItemKind } from '../../../src/core/items'
import type { Attachment, BaluchonDb, Revision } from '../../../src/db'
import type { Plan } from '../../../src/db/schema'

/** Every confidential text, id and image byte pattern contains this: the archive must contain none. */
export const CANARY = 'CANARY'

export interface Fixture {
  confidentialIds: string[]
  leavingIds: string[]
  /** Why each confidential item is so (to check the fixture plants every case). */
  reasons: Record<'label' | 'default' | 'chosen' | 'settings', number>
  leavingRevisionIds: string[]
  /** Items with a calendar plan (schema v5), on each side. */
  leavingPlanIds: string[]
  confidentialPlanIds: string[]
  sharedImageIds: string[]
  confidentialOnlyImageIds: string[]
  affiliations: Affiliation[]
}

/** Small, seeded, dependency-free PRNG (mulberry32): the same base on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function affiliation(id: string, organisation: string, start: string, end: string, defaultLabel: ContentLabel): Affiliation {
  return { id, organisation, role: 'Engineer', start, end, logoAttachmentId: null, defaultLabel, createdAt: 0, updatedAt: 1 }
}

function doc(text: string, imageIds: string[] = []): RichDoc {
  return {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text }] },
      ...imageIds.map((id) => ({ type: 'image', attrs: { src: attachmentSrc(id), alt: '', title: null } })),
    ],
  }
}

function png(text: string): Uint8Array {
  const body = new TextEncoder().encode(text.repeat(4))
  const out = new Uint8Array(8 + body.length)
  out.set([137, 80, 78, 71, 13, 10, 26, 10])
  out.set(body, 8)
  return out
}

function attachmentOf(id: string, itemId: string, bytes: Uint8Array): Attachment {
  return {
    id,
    itemId,
    mime: 'image/png',
    name: `${id}.png`,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    createdAt: 1,
    data: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' }),
  }
}

const DAY = 86_400_000
const pad = (n: number, w = 4) => String(n).padStart(w, '0')

/** Writes the fixture into `db` (empty). `count` items in all (hundreds by default). */
export async function seedLeavingFixture(db: BaluchonDb, count = 600, seed = 42): Promise<Fixture> {
  const rand = random(seed)
  const acme = affiliation('AFF-ACME', 'Acme', '2018-01-01', '2021-12-31', 'employer-confidential')
  const globex = affiliation('AFF-GLOBEX', 'Globex', '2022-01-01', '', 'employer-public')
  const initech = affiliation('AFF-INITECH', 'Initech', '2023-06-01', '2023-08-31', 'employer-confidential')
  const affiliations = [acme, globex, initech]
  const items: Item[] = []
  const revisions: Revision[] = []
  const attachments: Attachment[] = []
  const publications: Record<string, unknown>[] = []
  const variants: Record<string, unknown>[] = []
  const plans: Plan[] = []
  const fixture: Fixture = {
    confidentialIds: [],
    leavingIds: [],
    reasons: { label: 0, default: 0, chosen: 0, settings: 0 },
    leavingRevisionIds: [],
    leavingPlanIds: [],
    confidentialPlanIds: [],
    sharedImageIds: [],
    confidentialOnlyImageIds: [],
    affiliations,
  }
  // Dates: before any affiliation, at Acme, at Globex, during the Initech side job (overlapping Globex).
  const spans: [number, number][] = [
    [Date.UTC(2016, 0, 1), Date.UTC(2017, 11, 1)],
    [Date.UTC(2018, 1, 1), Date.UTC(2021, 10, 1)],
    [Date.UTC(2022, 1, 1), Date.UTC(2023, 4, 1)],
    [Date.UTC(2023, 5, 5), Date.UTC(2023, 7, 25)],
    [Date.UTC(2024, 0, 1), Date.UTC(2026, 0, 1)],
  ]
  const pendingShared: string[] = []
  for (let n = 0; n < count; n++) {
    const kind: ItemKind = ITEM_KINDS[n % 4]!
    const [from, to] = spans[Math.floor(rand() * spans.length)]!
    // Noon UTC: the same calendar day in every time zone the test may run in.
    const at = Math.floor((from + rand() * (to - from)) / DAY) * DAY + DAY / 2
    const roll = rand()
    let label: ContentLabel | undefined
    let affiliationId: string | null | undefined
    if (roll < 0.1) label = 'employer-confidential'
    else if (roll < 0.15) affiliationId = 'AFF-ACME'
    else if (roll < 0.25) label = 'employer-public'
    else if (roll < 0.3) label = 'personal'
    else if (roll < 0.33) affiliationId = null
    const inAcme = at >= spans[1]![0] && at <= spans[1]![1]
    const inInitech = at >= spans[3]![0] && at <= spans[3]![1]
    const confidential = label === 'employer-confidential' || (label === undefined && (affiliationId === 'AFF-ACME' || (affiliationId === undefined && (inAcme || inInitech))))
    const id = confidential ? `01CONF${pad(n)}` : `01OPEN${pad(n)}`
    const mark = confidential ? `${CANARY}-${id}` : `open-${n}`
    const item = newItem(kind, `${kind} ${mark} title`, at) as Item
    item.id = id
    item.updatedAt = at + 1000
    if (label) item.label = label
    if (affiliationId !== undefined) item.affiliationId = affiliationId
    item.tags = [confidential ? `${CANARY}-tag-${n}` : `tag-${n % 7}`]
    const images: string[] = []
    if (confidential && n % 9 === 0) {
      const imageId = `IMGCONF${pad(n)}`
      attachments.push(attachmentOf(imageId, id, png(`${CANARY}-image-${n}`)))
      fixture.confidentialOnlyImageIds.push(imageId)
      images.push(imageId)
    }
    if (confidential && n % 11 === 0) {
      // First received by this confidential item, later pasted into a leaving one: it leaves with the leaving one.
      const imageId = `IMGSHARED${pad(n)}`
      attachments.push(attachmentOf(imageId, id, png(`shared-image-${n}`)))
      pendingShared.push(imageId)
      images.push(imageId)
    }
    if (!confidential && pendingShared.length > 0 && n % 3 === 0) {
      const imageId = pendingShared.shift()!
      fixture.sharedImageIds.push(imageId)
      images.push(imageId)
    }
    item.body = doc(`Body of ${mark}. Mentions ${n % 13 === 0 ? 'Acme' : 'nothing'} and l'Initech project.`, images)
    item.bodyText = docToPlainText(item.body)
    switch (item.kind) {
      case 'post':
        item.excerpt = `excerpt ${mark}`
        item.slug = `slug-${mark.toLowerCase()}`
        item.status = 'published'
        break
      case 'talk':
        item.event = `event ${mark}`
        item.place = `place ${mark}`
        item.abstract = `abstract ${mark}`
        item.date = new Date(at).toISOString().slice(0, 10)
        break
      case 'link':
        item.url = `https://example.org/${mark}`
        item.siteName = `site ${mark}`
        item.description = `description ${mark}`
        item.savedAt = at
        item.fetchState = 'done'
        break
      case 'note':
        break
    }
    if (n % 17 === 0) {
      item.trashed = 1
      item.trashedAt = at + 2000
    }
    items.push(item)
    if (n % 5 === 0) {
      const revisionId = `${confidential ? 'REVCONF' : 'REVOPEN'}${pad(n)}`
      const text = `earlier ${mark}`
      revisions.push({ id: revisionId, itemId: id, createdAt: at + 500, title: `old ${mark}`, body: doc(text, images), bodyText: text, reason: 'save' })
      if (!confidential) fixture.leavingRevisionIds.push(revisionId)
    }
    if (n % 8 === 0 && item.kind === 'post') {
      publications.push({ id: `PUB${id}`, itemId: id, channel: 'wordpress', status: 'published', parts: [`pub ${mark}`], updatedAt: at })
      variants.push({ id: `${id}:mastodon`, itemId: id, channel: 'mastodon', text: `variant ${mark}`, numbering: false, parts: [`variant ${mark}`], updatedAt: at })
    }
    if (n % 4 === 0) {
      // A plan says what is coming and when: a confidential item's must stay with it.
      plans.push({ id, itemId: id, at: at + 30 * 86_400_000, createdAt: at, updatedAt: at + 1 })
      ;(confidential ? fixture.confidentialPlanIds : fixture.leavingPlanIds).push(id)
    }
    if (confidential) {
      fixture.confidentialIds.push(id)
      if (label === 'employer-confidential') fixture.reasons.label++
      else if (affiliationId === 'AFF-ACME') fixture.reasons.chosen++
      else fixture.reasons.default++
    } else fixture.leavingIds.push(id)
  }
  // Shared images that found no leaving item stay confidential-only.
  for (const imageId of pendingShared) fixture.confidentialOnlyImageIds.push(imageId)
  const bytes = (id: string) => attachments.find((a) => a.id === id)!
  for (const imageId of pendingShared) {
    const a = bytes(imageId)
    const replaced = png(`${CANARY}-unshared-${imageId}`)
    Object.assign(a, { data: new Blob([replaced as Uint8Array<ArrayBuffer>], { type: 'image/png' }), size: replaced.length, sha256: createHash('sha256').update(replaced).digest('hex') })
  }
  await db.transaction('rw', [db.items, db.revisions, db.attachments, db.settings, db.publications, db.variants, db.affiliations, db.plans], async () => {
    await db.affiliations.bulkAdd(affiliations)
    await db.items.bulkAdd(items)
    await db.revisions.bulkAdd(revisions)
    await db.attachments.bulkAdd(attachments)
    await (db.publications as unknown as { bulkAdd(r: unknown[]): Promise<unknown> }).bulkAdd(publications)
    await (db.variants as unknown as { bulkAdd(r: unknown[]): Promise<unknown> }).bulkAdd(variants)
    await db.plans.bulkAdd(plans)
    await db.settings.bulkPut([
      { key: 'ui.language', value: 'fr' },
      { key: WATCH_WORDS_SETTING, value: [`${CANARY}-client`, 'Project Zeus'] },
      { key: 'publishing.lastSite', value: `${CANARY}-intranet` },
      { key: 'portfolio.profile', value: { name: 'Ada', headline: 'Engineer', bio: '', links: [], photoAttachmentId: 'PHOTO1', baseUrl: '', language: 'en', siteId: '00000000-0000-4000-8000-000000000000' } },
    ])
    await db.attachments.add(attachmentOf('PHOTO1', 'portfolio:profile', png('portrait')))
  })
  return fixture
}
