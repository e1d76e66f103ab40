// backup-export: the whole base exported as a `.baluchon` archive through the UI (Settings › Export backup…),
// timed in the page from the click to "Backup saved as" painted: reading every record in the export worker,
// deflating on the compression pool, handing chunks to main, main writing the temporary file, fsync, rename.
// backup-restore: that archive restored into an EMPTY profile (Settings › Restore from backup…): reading the file
// from main, checking it, the dry run painted, then Restore until "was restored" is painted and a search for a
// word of the synthetic vocabulary shows results (search usable after). The person's reading time between the dry
// run and the click is not counted: the sum of the two timed spans plus the search.
// raw, in the same run: bare Dexie reading every item and attachment plus fflate zipping the very files of the
// app's archive (its entries unzipped), JSON at the app's level 1, images and Markdown stored as the app does.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { unzipSync } from 'fflate'
import { benchDialogs, benchHooks } from '../lib/browser'
import { holdWorkerTermination, profileWorkers, WORKER_PROFILE_PREFIX } from '../lib/workerProfiles'
import { traceSample, tracing } from '../lib/trace'
import { raw, settle, timeInteraction, waitFor } from '../lib/inPage'
import { ROW, searchBox } from '../lib/ui'
import { EXPORT_IMAGES } from './markdownExport'
import { firstPage, launchBrowser, type AppSession, type BenchEnv } from './session'
import { samples, type Samples } from './types'

const STEPS = process.env['BALUCHON_BENCH_RESTORE_STEPS'] === '1'

const settingsButton = (page: Page) => page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: 'Settings' })

async function closeDialogs(page: Page): Promise<void> {
  // The backup dialog, then Settings under it.
  for (let i = 0; i < 2; i++) {
    await page.keyboard.press('Escape')
    await settle(page, 50)
  }
}

/**
 * The restore's dialog, then Settings under it, closed as a person does: Escape, and the next step once the dialog
 * is gone from the screen. Not `settle`: its idle callback waits up to 1 s for an idle period, which after a restore
 * (measured: no script running on the page) often did not come before its timeout, and that harness wait was counted
 * in the restore's "search usable" span. Whatever work the page really does after the commit still delays the search
 * typed next, and is measured there.
 */
async function closeDialogsAsAPersonWould(page: Page, step: (name: string) => void): Promise<void> {
  for (const name of ['Restore from a backup', 'Settings']) {
    await page.keyboard.press('Escape')
    step(`escape ${name}`)
    await page.getByRole('dialog', { name }).waitFor({ state: 'hidden', timeout: 30_000 })
    step(`closed ${name}`)
  }
}

async function exportOnce(page: Page): Promise<number> {
  await settingsButton(page).click()
  const ms = await timeInteraction(
    page,
    'click',
    { type: 'contains', selector: '[role="dialog"]', text: 'Backup saved as' },
    () => page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Export backup…' }).click(),
    300_000,
  )
  if (ms === null) throw new Error('The backup export did not finish within 300 s')
  await closeDialogs(page)
  return ms
}

function archiveIn(dir: string): string {
  const names = readdirSync(dir).filter((n) => /^baluchon-\d{4}-\d{2}-\d{2}\.baluchon$/.test(n))
  if (names.length !== 1) throw new Error(`Expected one backup in the profile folder, found ${names.length}`)
  return join(dir, names[0]!)
}

/** Images in the base (the Markdown export measure may have added its 200 already). */
function countImages(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('baluchon')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const request = open.result.transaction('attachments').objectStore('attachments').count()
          request.onsuccess = () => {
            open.result.close()
            resolve(request.result)
          }
          request.onerror = () => reject(request.error)
        }
      }),
  )
}

