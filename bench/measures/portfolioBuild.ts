// portfolio-build (items: 6,100): the public portfolio site of 1,000 published posts (100 with a 40 KB image),
// 100 talks and 5,000 curated links, exported to a folder through the UI (Settings › Public portfolio… › Export
// to a folder…), timed in the page from the click to the "Site written to" message painted: every row and image
// read, every page and feed generated, the files sent to main in batches and written, the folder renamed into
// place. Raw, in the same run: bare Dexie reading the same rows and images plus the pure generator building the
// same site in memory (no dialog, no bridge, no disk). Its own profile and knowledge base, not the synthetic one.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BenchWindow } from '../lib/pageApi'
import { raw, settle, timeInteraction } from '../lib/inPage'
import { warmUp } from './coldStart'
import { firstPage, launchBrowser, openApp, type BenchEnv } from './session'
import { samples, type Samples } from './types'

export const PORTFOLIO_MIX = { posts: 1000, talks: 100, links: 5000, images: 100 } as const
export const PORTFOLIO_ITEMS = PORTFOLIO_MIX.posts + PORTFOLIO_MIX.talks + PORTFOLIO_MIX.links

function removeExports(dir: string): void {
  for (const name of readdirSync(dir)) if (name.startsWith('portfolio-')) rmSync(join(dir, name), { recursive: true, force: true })
}

export async function portfolioBuild(origin: string, probeFile: string, runs: number, log: (message: string) => void): Promise<Samples> {
  const profileDir = mkdtempSync(join(tmpdir(), 'baluchon-bench-portfolio-'))
  const env: BenchEnv = { origin, probeFile, profileDir, items: PORTFOLIO_ITEMS, log }
  const out = samples()
  try {
    const seeder = await launchBrowser(env)
    try {
      const page = await firstPage(seeder)
      await page.goto(`${origin}/__bench/seed.html`)
      const seeded = await page.evaluate((mix) => (globalThis as unknown as BenchWindow).__benchSeedPortfolio!(mix), PORTFOLIO_MIX)
      log(`portfolio-build: seeded ${seeded.items} items and ${seeded.images} images`)
      out.notes.push(`${PORTFOLIO_MIX.posts} posts (${seeded.images} with a 40 KB image), ${PORTFOLIO_MIX.talks} talks, ${PORTFOLIO_MIX.links} links`)
    } finally {
      await seeder.close()
    }
    // The first start indexes the base for search; measuring during it would time the indexer too.
    await warmUp(env)
    const session = await openApp(env)
    try {
      const { page } = session
      await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: 'Settings' }).click()
      await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Public portfolio…' }).click()
      const dialog = page.getByRole('dialog', { name: 'Public portfolio' })
      await settle(page, 300)
      // BALUCHON_BENCH_CPU_PROFILE=<file>: the page's CPU profile of the first export (bench/profileSummary.ts reads it).
      const profileTo = process.env['BALUCHON_BENCH_CPU_PROFILE']
      for (let i = 0; i < runs; i++) {
        if (profileTo && i === 0) {
          await session.cdp.send('Profiler.enable')
          await session.cdp.send('Profiler.start')
        }
        const ms = await timeInteraction(
          page,
          'click',
          { type: 'contains', selector: '[role="dialog"]', text: 'Site written to' },
          () => dialog.getByRole('button', { name: 'Export to a folder…' }).click(),
          120_000,
        )
        if (profileTo && i === 0) writeFileSync(profileTo, JSON.stringify((await session.cdp.send('Profiler.stop')).profile))
        if (ms === null) throw new Error('The portfolio export did not finish within 120 s')
        out.app.push(ms)
        const files = readdirSync(profileDir).filter((n) => n.startsWith('portfolio-'))
        if (files.length !== 1) throw new Error(`Expected one exported site, found ${files.join(', ') || 'none'}`)
        if (i === 0) out.notes.push(`${readdirSync(join(profileDir, files[0]!), { recursive: true }).length} files and folders written`)
        await dialog.locator('.portfolio-result').getByRole('button', { name: 'Close' }).click()
        removeExports(profileDir)
        await settle(page, 300)
      }
      for (let i = 0; i < runs; i++) {
        out.raw.push(await raw(page, 'portfolioBuild'))
        await settle(page, 200)
      }
    } finally {
      await session.context.close()
    }
  } finally {
    rmSync(profileDir, { recursive: true, force: true })
  }
  return out
}
