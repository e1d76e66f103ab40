// Affiliations, logos, an item's choices and Settings' default label, against a real (fake-indexeddb) database.
import { Blob as NodeBlob } from 'node:buffer'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { careerResolver } from '../../../src/core/career'
import { BaluchonDb } from '../../../src/db'
import {
  AffiliationError,
  countItemsChoosing,
  createAffiliation,
  deleteAffiliation,
  getDefaultLabel,
  listAffiliations,
  loadCareerContext,
  LogoError,
  MAX_LOGO_BYTES,
  setDefaultLabel,
  setItemAffiliation,
  setItemLabel,
  setItemPortfolio,
  updateAffiliation,
  validateAffiliation,
  type AffiliationInput,
} from '../../../src/features/career'
import { createItem, getItem } from '../../../src/features/items/repository'

// Node's Blob survives IndexedDB's structured clone (as Chromium's does).
globalThis.Blob = NodeBlob as unknown as typeof Blob

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 1, 2, 3])
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70])

let db: BaluchonDb
let n = 0
beforeEach(async () => {
  db = new BaluchonDb(`career-repo-${Date.now()}-${n++}`)
  await db.open()
})
afterEach(async () => {
  db.close()
  await db.delete()
})

const acme: AffiliationInput = { organisation: '  Acme  ', role: 'Engineer', start: '2019-01-01', end: '2022-12-31', defaultLabel: 'employer-confidential' }
const globex: AffiliationInput = { organisation: 'Globex', role: 'Lead', start: '2023-01-01', end: '', defaultLabel: 'employer-public' }

describe('affiliations', () => {
  it('validates: organisation required, start a real date, end empty or on/after start', () => {
    expect(validateAffiliation(acme)).toEqual([])
    expect(validateAffiliation({ ...acme, organisation: ' ' })).toEqual([{ field: 'organisation', code: 'required' }])
    expect(validateAffiliation({ ...acme, start: '' })).toEqual([{ field: 'start', code: 'required' }])
    expect(validateAffiliation({ ...acme, start: '2023-02-30' })).toEqual([{ field: 'start', code: 'invalid-date' }])
    expect(validateAffiliation({ ...acme, end: '2018-12-31' })).toEqual([{ field: 'end', code: 'end-before-start' }])
    expect(validateAffiliation({ ...acme, end: '2019-01-01' })).toEqual([])
    expect(validateAffiliation({ ...acme, end: 'soon' })).toEqual([{ field: 'end', code: 'invalid-date' }])
  })

  it('creates, lists newest first, updates and deletes; refuses invalid input without saving', async () => {
    const a = await createAffiliation(db, acme, undefined, 1000)
    const g = await createAffiliation(db, globex, undefined, 2000)
    expect(a.organisation).toBe('Acme')
    expect((await listAffiliations(db)).map((x) => x.id)).toEqual([g.id, a.id])
    await expect(createAffiliation(db, { ...acme, organisation: '' })).rejects.toBeInstanceOf(AffiliationError)
    expect(await db.affiliations.count()).toBe(2)

    const updated = await updateAffiliation(db, a.id, { ...acme, role: 'Staff engineer' }, { type: 'keep' }, 3000)
    expect(updated).toMatchObject({ role: 'Staff engineer', updatedAt: 3000, createdAt: 1000 })
    await expect(updateAffiliation(db, a.id, { ...acme, end: '2000-01-01' })).rejects.toMatchObject({ problems: [{ field: 'end', code: 'end-before-start' }] })
    expect((await db.affiliations.get(a.id))?.end).toBe('2022-12-31')

    await deleteAffiliation(db, a.id)
    expect((await listAffiliations(db)).map((x) => x.id)).toEqual([g.id])
  })

  it('stores a logo checked by its bytes (not its claimed type), replaces and removes it, deleting the old one', async () => {
    const claimedPng = new Blob([JPEG], { type: 'image/png' })
    const a = await createAffiliation(db, acme, { blob: claimedPng, name: 'logo.png' }, 1000)
    const first = await db.attachments.get(a.logoAttachmentId!)
    expect(first).toMatchObject({ mime: 'image/jpeg', itemId: a.id, size: JPEG.length })

    const replaced = await updateAffiliation(db, a.id, acme, { type: 'set', logo: { blob: new Blob([PNG]), name: 'new.png' } }, 2000)
    expect(replaced.logoAttachmentId).not.toBe(a.logoAttachmentId)
    expect(await db.attachments.get(a.logoAttachmentId!)).toBeUndefined()
    expect((await db.attachments.get(replaced.logoAttachmentId!))?.mime).toBe('image/png')

    const removed = await updateAffiliation(db, a.id, acme, { type: 'remove' }, 3000)
    expect(removed.logoAttachmentId).toBeNull()
    expect(await db.attachments.count()).toBe(0)

    const withLogo = await createAffiliation(db, globex, { blob: new Blob([PNG]), name: 'g.png' })
    await deleteAffiliation(db, withLogo.id)
    expect(await db.attachments.count()).toBe(0)
  })

  it('refuses a logo that is not a raster image, empty or too large, and saves nothing', async () => {
    const svg = new Blob(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], { type: 'image/svg+xml' })
    await expect(createAffiliation(db, acme, { blob: svg, name: 'x.svg' })).rejects.toMatchObject({ code: 'not-image' })
    await expect(createAffiliation(db, acme, { blob: new Blob([]), name: 'x.png' })).rejects.toMatchObject({ code: 'empty' })
    const big = new Uint8Array(MAX_LOGO_BYTES + 1)
    big.set(PNG)
    await expect(createAffiliation(db, acme, { blob: new Blob([big]), name: 'big.png' })).rejects.toBeInstanceOf(LogoError)
    expect(await db.affiliations.count()).toBe(0)
    expect(await db.attachments.count()).toBe(0)
  })

  it('deleting an affiliation leaves items that chose it by hand with no affiliation (counted first)', async () => {
    const a = await createAffiliation(db, acme, undefined, 1000)
    const chose = await createItem(db, 'post', { title: 'chose it' }, new Date('2024-06-01T12:00:00').getTime())
    const dated = await createItem(db, 'post', { title: 'dated' }, new Date('2020-06-01T12:00:00').getTime())
    await setItemAffiliation(db, chose.id, a.id)
    expect(await countItemsChoosing(db, a.id)).toBe(1)
    const before = careerResolver(await loadCareerContext(db))
    expect(before((await getItem(db, chose.id))!).affiliation?.id).toBe(a.id)
    expect(before((await getItem(db, dated.id))!).affiliation?.id).toBe(a.id)

    await deleteAffiliation(db, a.id)
    const after = careerResolver(await loadCareerContext(db))
    expect(after((await getItem(db, chose.id))!)).toMatchObject({ affiliation: null, affiliationSource: 'manual', label: 'personal' })
    expect(after((await getItem(db, dated.id))!)).toMatchObject({ affiliation: null, affiliationSource: 'date' })
  })
})

