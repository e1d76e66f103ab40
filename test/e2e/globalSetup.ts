// Runs once before the end-to-end files: a browser to drive and a current build to serve, or a clear failure.
import { rmSync } from 'node:fs'
import type { TestProject } from 'vitest/node'
import { assertChromium, ensureFreshBuild, snapshotBuild } from './environment'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The build snapshot the harness serves (see snapshotBuild). */
    e2eBuildDir: string
  }
}

export default function setup(project: TestProject): () => void {
  assertChromium()
  ensureFreshBuild()
  const dir = snapshotBuild()
  project.provide('e2eBuildDir', dir)
  return () => rmSync(dir, { recursive: true, force: true })
}
