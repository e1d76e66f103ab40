// The review as the worker runs it: exact counts over the whole base, lists capped to the newest items (so the answer
// the UI thread deserialises stays small), flagged items newest first with their passages.
import { afterEach, describe, expect, it } from 'vitest'
import { newItem } from '../../../src/core/itemFactory'
import type { Item } from '../../../src/core/items'
import { BaluchonDb } from '../../../src/db'
import { LIST_CAP, runReview } from '../../../src/features/changingEmployer/review'

let db: BaluchonDb
afterEach(async () => {
  db.close()
  await db.delete()
})

describe('runReview', () => {
  it('counts every item, lists the newest few hundred per side, and flags mentions newest first', async () => {
    db = new BaluchonDb(`review-test-${Date.now()}`)
    await db.open()
    await db.affiliations.add({ id: 'ACME', organisation: 'Acme', role: '', start: '2020-01-01', end: '2020-12-31', logoAttachmentId: null, defaultLabel: 'employer-confidential', createdAt: 0, updatedAt: 0 })
    const items: Item[] = []
    for (let i = 0; i < LIST_CAP + 150; i++) {
      const item = newItem('note', `note ${i}`, Date.UTC(2021, 0, 1) + i * 3_600_000)
      item.bodyText = i % 100 === 0 ? `about Acme ${i}` : 'nothing'
      items.push(item)
    }
    for (let i = 0; i < 20; i++) items.push(newItem('post', `acme post ${i}`, Date.UTC(2020, 5, 1)))
    await db.items.bulkAdd(items)
    const progress: number[] = []
    const result = await runReview(db, { affiliationId: 'ACME', watchWords: [] }, (done) => progress.push(done))
    expect(result.leavingCounts.note).toBe(LIST_CAP + 150)
    expect(result.stayingCounts.post).toBe(20)
    expect(result.leaving).toHaveLength(LIST_CAP)
    expect(result.leaving[0]!.date >= result.leaving[LIST_CAP - 1]!.date).toBe(true)
    expect(result.staying).toHaveLength(20)
    expect(result.flagged.map((f) => f.title)).toHaveLength(7)
    expect(result.flagged[0]!.date >= result.flagged[6]!.date).toBe(true)
    expect(result.terms).toEqual(['Acme'])
    expect(progress.at(-1)).toBe(LIST_CAP + 170)
  })
})
