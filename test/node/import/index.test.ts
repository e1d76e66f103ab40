// The importers' public entry: format sniffing, and a check that the parsers bundle for a Web Worker
// (browser platform, no Node built-ins), since that is where the app runs them.
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { sniffImportFormat } from '../../../src/core/import'
import { fixture } from './support'

test.each([
  ['valid-wxr-1.0.xml', fixture('wxr/valid-wxr-1.0.xml'), 'wxr'],
  ['malformed.xml', fixture('wxr/malformed.xml'), 'wxr'],
  ['bookmarks.html', fixture('bookmarks/chrome.html'), 'bookmarks'],
  ['linkding.html', fixture('bookmarks/linkding-simple_valid_import_file.html'), 'bookmarks'],
  ['part_000000.csv', fixture('pocket/part_000000.csv'), 'pocket'],
  ['export.csv', fixture('raindrop/export.csv'), 'raindrop'],
  ['pocket.csv', 'title,url\nx,https://example.org', 'pocket'],
  ['links.csv', 'title,url\nx,https://example.org', null],
  ['notes.txt', 'just text', null],
  ['image.png', Uint8Array.of(0x89, 0x50, 0x4e, 0x47), null],
] as const)('sniffs %s', (name, head, format) => {
  expect(sniffImportFormat(name, head)).toBe(format)
})

test('the parsers bundle for a browser worker without any Node built-in', async () => {
  const entry = fileURLToPath(new URL('../../../src/core/import/index.ts', import.meta.url))
  const result = await build({ entryPoints: [entry], bundle: true, write: false, platform: 'browser', format: 'esm', metafile: true, logLevel: 'silent' })
  const inputs = Object.keys(result.metafile.inputs)
  expect(inputs.some((p) => p.includes('saxes'))).toBe(true)
  expect(inputs.some((p) => p.includes('papaparse'))).toBe(true)
  expect(inputs.filter((p) => p.startsWith('node:') || /^(fs|path|os|crypto|stream|buffer|url)$/.test(p))).toEqual([])
  expect(result.errors).toEqual([])
}, 30_000)
