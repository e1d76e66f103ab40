import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CONTENT_LABELS,
  careerResolver,
  leavingPartition,
  mayLeave,
  reviewLeaving,
  type Affiliation,
  type CareerContext,
  type ContentLabel,
} from '../../../src/core/career'
import { newItem } from '../../../src/core/itemFactory'
import { ITEM_KINDS, type Item, type LinkItem, type TalkItem } from '../../../src/core/items'

function affiliation(id: string, organisation: string, start: string, end: string, defaultLabel: ContentLabel): Affiliation {
  return { id, organisation, role: 'dev', start, end, logoAttachmentId: null, defaultLabel, createdAt: 0, updatedAt: 0 }
}

const acme = affiliation('acme', 'Acme', '2019-01-01', '2022-12-31', 'employer-confidential')
const globex = affiliation('globex', 'Globex Corporation', '2023-01-01', '', 'employer-public')
const side = affiliation('side', 'Initech', '2023-06-01', '2023-06-30', 'employer-confidential')
const context: CareerContext = { affiliations: [acme, globex, side], defaultLabel: 'personal' }

function itemOn(kind: Item['kind'], isoDate: string, patch: Partial<Item> = {}): Item {
  const ms = new Date(`${isoDate}T12:00:00`).getTime()
  const item = newItem(kind, `${kind} ${isoDate}`, ms)
  if (item.kind === 'link') (item as LinkItem).savedAt = ms
  return Object.assign(item, patch) as Item
}