export async function backupExport(session: AppSession, env: BenchEnv, runs: number): Promise<{ samples: Samples; archive: string }> {
  const out = samples()
  const { page } = session
  if (env.items <= 10_000) {
    const have = await countImages(page)
    if (have < EXPORT_IMAGES) await raw(page, 'addImages', EXPORT_IMAGES - have)
    out.notes.push(`${Math.max(have, EXPORT_IMAGES)} images of about 40 KB`)
  }
  await settle(page, 500)
  for (let i = 0; i < runs; i++) {
    // BALUCHON_BENCH_WORKER_PROFILE=<prefix>: CPU profiles of the first export's workers (timings then not results).
    // And the page's main thread (it relays the chunks and the deflates between the export worker and main).
    if (WORKER_PROFILE_PREFIX && i === 0) {
      const profiler = await profileWorkers(session.cdp, `${WORKER_PROFILE_PREFIX}-export`)
      await session.cdp.send('Profiler.enable')
      await session.cdp.send('Profiler.start')
      benchHooks.beforeDispatch = async (channel) => {
        if (channel !== 'backupWriteCommit') return
        benchHooks.beforeDispatch = null
        env.log(`worker profiles: ${(await profiler.stop()).join(', ')}`)
        const file = `${WORKER_PROFILE_PREFIX}-export.page.cpuprofile`
        writeFileSync(file, JSON.stringify((await session.cdp.send('Profiler.stop')).profile))
        env.log(`page profile: ${file}`)
      }
    }
    // Traced (BALUCHON_BENCH_TRACE_DIR): the first export of the session, which sets the p95, and the second.
    out.app.push(i < 2 ? await traceSample(session.cdp, `backup-export-${i}`, () => exportOnce(page), env.log) : await exportOnce(page))
    await settle(page, 300)
  }
  const archive = archiveIn(env.profileDir)
  const bytes = readFileSync(archive)
  const files = Object.entries(unzipSync(bytes)).map(([path, data]) => ({ path, data, compress: path.endsWith('.json'), level: 1 }))
  out.notes.push(`${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${files.length} entries`)
  // In batches of about 4 MB: one message with the whole archive closes the page.
  let batch: typeof files = []
  let batchBytes = 0
  let first = true
  for (const file of [...files, null]) {
    if (file === null || batchBytes + file.data.length > 4 * 1024 * 1024) {
      await raw(page, 'prepareZip', batch, !first)
      first = false
      batch = []
      batchBytes = 0
    }
    if (file) {
      batch.push(file)
      batchBytes += file.data.length
    }
  }
  for (let i = 0; i < runs; i++) {
    out.raw.push(await raw(page, 'readAndZip'))
    await settle(page, 300)
  }
  return { samples: out, archive }
}

/** The three timed spans of one restore, for the notes (where the time goes). */
interface RestoreSpans {
  dryRun: number
  apply: number
  search: number
  /**
   * Reading the whole archive alone over the bench's bridge (bytes go over HTTP, bench/lib/ipcOverHttp.ts), for scale:
   * the dry run's first step reads only what a restore uses, without the content/ Markdown (about 40% of the file).
   */
  bridgeRead: number
}

/** Times reading `archive` through window.api as the restore does (4 MB chunks), after the timed spans. */
function timeBridgeRead(page: Page): Promise<number> {
  return page.evaluate(async () => {
    type Result<T> = { ok: true; value: T } | { ok: false }
    const api = (window as unknown as { api: Record<string, (input?: unknown) => Promise<Result<unknown>>> }).api
    const started = performance.now()
    const opened = await api['backupOpen']!({ source: 'choose' })
    if (!opened.ok || opened.value === null) throw new Error('The bench could not open the archive again')
    const { handle, size } = opened.value as { handle: string; size: number }
    const CHUNK = 4 * 1024 * 1024
    for (let offset = 0; offset < size; offset += CHUNK) {
      const chunk = await api['backupReadChunk']!({ handle, offset, length: Math.min(CHUNK, size - offset) })
      if (!chunk.ok) throw new Error('The bench could not read the archive again')
    }
    await api['backupReadClose']!({ handle })
    return performance.now() - started
  })
}

