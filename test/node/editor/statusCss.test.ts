// The save state's styles cost no frame of their own and lay out alone. Its data-state changes on every
// autosave (pending, saving, saved): a rule selecting on any data-state attribute makes Chromium recalculate
// its style at each change, and so paint a frame when a save merely starts. Its words ("Saving…", "Saved")
// are both laid out, stacked in a box with strict containment, and a change of state only repaints them.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cssFiles, declarations, readCss } from '../cssRules'

describe('save state styles', () => {
  it('no stylesheet selects on a data-state attribute', () => {
    const files = cssFiles()
    expect(files.length).toBeGreaterThan(1)
    const offending = files.filter((file) => /\[\s*data-state\b/.test(readFileSync(file, 'utf8')))
    expect(offending).toEqual([])
  })

  it('lays both words out in a sized box with strict containment, and hides one by colour alone', () => {
    const css = readCss('features/editor/editor.css')
    const box = declarations(css, '.be-status-words--both')
    expect(box).toMatch(/contain:\s*strict/)
    expect(box).toMatch(/width:/)
    expect(box).toMatch(/height:/)
    // Stacked in one cell: showing the other word moves nothing.
    expect(box).toMatch(/display:\s*grid/)
    expect(declarations(css, '.be-status-word')).toMatch(/grid-area:\s*1\s*\/\s*1/)
    // Hidden by a transparent colour, a repaint: `visibility` had Chromium recompute the editor's
    // content-visibility observers and re-layerize, `display` would lay out.
    const hidden = declarations(css, ".be-status-word[aria-hidden='true']")
    expect(hidden).toMatch(/color:\s*transparent/)
    expect(hidden).not.toMatch(/visibility|display|opacity/)
    // An error's sentence is long: never clipped by a sized box.
    expect(declarations(css, '.be-status-words--error') ?? '').not.toMatch(/contain:/)
  })
})
