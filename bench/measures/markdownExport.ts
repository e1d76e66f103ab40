// markdown-export: the whole library exported as Markdown to a zip through the UI (Settings › Export as
// Markdown… › Export to a zip file…), timed in the page from the click to the "exported" message painted:
// reading every item and image, writing the Markdown, sending it to main in batches, main zipping it and
// renaming the file into place. Raw, in the same run: bare Dexie reading every record plus fflate zipping
// the very files the app wrote (its zip, unzipped), text deflated and images stored as the app does.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { raw, settle, timeInteraction } from '../lib/inPage'
import { traceSample } from '../lib/trace'
import { holdWorkerTermination, profileWorkers, WORKER_PROFILE_PREFIX } from '../lib/workerProfiles'
import type { AppSession, BenchEnv } from './session'
import { samples, type Samples } from './types'

/** Images added to the 10,000-item library (the spec's "10,000 items + 200 images"). */
export const EXPORT_IMAGES = 200

async function exportOnce(session: AppSession): Promise<number | null> {
  const { page } = session
  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: 'Settings' }).click()
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Export as Markdown…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export as Markdown' })
  const ms = await timeInteraction(
    page,
    'click',
    { type: 'contains', selector: '[role="dialog"]', text: 'exported to' },
    () => dialog.getByRole('button', { name: 'Export to a zip file…' }).click(),
    120_000,
  )
  await page.getByRole('dialog', { name: 'Markdown export done' }).getByRole('button', { name: 'Close' }).first().click()
  return ms
}

export async function markdownExport(session: AppSession, env: BenchEnv, runs: number): Promise<Samples> {
  const out = samples()
  const { page } = session
  if (env.items <= 10_000) {
    const added = await raw(page, 'addImages', EXPORT_IMAGES)
    out.notes.push(`${added} images of about 40 KB`)
  }
  await settle(page, 500)
  // BALUCHON_BENCH_CPU_PROFILE=<file>: the page's CPU profile of the first export (open it in DevTools).
  const profileTo = process.env['BALUCHON_BENCH_CPU_PROFILE']
  // BALUCHON_BENCH_WORKER_PROFILE=<prefix>: the first export's worker, from about when it is spawned to its 'done'
  // (the page terminates it then: it is held alive until its profile is written). Such a run's timings are not results.
  if (WORKER_PROFILE_PREFIX && runs > 0) {
    const profiler = await profileWorkers(session.cdp, `${WORKER_PROFILE_PREFIX}-markdown-export`)
    let stopped = false
    await holdWorkerTermination(page, async () => {
      if (stopped) return
      stopped = true
      env.log(`worker profiles: ${(await profiler.stop((name) => name === 'markdown-export')).join(', ')}`)
    })
  }
  for (let i = 0; i < runs; i++) {
    if (profileTo && i === 0) {
      await session.cdp.send('Profiler.enable')
      await session.cdp.send('Profiler.start')
    }
    // Traced (BALUCHON_BENCH_TRACE_DIR): the first export of the session, which sets the p95, and the second.
    const ms = i < 2 ? await traceSample(session.cdp, `markdown-export-${i}`, () => exportOnce(session), env.log) : await exportOnce(session)
    if (profileTo && i === 0) writeFileSync(profileTo, JSON.stringify((await session.cdp.send('Profiler.stop')).profile))
    if (ms === null) throw new Error('The Markdown export did not finish within 120 s')
    out.app.push(ms)
    await settle(page, 300)
  }
  // The same bytes for the raw column: the files of the zip the app wrote.
  const name = readdirZip(env.profileDir)
  const files = Object.entries(unzipSync(readFileSync(join(env.profileDir, name)))).map(([path, data]) => ({ path, data, compress: path.endsWith('.md') }))
  out.notes.push(`${files.length} files`)
  // In batches of about 4 MB, as for backup-export: one message with every file (150 MB at 50,000 items) closes the page.
  for (let at = 0, first = true; at < files.length; first = false) {
    const batch: typeof files = []
    for (let bytes = 0; at < files.length && (batch.length === 0 || bytes + files[at]!.data.length <= 4 * 1024 * 1024); at++) {
      batch.push(files[at]!)
      bytes += files[at]!.data.length
    }
    await raw(page, 'prepareZip', batch, !first)
  }
  for (let i = 0; i < runs; i++) {
    out.raw.push(await raw(page, 'readAndZip'))
    await settle(page, 300)
  }
  return out
}

function readdirZip(dir: string): string {
  // exportFolderName(): baluchon-markdown-YYYY-MM-DD.zip, saved by the dialog double into the profile folder.
  const zips = readdirSync(dir).filter((n) => /^baluchon-markdown-\d{4}-\d{2}-\d{2}\.zip$/.test(n))
  if (zips.length !== 1) throw new Error(`Expected one export zip in the profile folder, found ${zips.length}`)
  return zips[0]!
}
