// The bench's browser (bench/lib/browser.ts) runs no browser-UI renderer beside the page: headless Chromium otherwise
// starts the omnibox popup's WebUI renderer at launch, which loads about 150 modules while the page measured starts
// (on a 2-core machine, CPU taken from every cold start, app and raw alike). An Electron window has no omnibox.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launch } from '../../bench/lib/browser'
import { serveDirectory, type StaticServer } from './staticServer'

interface Process {
  pid: number
  ppid: number
  args: string
}

/** The processes of the browser started on `profileDir`: its main process and all it started. */
function browserProcesses(profileDir: string): Process[] {
  const all = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }))
  const root = all.find((p) => p.args.includes(profileDir) && !p.args.includes('--type='))
  if (!root) return []
  const mine = new Set([root.pid])
  let grew = true
  while (grew) {
    grew = false
    for (const p of all) {
      if (!mine.has(p.pid) && mine.has(p.ppid)) {
        mine.add(p.pid)
        grew = true
      }
    }
  }
  return all.filter((p) => mine.has(p.pid))
}

describe("the bench's browser", () => {
  let dir: string
  let server: StaticServer
  let context: BrowserContext
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'baluchon-bench-browser-'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>page</title><p role="option">row</p>')
    writeFileSync(join(dir, 'probe.js'), '')
    server = await serveDirectory(dir)
    context = await launch({ profileDir: join(dir, 'profile'), origin: server.origin, probeFile: join(dir, 'probe.js'), firstSeenSelector: '[role=option]' })
  })
  afterAll(async () => {
    await context?.close()
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('runs the page without the omnibox WebUI renderer beside it', async () => {
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto(`${server.origin}/`)
    // The omnibox popup's renderer starts with the browser (at launch, before any navigation): well within this.
    await page.waitForTimeout(2000)
    const processes = browserProcesses(join(dir, 'profile'))
    const renderers = processes.filter((p) => p.args.includes('--type=renderer'))
    expect(renderers.length).toBeGreaterThan(0)
    expect(renderers.filter((p) => p.args.includes('--top-chrome-webui')).map((p) => p.pid)).toEqual([])
  })

  // Chromium keeps the last --disable-features only: the bench's must carry Playwright's own (given first) too.
  it("keeps every feature Playwright disables disabled (the last --disable-features holds Playwright's list)", () => {
    const root = browserProcesses(join(dir, 'profile')).find((p) => !p.args.includes('--type='))
    const lists = [...(root?.args ?? '').matchAll(/--disable-features=(\S+)/g)].map((m) => m[1]!.split(','))
    expect(lists.length).toBeGreaterThan(1)
    const [playwright, effective] = [lists[0]!, lists[lists.length - 1]!]
    expect(playwright).toContain('PaintHolding')
    expect(playwright.filter((feature) => !effective.includes(feature))).toEqual([])
  })
})
