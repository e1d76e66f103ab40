// The bench's worker profiles (bench/lib/workerProfiles.ts), in real Chromium: a worker the page terminates as
// soon as it says 'done' (as the Markdown export's is) still leaves its profile, and is terminated after that.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { holdWorkerTermination, profileWorkers } from '../../bench/lib/workerProfiles'
import { chromiumPath } from './environment'
import { serveDirectory, type StaticServer } from './staticServer'

// The worker answers 'start' with 'done' at once; the page terminates it on 'done'.
const WORKER = `self.onmessage = () => self.postMessage('done')`
const PAGE_SCRIPT = `
window.runWorker = () => new Promise((resolve) => {
  const worker = new Worker('worker.js', { name: 'markdown-export' })
  worker.onmessage = () => { worker.terminate(); resolve() }
  worker.postMessage('start')
})
`

interface Profile {
  nodes: { callFrame: { url: string } }[]
  startTime: number
  endTime: number
}

describe('bench worker profiles', () => {
  let dir: string
  let server: StaticServer
  let browser: Browser
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'baluchon-worker-profiles-'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>workers</title><script src="page.js"></script>')
    writeFileSync(join(dir, 'page.js'), PAGE_SCRIPT)
    writeFileSync(join(dir, 'worker.js'), WORKER)
    server = await serveDirectory(dir, { csp: "default-src 'self'" })
    browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--headless', '--no-sandbox', '--disable-gpu'] })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('keeps a worker the page terminates on done alive until its profile is written', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${server.origin}/`)
    const cdp = await context.newCDPSession(page)
    const profiler = await profileWorkers(cdp, join(dir, 'run'))
    let files: string[] = []
    await holdWorkerTermination(page, async () => (files = await profiler.stop((name) => name === 'markdown-export')))
    await page.evaluate(() => (window as unknown as { runWorker: () => Promise<void> }).runWorker())
    await expect.poll(() => files.length, { timeout: 20_000 }).toBe(1)
    const profile = JSON.parse(readFileSync(files[0]!, 'utf8')) as Profile
    expect(files[0]).toMatch(/run\.0\.markdown-export\.cpuprofile$/)
    expect(profile.nodes.length).toBeGreaterThan(0)
    expect(profile.endTime).toBeGreaterThan(profile.startTime)
    // The page's terminate still ends the worker once its profile is taken.
    await expect.poll(() => page.workers().length, { timeout: 20_000 }).toBe(0)
    await context.close()
  })
})
