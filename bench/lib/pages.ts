// Builds the benchmark's pages (bench/vite.config.ts) next to the built app.
import { cpSync, existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
/**
 * The built app measured: out/renderer, or BALUCHON_BENCH_APP (another build's renderer folder, for A/B
 * comparisons without rebuilding out/ between runs).
 */
export const RENDERER_DIR = process.env['BALUCHON_BENCH_APP'] || join(REPO_ROOT, 'out/renderer')
export const BENCH_DIR = join(REPO_ROOT, 'out/bench')

export async function buildBenchPages(): Promise<void> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('No built app in out/renderer: run `npm run bench` (it builds first) or `npx electron-vite build`.')
  const configFile = join(REPO_ROOT, 'bench/vite.config.ts')
  await build({ configFile, mode: 'pages' })
  await build({ configFile, mode: 'probe' })
}

/**
 * A private copy of the built app and pages to serve: a rebuild of out/ during the run (another
 * terminal, a watcher) must not pull files from under the page being measured.
 */
export function snapshotBuild(): { appRoot: string; benchRoot: string; probeFile: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'baluchon-bench-build-'))
  const appRoot = join(dir, 'renderer')
  const benchRoot = join(dir, 'bench')
  cpSync(RENDERER_DIR, appRoot, { recursive: true })
  cpSync(BENCH_DIR, benchRoot, { recursive: true })
  return { appRoot, benchRoot, probeFile: join(benchRoot, 'probe.js'), dir }
}
