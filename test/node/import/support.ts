// Shared helpers for the importer tests: fixtures, expected refusals, generated big inputs, a seeded RNG.
import { readdirSync, readFileSync, type Dirent } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import { ImportError } from '../../../src/core/import/types'

const FIXTURES = fileURLToPath(new URL('../../fixtures/import/', import.meta.url))

export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURES + path))
}

export function fixtureText(path: string): string {
  return readFileSync(FIXTURES + path, 'utf8')
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

/** Bytes of `text` in Latin-1 (every char must be below U+0100). */
export function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => {
    const code = c.charCodeAt(0)
    if (code > 0xff) throw new Error(`not Latin-1: ${c}`)
    return code
  })
}

export function utf16le(text: string, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2)
  let p = 0
  if (bom) {
    out[p++] = 0xff
    out[p++] = 0xfe
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    out[p++] = code & 0xff
    out[p++] = code >> 8
  }
  return out
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let pos = 0
  for (const p of parts) {
    out.set(p, pos)
    pos += p.length
  }
  return out
}

/** Deterministic pseudo-random bytes (mulberry32), for "binary garbage" inputs. */
export function garbage(length: number, seed = 42): Uint8Array {
  let a = seed >>> 0
  const out = new Uint8Array(length)
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff
  }
  return out
}

/**
 * `head` + `unit` repeated to about `bytes` + `tail`, built in memory from 64 KB blocks (fast to make, so
 * the timing measures the parser).
 */
export function repeated(head: string, unit: string, tail: string, bytes: number): Uint8Array {
  const h = utf8(head)
  const t = utf8(tail)
  const block = utf8(unit.repeat(Math.max(1, Math.floor(65536 / unit.length))))
  const count = Math.max(1, Math.floor((bytes - h.length - t.length) / block.length))
  const out = new Uint8Array(h.length + count * block.length + t.length)
  out.set(h, 0)
  let pos = h.length
  for (let i = 0; i < count; i++) {
    out.set(block, pos)
    pos += block.length
  }
  out.set(t, pos)
  return out
}

/**
 * CPU time this process spent in `run`, in ms. Budgets are asserted on CPU time rather than wall time so a
 * machine shared with other jobs does not make them flaky; wall time is returned too for reports.
 */
function measure<T>(run: () => T): { value: T; ms: number; wallMs: number } {
  const cpu = process.cpuUsage()
  const wall = performance.now()
  const value = run()
  const used = process.cpuUsage(cpu)
  return { value, ms: (used.user + used.system) / 1000, wallMs: performance.now() - wall }
}

/** Runs `run`, expects an ImportError with `code`, and returns it with the CPU time it took. */
export function expectRefusal(run: () => unknown, code: ImportError['code']): { error: ImportError; ms: number } {
  const { value: caught, ms } = measure(() => {
    try {
      run()
      return null
    } catch (err) {
      return err
    }
  })
  expect(caught, `expected ImportError('${code}')`).toBeInstanceOf(ImportError)
  const error = caught as ImportError
  expect(error.code, `${error.message} (${error.detail ?? ''})`).toBe(code)
  expect(error.message.length).toBeGreaterThan(10)
  return { error, ms }
}

export function timed<T>(run: () => T): { value: T; ms: number; wallMs: number } {
  return measure(run)
}

/** Every file under a fixture folder, as main will hand a folder to the Markdown importer. */
export function fixtureFolder(path: string): { path: string; bytes: Uint8Array }[] {
  const root = FIXTURES + path
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const full = join(entry.parentPath, entry.name)
      return { path: relative(root, full).split(sep).join('/'), bytes: new Uint8Array(readFileSync(full)) }
    })
    .sort((a, b) => (a.path < b.path ? -1 : 1))
}
