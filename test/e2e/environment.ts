// Where the end-to-end tests find their browser and the built app, and how they make sure both are there.
import { spawnSync } from 'node:child_process'
import { accessSync, constants, cpSync, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
const RENDERER_DIR = join(REPO_ROOT, 'out/renderer')
const PRELOAD_FILE = join(REPO_ROOT, 'out/preload/index.cjs')
export const ARTIFACTS_DIR = join(REPO_ROOT, 'test-artifacts/e2e')

/** Debian's Chromium, or another build named by BALUCHON_CHROMIUM (e.g. on a developer's Mac). */
export function chromiumPath(): string {
  return process.env['BALUCHON_CHROMIUM'] || '/usr/bin/chromium'
}

/** Fails loudly, never skips: an end-to-end suite that silently does nothing is worse than none. */
export function assertChromium(): void {
  const path = chromiumPath()
  try {
    accessSync(path, constants.X_OK)
  } catch {
    const how = process.env['CI']
      ? 'CI must install it: .ci/run runs `apt-get install -y --no-install-recommends chromium`.'
      : 'Install it with `sudo apt-get update && sudo apt-get install -y chromium`, or point BALUCHON_CHROMIUM at a Chromium or Chrome binary.'
    throw new Error(`End-to-end tests need Chromium at ${path}, and there is none. ${how}`)
  }
}

// What the built renderer and preload are made from: any of these newer than the build means a rebuild.
const SOURCES = ['src', 'electron/preload', 'electron.vite.config.ts', 'package-lock.json']

function newestMtime(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/**
 * The tests run the BUILT renderer and preload (what ships), so they must be current. `npm test` builds
 * right before; a feature author running `npm run test:e2e` alone gets a rebuild when sources changed.
 */
export function ensureFreshBuild(): void {
  const outputs = [join(RENDERER_DIR, 'index.html'), PRELOAD_FILE]
  const builtAt = outputs.every(existsSync) ? Math.min(...outputs.map((p) => statSync(p).mtimeMs)) : 0
  const sourcesAt = Math.max(...SOURCES.map((p) => join(REPO_ROOT, p)).filter(existsSync).map(newestMtime))
  if (builtAt > sourcesAt) return
  console.log(builtAt ? '[e2e] sources changed since the last build: rebuilding' : '[e2e] no build yet: building')
  const result = spawnSync('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' })
  if (result.status !== 0) throw new Error('`npx electron-vite build` failed: the end-to-end tests need the built app (see above)')
}

/** Where a snapshot of the build keeps the renderer folder and the preload file. */
export function buildPaths(snapshotDir: string): { renderer: string; preload: string } {
  return { renderer: join(snapshotDir, 'renderer'), preload: join(snapshotDir, 'preload', 'index.cjs') }
}

/**
 * Copies the build aside for this run, so that a rebuild meanwhile (`npm run build`, another run's
 * ensureFreshBuild) cannot swap the hashed asset files under a page that is loading.
 */
export function snapshotBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'baluchon-e2e-build-'))
  const paths = buildPaths(dir)
  cpSync(RENDERER_DIR, paths.renderer, { recursive: true })
  cpSync(PRELOAD_FILE, paths.preload)
  return dir
}
