// portfolio-build's raw column: bare Dexie reading the site's rows and images, then the pure generator
// (src/core/portfolio) building every file in memory: no dialog, no bridge, no disk.
import type Dexie from 'dexie'
import type { Affiliation } from '../../src/core/career'
import type { Item } from '../../src/core/items'
import { withBody } from './storedBody'
import { buildPortfolioSite, portfolioImageIds, type PortfolioProfile, type SiteImage } from '../../src/core/portfolio'

export async function portfolioBuild(db: Dexie): Promise<number> {
  await db.open()
  const t0 = performance.now()
  const [items, affiliations, profileRow] = await Promise.all([
    db.table<Item>('items').where('kind').anyOf(['post', 'talk', 'link']).toArray(),
    db.table<Affiliation>('affiliations').toArray(),
    db.table<{ key: string; value: PortfolioProfile }>('settings').get('portfolio.profile'),
  ])
  if (!profileRow) throw new Error('No portfolio profile seeded')
  const career = { affiliations, defaultLabel: 'personal' as const }
  const live = items.filter((item) => item.trashed !== 1).map((item) => withBody(item as unknown as Record<string, unknown>) as unknown as Item)
  const ids = portfolioImageIds({ profile: profileRow.value, items: live, career })
  const stored = await db.table<{ id: string; mime: string; name: string; data: Blob }>('attachments').bulkGet(ids)
  const images = new Map<string, SiteImage>()
  for (const a of stored) if (a) images.set(a.id, { mime: a.mime, name: a.name, data: new Uint8Array(await a.data.arrayBuffer()) })
  const { files } = buildPortfolioSite({ profile: profileRow.value, items: live, career, images, now: Date.now() })
  if (files.length < 1000) throw new Error(`The site has only ${files.length} files`)
  return performance.now() - t0
}
