// Builds the benchmark's own pages into out/bench, served at /__bench/ by the same server (same origin)
// as the built app, so they open the app's IndexedDB database:
// - seed.html: fills the database through the app's own Dexie schema (src/db) with the synthetic KB;
// - blank.html: the "raw" cold start, a bare page reading the first page of the list with Dexie;
// - raw.js: the bare libraries (Dexie, Tiptap, the search library), loaded into the app's page for the
//   raw measures that run "on the same page";
// - probe.js (mode "probe"): a tiny classic script installed before the app's own scripts on every
//   load, timing keys, clicks and paints inside the page.
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const here = fileURLToPath(new URL('.', import.meta.url))
const root = resolve(here, 'page')
const outDir = resolve(here, '../out/bench')

export default defineConfig(({ mode }) =>
  mode === 'probe'
    ? {
        root,
        logLevel: 'warn',
        build: {
          outDir,
          emptyOutDir: false,
          minify: false,
          lib: { entry: resolve(root, 'probe.ts'), formats: ['iife'], name: '__benchProbeBundle', fileName: () => 'probe.js' },
        },
      }
    : {
        root,
        base: '/__bench/',
        logLevel: 'warn',
        build: {
          outDir,
          emptyOutDir: true,
          // The app ships minified; the bare libraries are measured the same way.
          minify: true,
          rollupOptions: {
            input: { seed: resolve(root, 'seed.html'), blank: resolve(root, 'blank.html'), raw: resolve(root, 'raw.ts') },
            // A stable name, so the runner can load it into the app's page as /__bench/raw.js.
            output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
            preserveEntrySignatures: 'exports-only',
          },
        },
      },
)
