// The save state's styles cost no frame of their own and lay out alone. Its data-state changes on every
// autosave (pending, saving, saved): a rule selecting on any data-state attribute makes Chromium recalculate
// its style at each change, and so paint a frame when a save merely starts. Its words ("Saving…", "Saved")
// sit in a box with strict containment, so the change of words is laid out inside it, not from the page's root.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = join(__dirname, '../../../src')

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? cssFiles(join(dir, entry.name)) : entry.name.endsWith('.css') ? [join(dir, entry.name)] : [],
  )
}

/** The declarations of the first rule whose selector list includes `selector` exactly. */
function declarations(css: string, selector: string): string | undefined {
  for (const match of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    if (match[1]!.split(',').some((s) => s.trim() === selector)) return match[2]
  }
  return undefined
}

describe('save state styles', () => {
  it('no stylesheet selects on a data-state attribute', () => {
    const files = cssFiles(SRC)
    expect(files.length).toBeGreaterThan(1)
    const offending = files.filter((file) => /\[\s*data-state\b/.test(readFileSync(file, 'utf8')))
    expect(offending).toEqual([])
  })

  it('lays the saving and saved words out in a sized box with strict containment', () => {
    const css = readFileSync(join(SRC, 'features/editor/editor.css'), 'utf8')
    for (const selector of ['.be-status-words--saved', '.be-status-words--saving']) {
      const rule = declarations(css, selector)
      expect(rule, selector).toMatch(/contain:\s*strict/)
      expect(rule, selector).toMatch(/width:/)
      expect(rule, selector).toMatch(/height:/)
      expect(rule, selector).toMatch(/display:\s*block/)
    }
    // An error's sentence is long: never clipped by a sized box.
    expect(declarations(css, '.be-status-words--error') ?? '').not.toMatch(/contain:/)
  })
})