describe("an item's choices and the default label", () => {
  it('sets and clears label, affiliation and portfolio: updatedAt moves, no revision is taken', async () => {
    const item = await createItem(db, 'note', { title: 'n' }, 1000)
    await setItemLabel(db, item.id, 'employer-confidential', 2000)
    await setItemAffiliation(db, item.id, null, 3000)
    await setItemPortfolio(db, item.id, 'exclude', 4000)
    expect(await getItem(db, item.id)).toMatchObject({ label: 'employer-confidential', affiliationId: null, portfolio: 'exclude', updatedAt: 4000 })

    await setItemLabel(db, item.id, undefined, 5000)
    await setItemAffiliation(db, item.id, undefined, 5001)
    await setItemPortfolio(db, item.id, undefined, 5002)
    const cleared = (await getItem(db, item.id))!
    // Absent, not undefined-valued: "follow the rules" is the field's absence (and backups carry no key for it).
    expect('label' in cleared || 'affiliationId' in cleared || 'portfolio' in cleared).toBe(false)
    expect(cleared.updatedAt).toBe(5002)
    expect(await db.revisions.count()).toBe(0)
    await expect(setItemLabel(db, item.id, 'secret' as never)).rejects.toThrow()
  })

  it('keeps Settings default label (personal until chosen) and loads it with the affiliations', async () => {
    expect(await getDefaultLabel(db)).toBe('personal')
    await setDefaultLabel(db, 'employer-public')
    await createAffiliation(db, globex)
    const context = await loadCareerContext(db)
    expect(context.defaultLabel).toBe('employer-public')
    expect(context.affiliations.map((a) => a.organisation)).toEqual(['Globex'])
    await db.settings.put({ key: 'career.defaultLabel', value: 'nonsense' })
    expect(await getDefaultLabel(db)).toBe('personal')
  })
})
