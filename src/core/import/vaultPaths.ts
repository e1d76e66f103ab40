// Paths inside an imported folder (an Obsidian vault, a Hugo or Jekyll site): normalised, kept inside the
// folder, and resolved the way Obsidian resolves `[[links]]` and `![[embeds]]`.

/**
 * A path relative to the folder's root, with "/" separators, NFC (macOS writes names decomposed), no
 * "." segments. Null for paths that leave the folder or are absolute ("..", "/x", "C:\x").
 */
export function normalizeVaultPath(raw: string): string | null {
  const path = raw.normalize('NFC').replace(/\\/g, '/')
  if (/^[a-z]:/i.test(path) || path.startsWith('/')) return null
  const out: string[] = []
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') return null
    out.push(segment)
  }
  return out.length ? out.join('/') : null
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash < 0 ? '' : path.slice(0, slash)
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

export function stripExtension(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(0, dot) : name
}

export function extension(name: string): string {
  const dot = basename(name).lastIndexOf('.')
  return dot > 0 ? basename(name).slice(dot + 1).toLowerCase() : ''
}

/** `rel` (a relative link written in a note) from the note's folder; null if it leaves the vault. */
export function joinVaultPath(folder: string, rel: string): string | null {
  const path = rel.replace(/\\/g, '/')
  if (path.startsWith('/')) return normalizeVaultPath(path.slice(1))
  const parts = folder ? folder.split('/') : []
  for (const segment of path.normalize('NFC').split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') {
      if (!parts.length) return null
      parts.pop()
    } else parts.push(segment)
  }
  return parts.length ? parts.join('/') : null
}

/**
 * Finds files the way Obsidian does: a link names a file by its name (without ".md" for notes) or by a
 * path; names are compared without case; several matches prefer the linking note's folder, then the
 * shortest path, then alphabetical order (deterministic).
 */
export class VaultIndex {
  private readonly byName = new Map<string, string[]>()
  private readonly byPath = new Map<string, string>()

  constructor(paths: Iterable<string>) {
    for (const path of paths) {
      const lower = path.toLowerCase()
      this.byPath.set(lower, path)
      const name = basename(lower)
      const keys = extension(name) === 'md' ? [name, stripExtension(name)] : [name]
      for (const key of keys) {
        const list = this.byName.get(key)
        if (list) list.push(path)
        else this.byName.set(key, [path])
      }
    }
  }

  has(path: string): boolean {
    return this.byPath.has(path.toLowerCase())
  }

  /** The file's path as the folder spells it (links are matched without case), or null if absent. */
  canonical(path: string): string | null {
    return this.byPath.get(path.toLowerCase()) ?? null
  }

  /** The file a link target names, seen from a note in `fromFolder`; null if none. */
  resolve(target: string, fromFolder: string): string | null {
    const clean = target.trim().replace(/\\/g, '/').normalize('NFC')
    if (!clean) return null
    const lower = clean.toLowerCase()
    if (clean.includes('/')) {
      const absolute = normalizeVaultPath(clean)
      for (const candidate of [absolute, joinVaultPath(fromFolder, clean)]) {
        if (!candidate) continue
        const key = candidate.toLowerCase()
        const found = this.byPath.get(key) ?? this.byPath.get(`${key}.md`)
        if (found) return found
      }
      // Obsidian also accepts a partial path ending the file's path.
      const tail = `/${lower.replace(/^\/+/, '')}`
      const matches = [...this.byPath.entries()].filter(([p]) => p.endsWith(tail) || p.endsWith(`${tail}.md`)).map(([, p]) => p)
      return this.pick(matches, fromFolder)
    }
    return this.pick(this.byName.get(lower) ?? [], fromFolder)
  }

  private pick(matches: string[], fromFolder: string): string | null {
    if (matches.length <= 1) return matches[0] ?? null
    const sameFolder = matches.filter((p) => dirname(p) === fromFolder)
    const pool = sameFolder.length ? sameFolder : matches
    return [...pool].sort((a, b) => a.split('/').length - b.split('/').length || a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))[0]!
  }
}
