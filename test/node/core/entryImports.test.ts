// What the window's entry (src/app/main.tsx) loads before its first paint: every module it reaches through static
// imports and re-exports (dynamic `import()` starts another chunk, loaded later). The bundler keeps a reached module
// whose code has side effects even when nothing of it is used, so a value imported through a barrel brings the
// whole barrel's side-effecting packages into the entry: the publishing core's barrel brought twitter-text and its
// core-js polyfills (90 KB, parsed and run at every start) because the publishing repository imported
// `newPublication` from it.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../../..')
const ENTRY = join(ROOT, 'src/app/main.tsx')

/** A module specifier of a declaration that survives compilation (not `import type`, not only `type` names). */
function runtimeSpecifier(node: ts.Node): string | null {
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause
    if (clause?.isTypeOnly) return null
    const named = clause?.namedBindings
    // `import { type A, type B } from 'x'` is dropped whole (no verbatimModuleSyntax).
    if (clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly)) return null
    return (node.moduleSpecifier as ts.StringLiteral).text
  }
  if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
    if (node.isTypeOnly) return null
    const clause = node.exportClause
    if (clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly)) return null
    return (node.moduleSpecifier as ts.StringLiteral).text
  }
  return null
}

function resolveLocal(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier)
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return candidate
  }
  return null
}

/** The source files and the packages the entry reaches statically. */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const queue = [entry]
  while (queue.length > 0) {
    const file = queue.pop()!
    if (files.has(file)) continue
    files.add(file)
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
    for (const statement of source.statements) {
      const specifier = runtimeSpecifier(statement)
      if (specifier === null) continue
      if (specifier.startsWith('.')) {
        const target = resolveLocal(file, specifier)
        if (target) queue.push(target)
      } else {
        const parts = specifier.split('/')
        packages.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!)
      }
    }
  }
  return { files, packages }
}

describe('the window entry', () => {
  const graph = staticGraph(ENTRY)
  const reached = (path: string) => graph.files.has(join(ROOT, path))

  it('reaches the modules its first paint needs (the walk follows imports)', () => {
    expect(reached('src/app/App.tsx')).toBe(true)
    expect(reached('src/features/library/ItemList.tsx')).toBe(true)
    expect(reached('src/core/publish/ledger.ts')).toBe(true)
    expect(graph.packages).toContain('dexie')
    expect(graph.packages).toContain('react-dom')
  })

  it('does not load the publishing core barrel, twitter-text or its polyfills before the first paint', () => {
    const via = [...graph.files].filter((f) => f.includes(join('src', 'core', 'publish'))).map((f) => relative(ROOT, f))
    expect(via).not.toContain(join('src', 'core', 'publish', 'index.ts'))
    expect(graph.packages).not.toContain('twitter-text')
    expect(graph.packages).not.toContain('core-js')
  })

  // The dialogs that start closed load when first opened (App.tsx's lazy components, fetched at idle by main.tsx):
  // in the entry they were about 320 KB of its 1.57 MB (unminified) parsed and run before the first rows showed.
  it.each([
    'src/features/settings/SettingsDialog.tsx',
    'src/features/publishing/PublishingSettings.tsx',
    'src/features/publishing/mastodon/MastodonSettings.tsx',
    'src/features/career/components/AffiliationDialog.tsx',
    'src/features/export/ExportDialog.tsx',
    'src/features/portfolio/PortfolioDialog.tsx',
    'src/features/portfolio/ProfileForm.tsx',
    'src/features/portfolio/build.ts',
    'src/features/changingEmployer/ChangingEmployerDialog.tsx',
    'src/features/changingEmployer/record.ts',
    'src/features/changingEmployer/review.ts',
    'src/features/revisions/RevisionsDialog.tsx',
    'src/core/portfolio/index.ts',
    'src/core/markdown/html.ts',
  ])('does not load %s before the first paint', (path) => {
    expect(existsSync(join(ROOT, path))).toBe(true)
    expect(reached(path)).toBe(false)
  })

  it("does not load the revisions' diff package before the first paint", () => {
    expect(graph.packages).not.toContain('diff')
  })

  // The build puts every module the entry reaches in its start-up chunk (electron.vite.config.ts): through a barrel, that
  // is every function and locale of date-fns that lazy code uses.
  it("imports date-fns's functions and locales from their own modules, not from its barrels", () => {
    const viaBarrel = [...graph.files].filter((f) => /^import (?!type )[^\n]*from 'date-fns(\/locale)?'/m.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f))
    expect(viaBarrel).toEqual([])
  })
})
