// Entry names an archive may hold. Checked on every entry of every archive read (before anything is
// inflated), and on every name written, so Baluchon never produces an archive it would refuse.
import { ArchiveError } from './errors'

/** Names that change an object's prototype or constructor when used as a key. */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

const MAX_PATH_BYTES = 1024
const encoder = new TextEncoder()
const MAX_SEGMENT_CHARS = 255
// Control characters, and the characters Windows refuses or reads specially in a name (':' is also
// the NTFS alternate-stream separator and the drive-letter colon).
// eslint-disable-next-line no-control-regex
const BAD_CHARS = /[\u0000-\u001f\u007f:*?"<>|]/

export type PathProblem = 'unsafe-path' | 'forbidden-name'

/**
 * Why a zip entry name is unsafe, or null when it is a plain relative path: no backslash, no
 * absolute path or drive letter, no empty, `.` or `..` segment, no control or Windows-reserved
 * character, bounded length, and no `__proto__`/`constructor`/`prototype` as a segment or as the
 * stem of one (`attachments/__proto__.png` would otherwise become the id `__proto__`).
 * `allowDirectory` accepts one trailing `/` (directory entries other zip tools write).
 */
export function pathProblem(name: string, allowDirectory = false): { problem: PathProblem; detail: string } | null {
  if (name.length === 0) return { problem: 'unsafe-path', detail: 'empty name' }
  // UTF-8 takes at most 3 bytes per UTF-16 unit: most names need no encoding to know they fit.
  if (name.length * 3 > MAX_PATH_BYTES && encoder.encode(name).length > MAX_PATH_BYTES) return { problem: 'unsafe-path', detail: 'name too long' }
  if (name.includes('\\')) return { problem: 'unsafe-path', detail: 'backslash' }
  if (name.startsWith('/')) return { problem: 'unsafe-path', detail: 'absolute path' }
  if (/^[A-Za-z]:/.test(name)) return { problem: 'unsafe-path', detail: 'drive letter' }
  if (BAD_CHARS.test(name)) return { problem: 'unsafe-path', detail: 'reserved or control character' }
  const body = allowDirectory && name.endsWith('/') ? name.slice(0, -1) : name
  for (const segment of body.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') return { problem: 'unsafe-path', detail: `segment ${JSON.stringify(segment)}` }
    if (segment.length > MAX_SEGMENT_CHARS) return { problem: 'unsafe-path', detail: 'segment too long' }
    const stem = segment.split('.')[0]!
    if (FORBIDDEN_NAMES.has(segment) || FORBIDDEN_NAMES.has(stem)) return { problem: 'forbidden-name', detail: `segment ${JSON.stringify(segment)}` }
  }
  return null
}

export function assertSafePath(name: string, allowDirectory = false): void {
  const found = pathProblem(name, allowDirectory)
  if (found) throw new ArchiveError(found.problem, { entry: name, detail: found.detail })
}

/** Windows refuses these as file names whatever the extension (CON, NUL.txt, COM1.md...). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i

/**
 * Whether a path the Markdown renderer proposes for `content/` is safe to write and to extract on
 * any system: a safe archive path, no Windows reserved name, no trailing dot or space.
 */
export function isSafeContentPath(path: string): boolean {
  if (pathProblem(path) !== null) return false
  return path.split('/').every((segment) => !WINDOWS_RESERVED.test(segment) && !/[. ]$/.test(segment))
}
