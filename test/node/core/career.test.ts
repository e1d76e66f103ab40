import { describe, expect, it } from 'vitest'
import {
  affiliationResolver,
  careerResolver,
  contributionDate,
  defaultInPortfolio,
  inPortfolio,
  isIsoDate,
  mayLeave,
  type Affiliation,
} from '../../../src/core/career'
import { newItem } from '../../../src/core/itemFactory'
import type { Item, LinkItem, PostItem, TalkItem } from '../../../src/core/items'

function affiliation(id: string, start: string, end: string, defaultLabel: Affiliation['defaultLabel']): Affiliation {
  return { id, organisation: id, role: 'role', start, end, logoAttachmentId: null, defaultLabel, createdAt: 0, updatedAt: 0 }
}

const acme = affiliation('acme', '2019-01-01', '2022-12-31', 'employer-confidential')
const globex = affiliation('globex', '2023-01-01', '', 'employer-public')
const sideGig = affiliation('side', '2023-06-01', '2023-06-30', 'employer-confidential')

function itemOn(kind: Item['kind'], isoDate: string): Item {
  const ms = new Date(`${isoDate}T12:00:00`).getTime()
  const item = newItem(kind, `${kind}-${isoDate}`, ms)
  if (item.kind === 'link') (item as LinkItem).savedAt = ms
  return item
}

describe('affiliations over time', () => {
  it('finds the affiliation active on a day, both ends included, an empty end still lasting', () => {
    const at = affiliationResolver([acme, globex])
    expect(at('2018-12-31')).toBeNull()
    expect(at('2019-01-01')?.id).toBe('acme')
    expect(at('2022-12-31')?.id).toBe('acme')
    expect(at('2023-01-01')?.id).toBe('globex')
    expect(at('2031-05-05')?.id).toBe('globex')
  })

  it('gives overlapping days to the affiliation started last', () => {
    const at = affiliationResolver([acme, globex, sideGig])
    expect(at('2023-06-15')?.id).toBe('side')
    expect(at('2023-07-01')?.id).toBe('globex')
  })

  it('dates a talk by its own date, a link by when it was saved, others by creation', () => {
    const talk = itemOn('talk', '2020-03-03') as TalkItem
    talk.date = '2024-10-10'
    expect(contributionDate(talk)).toBe('2024-10-10')
    talk.date = ''
    expect(contributionDate(talk)).toBe('2020-03-03')
    expect(contributionDate(itemOn('link', '2021-02-02'))).toBe('2021-02-02')
    expect(contributionDate(itemOn('post', '2022-04-04'))).toBe('2022-04-04')
  })

  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2023-02-29')).toBe(false)
    expect(isIsoDate('2023-2-1')).toBe(false)
  })
})

describe('effective label', () => {
  const resolve = careerResolver({ affiliations: [acme, globex], defaultLabel: 'personal' })

  it('follows the affiliation of the item date, then its default label', () => {
    const r = resolve(itemOn('post', '2020-05-05'))
    expect(r).toMatchObject({ affiliationSource: 'date', label: 'employer-confidential', labelSource: 'affiliation' })
    expect(r.affiliation?.id).toBe('acme')
  })

  it('uses Settings default when no affiliation covers the date', () => {
    expect(resolve(itemOn('note', '2010-01-01'))).toMatchObject({ affiliation: null, label: 'personal', labelSource: 'settings' })
  })

  it('lets the person choose the affiliation, or none, and the label', () => {
    const item = itemOn('post', '2020-05-05')
    item.affiliationId = 'globex'
    expect(resolve(item)).toMatchObject({ affiliationSource: 'manual', label: 'employer-public' })
    item.affiliationId = null
    expect(resolve(item)).toMatchObject({ affiliation: null, affiliationSource: 'manual', label: 'personal' })
    item.label = 'employer-confidential'
    expect(resolve(item)).toMatchObject({ label: 'employer-confidential', labelSource: 'item' })
  })

  it('treats a chosen affiliation that no longer exists as none, never as a guess', () => {
    const item = itemOn('post', '2020-05-05')
    item.affiliationId = 'deleted'
    expect(resolve(item)).toMatchObject({ affiliation: null, label: 'personal', labelSource: 'settings' })
  })

  it('never lets confidential work leave', () => {
    expect(mayLeave('employer-confidential')).toBe(false)
    expect(mayLeave('employer-public')).toBe(true)
    expect(mayLeave('personal')).toBe(true)
  })
})

describe('portfolio selection', () => {
  it('shows finished public work by default, never notes or drafts', () => {
    const post = itemOn('post', '2024-01-01') as PostItem
    expect(defaultInPortfolio(post, 'personal')).toBe(false)
    post.status = 'published'
    expect(defaultInPortfolio(post, 'personal')).toBe(true)
    expect(defaultInPortfolio(itemOn('note', '2024-01-01'), 'personal')).toBe(false)
    expect(defaultInPortfolio(itemOn('link', '2024-01-01'), 'employer-public')).toBe(true)
  })

  it('follows the person’s choice except that confidential or trashed work is never shown', () => {
    const note = itemOn('note', '2024-01-01')
    note.portfolio = 'include'
    expect(inPortfolio(note, 'personal')).toBe(true)
    expect(inPortfolio(note, 'employer-confidential')).toBe(false)
    note.trashed = 1
    expect(inPortfolio(note, 'personal')).toBe(false)
    const link = itemOn('link', '2024-01-01')
    link.portfolio = 'exclude'
    expect(inPortfolio(link, 'personal')).toBe(false)
  })
})
