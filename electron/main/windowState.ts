// Remembers the window's size and position between launches (a JSON file in the app's data folder).
// Plain module: the file system and the screen are passed in, so it runs in Node tests.

export interface Bounds {
  x?: number
  y?: number
  width: number
  height: number
  maximized?: boolean
}

export interface WindowStateDeps {
  read(): string | null
  write(text: string): void
  /** Work areas of the connected displays, to avoid restoring a window onto a screen that is gone. */
  displays(): { x: number; y: number; width: number; height: number }[]
}

export const DEFAULT_BOUNDS: Bounds = { width: 1280, height: 820 }

function intersects(b: Bounds, d: { x: number; y: number; width: number; height: number }): boolean {
  if (b.x === undefined || b.y === undefined) return false
  return b.x < d.x + d.width - 50 && b.x + b.width > d.x + 50 && b.y < d.y + d.height - 50 && b.y + b.height > d.y
}

export function loadBounds(deps: WindowStateDeps): Bounds {
  let saved: Partial<Bounds> | null = null
  try {
    const text = deps.read()
    saved = text ? (JSON.parse(text) as Partial<Bounds>) : null
  } catch {
    saved = null
  }
  if (!saved || typeof saved.width !== 'number' || typeof saved.height !== 'number') return { ...DEFAULT_BOUNDS }
  const bounds: Bounds = {
    width: Math.max(640, Math.min(saved.width, 10000)),
    height: Math.max(480, Math.min(saved.height, 10000)),
    maximized: saved.maximized === true,
  }
  if (typeof saved.x === 'number' && typeof saved.y === 'number') {
    const placed = { ...bounds, x: saved.x, y: saved.y }
    if (deps.displays().some((d) => intersects(placed, d))) return placed
  }
  return bounds
}

export function saveBounds(deps: WindowStateDeps, bounds: Bounds): void {
  try {
    deps.write(JSON.stringify(bounds))
  } catch {
    // Losing the window position is harmless; never block closing for it.
  }
}