describe('leavingPartition', () => {
  it('keeps confidential items behind and says why: own label, affiliation default', () => {
    const own = itemOn('post', '2024-02-02', { label: 'employer-confidential' })
    const byDefault = itemOn('note', '2020-05-05')
    const publicAtAcme = itemOn('talk', '2020-05-05', { label: 'employer-public' })
    const personal = itemOn('note', '2018-01-01')
    const result = leavingPartition([own, byDefault, publicAtAcme, personal], context)
    expect(result.leaving.map((i) => i.id).sort()).toEqual([publicAtAcme.id, personal.id].sort())
    expect(result.staying).toEqual([
      expect.objectContaining({ id: own.id, reason: 'item', affiliationId: 'globex' }),
      expect.objectContaining({ id: byDefault.id, reason: 'affiliation', affiliationId: 'acme', date: '2020-05-05' }),
    ])
    expect(result.leavingCounts).toEqual({ post: 0, talk: 1, link: 0, note: 1 })
    expect(result.stayingCounts).toEqual({ post: 1, talk: 0, link: 0, note: 1 })
  })

  it('follows a hand-chosen affiliation over the date, and the overlapping one started last', () => {
    const chosenAcme = itemOn('note', '2024-03-03', { affiliationId: 'acme' })
    const chosenNone = itemOn('note', '2020-03-03', { affiliationId: null })
    const duringSideGig = itemOn('link', '2023-06-15')
    const { staying, leaving } = leavingPartition([chosenAcme, chosenNone, duringSideGig], context)
    expect(staying.map((s) => s.id).sort()).toEqual([chosenAcme.id, duringSideGig.id].sort())
    expect(leaving.map((i) => i.id)).toEqual([chosenNone.id])
  })

  it('uses Settings’ default when no affiliation applies', () => {
    const loose = itemOn('note', '2010-01-01')
    const strict = leavingPartition([loose], { ...context, defaultLabel: 'employer-confidential' })
    expect(strict.staying[0]).toMatchObject({ id: loose.id, reason: 'settings', affiliationId: null })
  })

  it('never lets a confidential item leave, whatever the affiliations, labels and choices (property)', () => {
    const day = fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
    const label = fc.constantFrom(...CONTENT_LABELS)
    const aff = fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd'), start: day, length: fc.integer({ min: 0, max: 2000 }), open: fc.boolean(), defaultLabel: label })
    const arbAffiliations = fc.uniqueArray(aff, { selector: (a) => a.id, maxLength: 4 }).map((list) =>
      list.map((a) => {
        const end = new Date(Date.parse(a.start) + a.length * 86_400_000).toISOString().slice(0, 10)
        return affiliation(a.id, `Org ${a.id}`, a.start, a.open ? '' : end, a.defaultLabel)
      }),
    )
    const arbItem = fc.record({
      kind: fc.constantFrom(...ITEM_KINDS),
      date: day,
      label: fc.option(label, { nil: undefined }),
      affiliationId: fc.option(fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'gone'), { nil: null }), { nil: undefined }),
      talkDate: fc.option(day, { nil: undefined }),
    })
    fc.assert(
      fc.property(arbAffiliations, fc.array(arbItem, { maxLength: 60 }), label, (affiliations, specs, defaultLabel) => {
        const ctx: CareerContext = { affiliations, defaultLabel }
        const items = specs.map((s, i) => {
          const item = itemOn(s.kind, s.date)
          item.id = `item-${i}`
          if (s.label !== undefined) item.label = s.label
          if (s.affiliationId !== undefined) item.affiliationId = s.affiliationId
          if (item.kind === 'talk' && s.talkDate) (item as TalkItem).date = s.talkDate
          return item
        })
        const resolve = careerResolver(ctx)
        const { leaving, staying } = leavingPartition(items, ctx)
        expect(leaving.length + staying.length).toBe(items.length)
        for (const item of leaving) expect(mayLeave(resolve(item).label)).toBe(true)
        const stayingIds = new Set(staying.map((s) => s.id))
        for (const item of items) expect(stayingIds.has(item.id)).toBe(!mayLeave(resolve(item).label))
        // An item with no label of its own under a confidential-by-default affiliation stays.
        for (const item of items) {
          const r = resolve(item)
          if (item.label === undefined && r.affiliation?.defaultLabel === 'employer-confidential') expect(stayingIds.has(item.id)).toBe(true)
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('reviewLeaving', () => {
  it('flags leaving items that mention the employer or a watch word, in every text, with passages', () => {
    const inBody = itemOn('post', '2024-01-01')
    inBody.bodyText = 'Notes from my years at GLOBEX CORPORATION: what I learnt.'
    const inTalk = itemOn('talk', '2024-01-02') as TalkItem
    inTalk.abstract = 'A case study for Project Zeus'
    inTalk.event = 'DevConf'
    const inUrl = itemOn('link', '2024-01-03') as LinkItem
    inUrl.url = 'https://intranet.globex-corporation.example/wiki'
    const clean = itemOn('note', '2024-01-04')
    clean.bodyText = 'Nothing to see: globexian is another word.'
    const confidential = itemOn('note', '2024-01-05', { label: 'employer-confidential' })
    confidential.bodyText = 'Globex Corporation secret'
    const review = reviewLeaving([inBody, inTalk, inUrl, clean, confidential], context, 'globex', ['project zeus'])
    expect(review.flagged.map((f) => f.id)).toEqual([inBody.id, inTalk.id, inUrl.id])
    const [body, talk, link] = review.flagged
    expect(body!.passages[0]!.field).toBe('body')
    const p = body!.passages[0]!
    expect(p.text.slice(p.highlights[0]!.start, p.highlights[0]!.end)).toBe('GLOBEX CORPORATION')
    expect(body!.terms).toEqual(['Globex Corporation'])
    expect(talk!.passages.map((x) => x.field)).toEqual(['abstract'])
    expect(talk!.terms).toEqual(['project zeus'])
    expect(link!.passages[0]!.field).toBe('url')
    expect(review.staying.map((s) => s.id)).toEqual([confidential.id])
  })

  it('reviews 50,000 items fast enough for a worker (and reports how long)', () => {
    const items: Item[] = []
    const words = 'the quick brown fox jumps over the lazy dog while writing about systems design and café culture'.split(' ')
    for (let i = 0; i < 50_000; i++) {
      const item = itemOn(ITEM_KINDS[i % 4]!, `20${15 + (i % 10)}-0${1 + (i % 9)}-1${i % 10}`)
      item.id = `i${i}`
      item.bodyText = Array.from({ length: 150 }, (_, k) => words[(i + k * 7) % words.length]).join(' ') + (i % 97 === 0 ? ' chez Acme.' : '')
      items.push(item)
    }
    const started = performance.now()
    const review = reviewLeaving(items, context, 'acme', ['Zeus', 'Hermès'])
    const ms = performance.now() - started
    console.log(`reviewLeaving over 50,000 items (~900 chars each): ${ms.toFixed(0)} ms`)
    expect(review.leaving.length + review.staying.length).toBe(50_000)
    expect(review.flagged.length).toBeGreaterThan(0)
    for (const f of review.flagged) expect(f.terms).toEqual(['Acme'])
  })
})
