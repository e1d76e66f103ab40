// What the site is built from, read from the database: every post, talk and link outside the Trash (the
// generator applies the selection rule itself), the career context, and the bytes of the images it shows.
import Dexie from 'dexie'
import type { Item } from '../../core/items'
import { portfolioImageIds, type PortfolioInput, type PortfolioProfile, type SiteImage } from '../../core/portfolio'
import type { BaluchonDb } from '../../db'
import { loadCareerContext } from '../career/repository'

export const PORTFOLIO_KINDS = ['post', 'talk', 'link'] as const
export type PortfolioKind = (typeof PORTFOLIO_KINDS)[number]

/** Items of one kind outside the Trash, newest first (the selection list). */
export function listCandidates(db: BaluchonDb, kind: PortfolioKind): Promise<Item[]> {
  return db.items
    .where('[trashed+kind+updatedAt]')
    .between([0, kind, Dexie.minKey], [0, kind, Dexie.maxKey])
    .reverse()
    .toArray()
}

async function imageBytes(db: BaluchonDb, ids: readonly string[]): Promise<Map<string, SiteImage>> {
  const found = ids.length ? await db.attachments.bulkGet([...ids]) : []
  const images = new Map<string, SiteImage>()
  await Promise.all(
    found.map(async (a) => {
      if (a) images.set(a.id, { mime: a.mime, name: a.name, data: new Uint8Array(await a.data.arrayBuffer()) })
    }),
  )
  return images
}

export async function loadPortfolioInput(db: BaluchonDb, profile: PortfolioProfile, now = Date.now()): Promise<PortfolioInput> {
  const [lists, career] = await Promise.all([Promise.all(PORTFOLIO_KINDS.map((kind) => listCandidates(db, kind))), loadCareerContext(db)])
  const items = lists.flat()
  const images = await imageBytes(db, portfolioImageIds({ profile, items, career }))
  return { profile, items, career, images, now }
}
