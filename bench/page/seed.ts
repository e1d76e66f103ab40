// Fills the app's own database (src/db: same name, same schema and migrations, same origin as the app)
// with the deterministic synthetic knowledge base, plus the fixed items the measures need.
import { docToPlainText } from '../../src/core/doc'
import { newItem } from '../../src/core/itemFactory'
import { slugify } from '../../src/core/slug'
import type { Item } from '../../src/core/items'
import { getDb } from '../../src/db'
import { largeDoc, syntheticItems } from '../../test/support/syntheticKb'
import { LARGE_ITEM, type BenchWindow, type SeedRequest, type SeedResult } from '../lib/pageApi'
// Defines window.__benchSeedPortfolio (the portfolio-build measure's own knowledge base).
import './portfolioSeed'

/** The synthetic KB's "now": the newest items were changed at this time. */
const NOW = Date.UTC(2026, 10, 1)

function largeItem(): Item {
  const body = largeDoc(LARGE_ITEM.chars)
  // The newest row, so it is on screen at the top of the list (a few hundred synthetic rows share the
  // newest time, NOW, and would push anything older off screen).
  const at = NOW + 60_000
  // Its slug follows the title, as for a post titled in the app (and the synthetic posts): else the first save
  // of it would set the slug, a change the detail pane shows, which no save of a real post makes.
  const title = LARGE_ITEM.title
  return { ...newItem('post', LARGE_ITEM.id, at), title, slug: slugify(title), body, bodyText: docToPlainText(body), tags: ['performance'], status: 'draft' } as Item
}

async function seed({ count, chunk }: SeedRequest): Promise<SeedResult> {
  const db = getDb()
  await db.open()
  const t0 = performance.now()
  const items = syntheticItems({ count, now: NOW })
  items.push(largeItem())
  const generateMs = performance.now() - t0
  const avgBodyChars = items.reduce((sum, item) => sum + item.bodyText.length, 0) / items.length
  const t1 = performance.now()
  // One transaction per chunk keeps each commit (and the page's memory for it) bounded.
  for (let start = 0; start < items.length; start += chunk) {
    await db.items.bulkAdd(items.slice(start, start + chunk))
  }
  return { items: items.length, generateMs, insertMs: performance.now() - t1, avgBodyChars }
}

;(window as BenchWindow).__benchSeed = seed