/** Restores `archive` into a fresh, empty profile; returns the app's time (see the header). */
async function restoreOnce(env: BenchEnv, archive: string, spans: RestoreSpans[]): Promise<number> {
  const profileDir = mkdtempSync(join(tmpdir(), 'baluchon-bench-restore-'))
  const context = await launchBrowser({ ...env, profileDir })
  try {
    const page = await firstPage(context)
    await page.goto(`${env.origin}/`)
    await settingsButton(page).waitFor({ timeout: 60_000 })
    await settle(page, 500)
    benchDialogs.openPath = archive
    // BALUCHON_BENCH_WORKER_PROFILE=<prefix>: the first restore's workers: the restore's pool until the dry run is
    // painted, the restore worker until the page terminates it after the apply (held until its profile is written),
    // the search worker until search answers; and the page's main thread over the whole restore.
    const profiling = Boolean(WORKER_PROFILE_PREFIX) && spans.length === 0
    const cdp = profiling ? await context.newCDPSession(page) : null
    const profiler = cdp ? await profileWorkers(cdp, `${WORKER_PROFILE_PREFIX}-restore`) : null
    if (cdp && profiler) {
      await holdWorkerTermination(page, async () => env.log(`worker profiles: ${(await profiler.stop((name) => name === 'backup-restore')).join(', ')}`))
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.start')
    }
    await settingsButton(page).click()
    const dryRun = await timeInteraction(
      page,
      'click',
      { type: 'contains', selector: '[role="dialog"]', text: 'Here is what restoring would do' },
      () => page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Restore from backup…' }).click(),
      300_000,
    )
    if (dryRun === null) throw new Error('The dry run did not show within 300 s')
    if (profiler) env.log(`worker profiles: ${(await profiler.stop((name) => name !== 'search' && name !== 'backup-restore')).join(', ')}`)
    const timeApply = (): Promise<number | null> =>
      timeInteraction(
        page,
        'click',
        { type: 'contains', selector: '[role="dialog"]', text: 'was restored' },
        () => page.getByRole('dialog', { name: 'Restore from a backup' }).getByRole('button', { name: 'Restore', exact: true }).click(),
        300_000,
      )
    // Traced (BALUCHON_BENCH_TRACE_DIR): the apply of the second restore (the first one's workers may be profiled).
    const apply = spans.length === 1 && tracing() ? await traceSample(await context.newCDPSession(page), 'backup-restore-apply-1', timeApply, env.log) : await timeApply()
    if (apply === null) throw new Error('The restore did not finish within 300 s')
    const started = Date.now()
    // BALUCHON_BENCH_RESTORE_STEPS=1: when each step of the search span ended (ms after the apply), in the log.
    const steps: string[] = []
    const step = (name: string): void => void (STEPS && steps.push(`${name} ${Date.now() - started}`))
    await closeDialogsAsAPersonWould(page, step)
    await searchBox(page).fill('performance')
    step('filled')
    if (!(await waitFor(page, { type: 'contains', selector: ROW, text: 'performance', fold: true }, 300_000))) throw new Error('Search found nothing after the restore')
    const search = Date.now() - started
    if (STEPS) env.log(`restore ${spans.length}: search span: ${steps.join(', ')}, rows ${search}`)
    if (cdp && profiler) {
      env.log(`worker profiles: ${(await profiler.stop()).join(', ')}`)
      const file = `${WORKER_PROFILE_PREFIX}-restore.page.cpuprofile`
      writeFileSync(file, JSON.stringify((await cdp.send('Profiler.stop')).profile))
      env.log(`page profile: ${file}`)
    }
    spans.push({ dryRun, apply, search, bridgeRead: await timeBridgeRead(page) })
    return dryRun + apply + search
  } finally {
    benchDialogs.openPath = null
    await context.close()
    rmSync(profileDir, { recursive: true, force: true })
  }
}

export async function backupRestore(session: AppSession, env: BenchEnv, archive: string, runs: number): Promise<Samples> {
  const out = samples()
  const spans: RestoreSpans[] = []
  for (let i = 0; i < runs; i++) out.app.push(await restoreOnce(env, archive, spans))
  // The same raw work as the export: what a restore cannot do faster than reading and (un)zipping the same bytes.
  for (let i = 0; i < runs; i++) {
    out.raw.push(await raw(session.page, 'readAndZip'))
    await settle(session.page, 300)
  }
  out.notes.push('app: dry run painted + apply until "restored" painted + search answering, in an empty profile')
  out.notes.push(`spans (ms, per run): ${spans.map((s) => `dry run ${Math.round(s.dryRun)} (reading the whole file over the bench's bridge alone takes ${Math.round(s.bridgeRead)}; the app reads about 40% of it) + apply ${Math.round(s.apply)} + search ${Math.round(s.search)}`).join('; ')}`)
  return out
}
