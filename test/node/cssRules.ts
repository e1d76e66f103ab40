// Reading the app's stylesheets in tests: which files there are, and what a rule declares.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export const SRC = join(__dirname, '../../src')

/** Every stylesheet under `dir` (the app's sources by default). */
export function cssFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? cssFiles(join(dir, entry.name)) : entry.name.endsWith('.css') ? [join(dir, entry.name)] : [],
  )
}

/** A stylesheet under src/ by its path there (`features/editor/editor.css`). */
export const readCss = (path: string): string => readFileSync(join(SRC, path), 'utf8')

/** The declarations of the first rule whose selector list includes `selector` exactly. */
export function declarations(css: string, selector: string): string | undefined {
  for (const match of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    if (match[1]!.split(',').some((s) => s.trim() === selector)) return match[2]
  }
  return undefined
}
