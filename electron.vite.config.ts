import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { ChunkingContext } from 'rolldown'

const WINDOW_ENTRY = resolve(__dirname, 'src/app/main.tsx')

/**
 * The chunk of a module (codeSplitting's `name`): every module the window's entry loads before its first paint (its
 * static imports, followed from `entry`) goes into one chunk, 'startup'. Left to itself, the bundler cut the modules
 * the entry shares with lazily loaded code (the dialogs, the editor) into 15-35 small chunks, each one more request
 * to answer and module to instantiate before anything runs. What only lazy code uses stays in its own chunks.
 */
export function startupChunkNamer(entry: string): (id: string, ctx: ChunkingContext) => string | null {
  // Per chunking pass: getModuleInfo's objects are reused within a pass, so the entry's is its key.
  const reachedIn = new WeakMap<object, Set<string>>()
  return (id, ctx) => {
    const root = ctx.getModuleInfo(entry)
    if (!root) return null
    let reached = reachedIn.get(root)
    if (!reached) {
      reached = new Set()
      const queue = [entry]
      while (queue.length > 0) {
        const next = queue.pop()!
        if (reached.has(next)) continue
        reached.add(next)
        queue.push(...(ctx.getModuleInfo(next)?.importedIds ?? []))
      }
      reachedIn.set(root, reached)
    }
    // lucide-react's barrel re-exports every icon: followed, it would bring each icon the lazy code uses into this chunk.
    if (id === entry || id.includes('/node_modules/lucide-react/')) return null
    return reached.has(id) ? 'startup' : null
  }
}

// Main and preload are Node/Electron code in electron/; the renderer (and the pure core it shares) is src/.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        // A sandboxed renderer can only load a CommonJS preload.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src'),
    base: './',
    plugins: [react()],
    worker: { format: 'es' },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves the renderer unminified by default: 1.5 MB of JavaScript to parse and compile
      // before the first paint, against about 700 KB minified (measured: see the commit adding this).
      minify: true,
      // All of the renderer's CSS in the one stylesheet loaded with the page. Split, each lazily loaded chunk (the
      // editor, every dialog, the calendar, insights) had its sheet appended when its code arrived, mostly by the
      // background prefetch of the first seconds: each a restyle beside whatever is open (5.4-7.1 ms of main thread
      // with the 200 KB draft open, against 3.6-4.5 for a one-rule <style>), at moments the person may be typing.
      // The whole is 58 KB; loading it at start measured no slower (bench cold-start, same-run A/B).
      cssCodeSplit: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/index.html') },
        output: { codeSplitting: { groups: [{ name: startupChunkNamer(WINDOW_ENTRY) }] } },
      },
    },
  },
})
