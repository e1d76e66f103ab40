import { describe, expect, it } from 'vitest'
import { DEFAULT_BOUNDS, loadBounds, saveBounds, type Bounds, type WindowStateDeps } from '../../../electron/main/windowState'

const LAPTOP = { x: 0, y: 0, width: 1440, height: 900 }
// A second screen to the left of the main one: negative coordinates are legitimate.
const LEFT_SCREEN = { x: -1920, y: 0, width: 1920, height: 1080 }

function deps(saved: string | null, displays = [LAPTOP]): WindowStateDeps & { written: string[] } {
  const written: string[] = []
  return {
    written,
    read: () => saved,
    write: (text) => void written.push(text),
    displays: () => displays,
  }
}

describe('loadBounds', () => {
  const cases: { name: string; saved: string | null; displays?: (typeof LAPTOP)[]; expected: Bounds }[] = [
    { name: 'no file yet', saved: null, expected: DEFAULT_BOUNDS },
    { name: 'empty file', saved: '', expected: DEFAULT_BOUNDS },
    { name: 'bad JSON', saved: '{"width": 900,', expected: DEFAULT_BOUNDS },
    { name: 'JSON null', saved: 'null', expected: DEFAULT_BOUNDS },
    { name: 'JSON array', saved: '[800, 600]', expected: DEFAULT_BOUNDS },
    { name: 'size as strings', saved: '{"width": "900", "height": "700"}', expected: DEFAULT_BOUNDS },
    { name: 'missing height', saved: '{"width": 900}', expected: DEFAULT_BOUNDS },
    {
      name: 'a size without position',
      saved: '{"width": 1000, "height": 700}',
      expected: { width: 1000, height: 700, maximized: false },
    },
    {
      name: 'a visible position is kept',
      saved: '{"x": 100, "y": 50, "width": 1000, "height": 700, "maximized": true}',
      expected: { x: 100, y: 50, width: 1000, height: 700, maximized: true },
    },
    {
      name: 'a position on a screen that is gone is dropped (the OS centres the window)',
      saved: '{"x": 3000, "y": 200, "width": 1000, "height": 700}',
      expected: { width: 1000, height: 700, maximized: false },
    },
    {
      name: 'a title bar above the screen is dropped',
      saved: '{"x": 100, "y": -800, "width": 1000, "height": 700}',
      expected: { width: 1000, height: 700, maximized: false },
    },
    {
      name: 'a window showing only a sliver at the edge is dropped',
      saved: '{"x": 1420, "y": 100, "width": 1000, "height": 700}',
      expected: { width: 1000, height: 700, maximized: false },
    },
    {
      name: 'a position on a left-hand second screen is kept',
      saved: '{"x": -1800, "y": 100, "width": 1000, "height": 700}',
      displays: [LAPTOP, LEFT_SCREEN],
      expected: { x: -1800, y: 100, width: 1000, height: 700, maximized: false },
    },
    {
      name: 'that same position once the second screen is unplugged is dropped',
      saved: '{"x": -1800, "y": 100, "width": 1000, "height": 700}',
      displays: [LAPTOP],
      expected: { width: 1000, height: 700, maximized: false },
    },
    {
      name: 'too small is clamped up to the minimum',
      saved: '{"width": 100, "height": 50}',
      expected: { width: 640, height: 480, maximized: false },
    },
    {
      name: 'absurdly large is clamped down',
      saved: '{"width": 1e9, "height": 1e309}',
      expected: { width: 10000, height: 10000, maximized: false },
    },
    {
      name: 'maximized only when exactly true',
      saved: '{"width": 1000, "height": 700, "maximized": "yes"}',
      expected: { width: 1000, height: 700, maximized: false },
    },
  ]
  it.each(cases)('$name', ({ saved, displays, expected }) => {
    expect(loadBounds(deps(saved, displays))).toEqual(expected)
  })

  it('never hands out the shared default object', () => {
    const bounds = loadBounds(deps(null))
    bounds.width = 1
    expect(DEFAULT_BOUNDS.width).toBe(1280)
  })
})

describe('saveBounds', () => {
  it('writes JSON that loadBounds reads back', () => {
    const d = deps(null)
    const bounds = { x: 10, y: 20, width: 1100, height: 760, maximized: false }
    saveBounds(d, bounds)
    expect(loadBounds(deps(d.written[0]!))).toEqual(bounds)
  })

  it('never throws when the disk refuses (closing must not be blocked)', () => {
    const failing: WindowStateDeps = {
      read: () => null,
      write: () => {
        throw new Error('EACCES')
      },
      displays: () => [LAPTOP],
    }
    expect(() => saveBounds(failing, { width: 800, height: 600 })).not.toThrow()
  })
})
