// Front matter of Markdown files as Hugo, Jekyll and Obsidian write it: YAML between `---` lines, TOML
// between `+++` lines (Hugo), or a JSON object (Hugo). Parsed with `yaml` and `smol-toml`, both safe by
// construction (plain data only: no custom tags, no code), with caps: front matter larger than 64 KB, YAML
// aliases beyond 20 (a "billion laughs" in YAML) or nesting beyond 32 levels are reported as errors and the
// file is still imported with its raw front matter kept aside.
import { parse as parseToml } from 'smol-toml'
import { parse as parseYaml } from 'yaml'

export type FrontMatterSyntax = 'yaml' | 'toml' | 'json'

export interface FrontMatter {
  syntax: FrontMatterSyntax | null
  /** The front matter as written, without its delimiters ('' when there is none). */
  raw: string
  /** Parsed keys (plain JSON-safe data), or null when there is none or it could not be read. */
  data: Record<string, unknown> | null
  /** Why the front matter could not be read. */
  error: string | null
  /** The Markdown after the front matter. */
  body: string
}

export const MAX_FRONT_MATTER_LENGTH = 64 * 1024
const MAX_ALIASES = 20
const MAX_DEPTH = 32
const MAX_NODES = 10_000
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** Splits the front matter off a Markdown text (line ends already normalised to \n). */
export function splitFrontMatter(text: string): { syntax: FrontMatterSyntax; raw: string; body: string } | null {
  const fence = /^(---|\+\+\+)[ \t]*\n/.exec(text)
  if (fence) {
    const mark = fence[1]!
    // YAML may also end with "..."; the closing line may end the file.
    const closing = mark === '---' ? /^(?:---|\.\.\.)[ \t]*$/m : /^\+\+\+[ \t]*$/m
    const rest = text.slice(fence[0].length)
    const end = closing.exec(rest)
    if (!end) return null
    const after = rest.slice(end.index + end[0].length).replace(/^\n/, '')
    return { syntax: mark === '---' ? 'yaml' : 'toml', raw: rest.slice(0, end.index).replace(/\n$/, ''), body: after }
  }
  if (text.startsWith('{\n')) {
    const end = /^\}[ \t]*$/m.exec(text)
    if (!end) return null
    return { syntax: 'json', raw: text.slice(0, end.index + 1), body: text.slice(end.index + end[0].length).replace(/^\n/, '') }
  }
  return null
}

/** Plain JSON-safe copy: dates to ISO strings, bigints to strings, prototype keys dropped, size bounded. */
function toPlain(value: unknown, depth: number, budget: { nodes: number }): unknown {
  if (--budget.nodes < 0) throw new Error('front matter too large')
  if (depth > MAX_DEPTH) throw new Error('front matter nested too deeply')
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value)
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if (Array.isArray(value)) return value.map((v) => toPlain(v, depth + 1, budget))
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (!UNSAFE_KEYS.has(key)) out[key] = toPlain(v, depth + 1, budget)
    }
    return out
  }
  return String(value)
}

export function readFrontMatter(text: string): FrontMatter {
  const split = splitFrontMatter(text)
  if (!split) return { syntax: null, raw: '', data: null, error: null, body: text }
  const { syntax, raw, body } = split
  const fail = (error: string): FrontMatter => ({ syntax, raw, data: null, error, body })
  if (raw.length > MAX_FRONT_MATTER_LENGTH) return fail('front matter too large')
  if (!raw.trim()) return { syntax, raw, data: {}, error: null, body }
  let parsed: unknown
  try {
    if (syntax === 'yaml') {
      parsed = parseYaml(raw, { schema: 'core', maxAliasCount: MAX_ALIASES, uniqueKeys: false, logLevel: 'error', prettyErrors: false })
    } else if (syntax === 'toml') {
      parsed = parseToml(raw, { unsafeKeyBehaviour: 'drop', maxDepth: MAX_DEPTH })
    } else parsed = JSON.parse(raw)
  } catch (err) {
    return fail(err instanceof Error ? err.message.split('\n')[0]!.slice(0, 300) : 'unreadable front matter')
  }
  if (parsed === null || parsed === undefined) return { syntax, raw, data: {}, error: null, body }
  if (typeof parsed !== 'object' || Array.isArray(parsed)) return fail('front matter is not a set of keys')
  try {
    return { syntax, raw, data: toPlain(parsed, 0, { nodes: MAX_NODES }) as Record<string, unknown>, error: null, body }
  } catch (err) {
    return fail(err instanceof Error ? err.message : 'unreadable front matter')
  }
}
