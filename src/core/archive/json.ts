// JSON in and out of archives. Written by hand because the checks are specific to this format:
// - reading: JSON.parse turns a `"__proto__"` key into an own property that a later Object.assign or
//   naive merge would follow into the prototype chain; we refuse such documents instead of silently
//   dropping keys (a reviver would also make parsing several times slower on 100 MB of records).
// - writing: JSON.stringify silently turns NaN into null, a Date into a string, a Map or Blob into {},
//   which would make a backup lossy without anyone noticing; we refuse such values instead.
// Both walks are iterative so that a deeply nested document cannot overflow the stack.
import { ArchiveError, type ArchiveErrorInfo } from './errors'
import { FORBIDDEN_NAMES } from './paths'

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/**
 * Parses UTF-8 JSON bytes, refusing invalid UTF-8, invalid JSON and forbidden keys. `decoded`: the bytes' text, already
 * decoded as strict UTF-8 elsewhere (a pool worker, see extractTask.ts), so they are not decoded twice.
 */
export function parseJsonEntry(bytes: Uint8Array, where: ArchiveErrorInfo, code: 'invalid-json' | 'invalid-manifest' = 'invalid-json', decoded?: string): unknown {
  let value: unknown
  try {
    value = JSON.parse(decoded ?? decoder.decode(bytes))
  } catch (error) {
    throw new ArchiveError(code, { ...where, detail: error instanceof Error ? error.message.slice(0, 200) : 'unparsable' }, { cause: error })
  }
  const key = findForbiddenKey(value)
  if (key !== null) throw new ArchiveError('forbidden-key', { ...where, detail: `key ${JSON.stringify(key)}` })
  return value
}

/** The first `__proto__`, `constructor` or `prototype` key anywhere in a parsed JSON value, or null. */
export function findForbiddenKey(root: unknown): string | null {
  const stack: unknown[] = [root]
  while (stack.length > 0) {
    const value = stack.pop()
    if (typeof value !== 'object' || value === null) continue
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i]
        if (typeof v === 'object' && v !== null) stack.push(v)
      }
      continue
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_NAMES.has(key)) return key
      const v = (value as Record<string, unknown>)[key]
      if (typeof v === 'object' && v !== null) stack.push(v)
    }
  }
  return null
}

/**
 * Why a value would not survive JSON unchanged, or null when it would. Properties whose value is
 * `undefined` are accepted (JSON's way to say "absent" is to leave the key out).
 */
export function jsonProblem(root: unknown, maxDepth = 1000): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }]
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!
    switch (typeof value) {
      case 'string':
      case 'boolean':
        continue
      case 'number':
        if (!Number.isFinite(value)) return `non-finite number ${String(value)}`
        continue
      case 'object':
        break
      default:
        return `${typeof value} value`
    }
    if (value === null) continue
    if (depth >= maxDepth) return `nested deeper than ${maxDepth}`
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (value[i] === undefined) return 'undefined in an array'
        stack.push({ value: value[i], depth: depth + 1 })
      }
      continue
    }
    const proto: unknown = Object.getPrototypeOf(value)
    if (proto !== Object.prototype && proto !== null) return `${(value as object).constructor?.name ?? 'non-plain'} object`
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_NAMES.has(key)) return `key ${JSON.stringify(key)}`
      const v = (value as Record<string, unknown>)[key]
      if (v !== undefined) stack.push({ value: v, depth: depth + 1 })
    }
  }
  return null
}

/** JSON text of a record that is known to survive the trip, or an ArchiveError naming the record. */
export function stringifyRecord(record: unknown, where: ArchiveErrorInfo): string {
  let text: string
  try {
    // First, because it throws on cycles (which the walk below would follow until its depth cap).
    text = JSON.stringify(record)
  } catch (error) {
    throw new ArchiveError('unserializable', { ...where, detail: error instanceof Error ? error.message.slice(0, 200) : 'unserializable' }, { cause: error })
  }
  const problem = jsonProblem(record)
  if (problem !== null) {
    throw new ArchiveError(problem.startsWith('key ') ? 'forbidden-key' : 'unserializable', { ...where, detail: problem })
  }
  return text
}
