// The renderer build puts every module the window's entry reaches through static imports into one 'startup' chunk
// (electron.vite.config.ts), so the window loads its first screen's code in one request instead of 15-35 small
// shared chunks; code only lazy chunks reach keeps its own chunks, and lucide-react's icon barrel is not followed.
import { describe, expect, it } from 'vitest'
import type { ChunkingContext } from 'rolldown'
import { startupChunkNamer } from '../../../electron.vite.config'

const graph: Record<string, { importedIds: string[]; dynamicallyImportedIds: string[] }> = {
  '/app/src/main.tsx': { importedIds: ['/app/src/App.tsx', '/app/node_modules/react/index.js'], dynamicallyImportedIds: [] },
  '/app/src/App.tsx': { importedIds: ['/app/src/store.ts', '/app/node_modules/lucide-react/index.js'], dynamicallyImportedIds: ['/app/src/Dialog.tsx'] },
  '/app/src/store.ts': { importedIds: [], dynamicallyImportedIds: [] },
  '/app/src/Dialog.tsx': { importedIds: ['/app/src/store.ts', '/app/src/generator.ts'], dynamicallyImportedIds: [] },
  '/app/src/generator.ts': { importedIds: [], dynamicallyImportedIds: [] },
  '/app/node_modules/react/index.js': { importedIds: [], dynamicallyImportedIds: [] },
  '/app/node_modules/lucide-react/index.js': { importedIds: ['/app/node_modules/lucide-react/icons/x.js'], dynamicallyImportedIds: [] },
  '/app/node_modules/lucide-react/icons/x.js': { importedIds: [], dynamicallyImportedIds: [] },
}

function context(): { ctx: ChunkingContext; lookups: () => number } {
  let lookups = 0
  const infos = new Map(Object.entries(graph).map(([id, info]) => [id, { id, ...info }]))
  const ctx = {
    getModuleInfo(id: string) {
      lookups++
      return infos.get(id) ?? null
    },
  } as unknown as ChunkingContext
  return { ctx, lookups: () => lookups }
}

describe('the start-up chunk', () => {
  it("holds what the entry reaches statically, not what only lazy code reaches, nor the entry itself or lucide's icons", () => {
    const name = startupChunkNamer('/app/src/main.tsx')
    const { ctx } = context()
    const chunks = Object.fromEntries(Object.keys(graph).map((id) => [id.replace('/app/', ''), name(id, ctx)]))
    expect(chunks).toEqual({
      'src/main.tsx': null,
      'src/App.tsx': 'startup',
      'src/store.ts': 'startup',
      'src/Dialog.tsx': null,
      'src/generator.ts': null,
      'node_modules/react/index.js': 'startup',
      'node_modules/lucide-react/index.js': null,
      'node_modules/lucide-react/icons/x.js': null,
    })
  })

  it('walks the graph once per chunking pass', () => {
    const name = startupChunkNamer('/app/src/main.tsx')
    const { ctx, lookups } = context()
    name('/app/src/App.tsx', ctx)
    const afterFirst = lookups()
    for (const id of Object.keys(graph)) name(id, ctx)
    expect(lookups() - afterFirst).toBe(Object.keys(graph).length)
  })
})
