// Every way an archive can be broken or hostile, each refused with the code the UI will translate,
// and never a partial result: readArchive rejects, and its progress never reaches 'done'.
import { crc32, deflateRawSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  ArchiveError,
  buildArchive,
  readArchive,
  type ArchiveErrorCode,
  type ArchiveErrorInfo,
  type ArchiveProgress,
  type ReadArchiveOptions,
} from '../../../src/core/archive'
import { craftZip, editJson, filesOf, randomBytes, rehash, sampleInput, testRenderer, text, zipFiles, type CraftEntry } from './support'

const ITEMS = 'data/items/0001.json'
const SETTINGS = 'data/settings/0001.json'
const REVISIONS = 'data/revisions/0001.json'
const ATTACHMENTS = 'data/attachments/0001.json'
const PUBLICATIONS = 'data/publications/0001.json'
const IMAGE = 'attachments/01JATT0000000000000000000A.png'
const NOTE_MD = 'content/notes/baluchon.md'
const FIRST_ITEM = '01JPOST0000000000000000001'
const SYMLINK = (0o120777 << 16) >>> 0
const BOMB_BYTES = 200 * 1024 * 1024

interface Case {
  name: string
  bytes: () => Uint8Array
  code: ArchiveErrorCode
  info?: Partial<ArchiveErrorInfo>
  options?: ReadArchiveOptions
}

let valid: Uint8Array
/** 200 MB of zeros, deflated (about 200 KB), and its CRC. */
let bomb: { compressed: Uint8Array; crc: number }

beforeAll(async () => {
  valid = await buildArchive(sampleInput(), { renderMarkdown: testRenderer })
  const zeros = new Uint8Array(BOMB_BYTES)
  bomb = { compressed: new Uint8Array(deflateRawSync(zeros, { level: 1 })), crc: crc32(zeros) }
}, 120_000)

/** A fresh copy of the valid archive's files (name -> uncompressed bytes). */
const files = (): Map<string, Uint8Array> => filesOf(valid)
const withExtra = (...extra: CraftEntry[]): Uint8Array => zipFiles(files(), {}, extra)
const withOverride = (name: string, override: Partial<CraftEntry>): Uint8Array => zipFiles(files(), { [name]: override })
const bombEntry = (name: string, declared = BOMB_BYTES): CraftEntry => ({ name, data: new Uint8Array(0), compressed: bomb.compressed, size: declared, crc: bomb.crc, method: 8 })
const truncated = (length: number): Uint8Array => valid.slice(0, length)
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
/** Edits the manifest as JSON, without recomputing anything. */
const manifestEdit = (edit: (m: any) => unknown): Uint8Array => zipFiles(editJson(files(), 'manifest.json', edit)) // eslint-disable-line @typescript-eslint/no-explicit-any
/** Replaces the manifest with raw text. */
const manifestText = (raw: string | Uint8Array): Uint8Array => {
  const f = files()
  f.set('manifest.json', typeof raw === 'string' ? text(raw) : raw)
  return zipFiles(f)
}
/** Edits one shard's records and recomputes the checksums, so the record checks are what refuses. */
const recordsEdit = (path: string, edit: (records: any[]) => unknown): Uint8Array => zipFiles(rehash(editJson(files(), path, edit))) // eslint-disable-line @typescript-eslint/no-explicit-any
/** Replaces one shard with raw bytes and recomputes checksums. */
const shardBytes = (path: string, raw: string | Uint8Array): Uint8Array => {
  const f = files()
  f.set(path, typeof raw === 'string' ? text(raw) : raw)
  return zipFiles(rehash(f))
}
const deepDoc = (depth: number): unknown => {
  let node: Record<string, unknown> = { type: 'text', text: 'deep' }
  for (let i = 0; i < depth; i++) node = { type: 'blockquote', content: [node] }
  return { type: 'doc', content: [node] }
}
const setItem = (patch: Record<string, unknown>) => (records: Record<string, unknown>[]) => void Object.assign(records[0]!, patch)

const CASES: Case[] = [
  // Not a zip, or not all of one
  { name: 'empty file', bytes: () => new Uint8Array(0), code: 'not-zip' },
  { name: 'plain text', bytes: () => text('hello, this is not an archive'), code: 'not-zip' },
  { name: 'a PNG image', bytes: () => concat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(4000, 11)), code: 'not-zip' },
  { name: 'random bytes', bytes: () => randomBytes(10_000, 12), code: 'not-zip' },
  { name: 'a gzip stream', bytes: () => new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, ...deflateRawSync(valid)]), code: 'not-zip' },
  ...[2, 30, 1000, 0.5, -1000, -22, -1].map(
    (at): Case => ({
      name: `truncated at ${at}`,
      bytes: () => truncated(at > 0 && at < 1 ? Math.floor(valid.length * at) : at < 0 ? valid.length + at : at),
      code: 'truncated',
    }),
  ),
  { name: 'data after the end', bytes: () => concat(valid, text('trailing junk')), code: 'corrupt' },
  { name: 'data before the start (self-extractor stub)', bytes: () => concat(text('MZ stub'), valid), code: 'corrupt' },
  { name: 'multi-disk end record', bytes: () => zipFiles(files(), {}, [], { eocd: { disk: 1, cdDisk: 1 } }), code: 'unsupported' },
  { name: 'end record counts disagree', bytes: () => zipFiles(files(), {}, [], { eocd: { onDisk: 3 } }), code: 'unsupported' },
  { name: 'central directory offset off by one', bytes: () => zipFiles(files(), {}, [], { eocd: { cdOffsetDelta: 1 } }), code: 'corrupt' },

  // Entry names: zip-slip, absolute, drive letters, backslashes, forbidden names
  { name: 'zip-slip ../', bytes: () => withExtra({ name: '../evil.json', data: text('{}') }), code: 'unsafe-path', info: { entry: '../evil.json' } },
  { name: 'zip-slip nested', bytes: () => withExtra({ name: 'data/../../etc/cron.d/x', data: text('x') }), code: 'unsafe-path' },
  { name: 'absolute path', bytes: () => withExtra({ name: '/etc/passwd', data: text('x') }), code: 'unsafe-path' },
  { name: 'Windows path with drive and backslashes', bytes: () => withExtra({ name: 'C:\\Windows\\System32\\evil.dll', data: text('x') }), code: 'unsafe-path' },
  { name: 'drive letter with slash', bytes: () => withExtra({ name: 'C:/evil', data: text('x') }), code: 'unsafe-path' },
  { name: 'drive-relative path', bytes: () => withExtra({ name: 'd:evil', data: text('x') }), code: 'unsafe-path' },
  { name: 'backslash traversal', bytes: () => withExtra({ name: 'data\\..\\..\\evil', data: text('x') }), code: 'unsafe-path' },
  { name: 'UNC path', bytes: () => withExtra({ name: '\\\\server\\share\\evil', data: text('x') }), code: 'unsafe-path' },
  { name: 'empty segment', bytes: () => withExtra({ name: 'data//x.json', data: text('x') }), code: 'unsafe-path' },
  { name: 'dot segment', bytes: () => withExtra({ name: './manifest.json', data: text('x') }), code: 'unsafe-path' },
  { name: 'NUL in a name', bytes: () => withExtra({ name: 'data/x\u0000.json', data: text('x') }), code: 'unsafe-path' },
  { name: 'NTFS alternate stream', bytes: () => withExtra({ name: 'content/a.md:evil', data: text('x') }), code: 'unsafe-path' },
  { name: 'name not in UTF-8 without the flag', bytes: () => withExtra({ name: 'x', nameBytes: new Uint8Array([0x63, 0x61, 0x66, 0xe9]), localName: 'x', flags: 0, data: text('x') }), code: 'unsafe-path' },
  { name: 'invalid UTF-8 with the flag', bytes: () => withExtra({ name: 'x', nameBytes: new Uint8Array([0x63, 0xc3, 0x28]), data: text('x') }), code: 'unsafe-path' },
  { name: '__proto__ entry', bytes: () => withExtra({ name: '__proto__', data: text('{}') }), code: 'forbidden-name' },
  { name: '__proto__ attachment', bytes: () => withExtra({ name: 'attachments/__proto__.png', data: text('x') }), code: 'forbidden-name' },
  { name: 'constructor folder', bytes: () => withExtra({ name: 'data/constructor/0001.json', data: text('[]') }), code: 'forbidden-name' },
  { name: 'prototype file', bytes: () => withExtra({ name: 'content/prototype', data: text('x') }), code: 'forbidden-name' },
  { name: '__proto__ deep in a path', bytes: () => withExtra({ name: 'content/a/__proto__/b.md', data: text('x') }), code: 'forbidden-name' },

  // Entry types
  { name: 'symlink (extra entry)', bytes: () => withExtra({ name: 'content/link.md', data: text('/etc/passwd'), method: 0, external: SYMLINK }), code: 'symlink', info: { entry: 'content/link.md' } },
  { name: 'symlink replacing a listed entry', bytes: () => withOverride(ITEMS, { external: SYMLINK }), code: 'symlink', info: { entry: ITEMS } },
  { name: 'symlink from a non-Unix host', bytes: () => withExtra({ name: 'content/l.md', data: text('/'), method: 0, external: SYMLINK, madeBy: 20 }), code: 'symlink' },
  { name: 'FIFO special file', bytes: () => withExtra({ name: 'content/fifo', data: new Uint8Array(0), external: (0o010644 << 16) >>> 0 }), code: 'unsupported' },
  { name: 'duplicate entry', bytes: () => withExtra({ name: ITEMS, data: text('[]') }), code: 'duplicate-entry', info: { entry: ITEMS } },
  { name: 'second manifest', bytes: () => withExtra({ name: 'manifest.json', data: text('{}') }), code: 'duplicate-entry', info: { entry: 'manifest.json' } },
  { name: 'encrypted entry', bytes: () => withOverride(ITEMS, { flags: 0x0801 }), code: 'unsupported' },
  { name: 'bzip2 method', bytes: () => withOverride(ITEMS, { method: 12, compressed: randomBytes(100, 3) }), code: 'unsupported' },
  { name: 'AES method', bytes: () => withOverride(ITEMS, { method: 99, compressed: randomBytes(100, 4) }), code: 'unsupported' },

  // Headers that lie
  { name: 'local name differs from central', bytes: () => withOverride(ITEMS, { localName: '../../evil.json' }), code: 'corrupt', info: { entry: ITEMS } },
  { name: 'two central entries on one local header', bytes: () => withExtra({ name: 'content/again.md', data: text('x'), localOffsetOf: 0 }), code: 'corrupt' },
  { name: 'manifest larger than declared', bytes: () => withOverride('manifest.json', { size: 100 }), code: 'corrupt', info: { entry: 'manifest.json' } },
  { name: 'manifest smaller than declared', bytes: () => withOverride('manifest.json', { size: 1_000_000 }), code: 'corrupt', info: { entry: 'manifest.json' } },
  { name: 'compressed size runs into the next entry', bytes: () => withOverride(ITEMS, { compressedSize: 100_000 }), code: 'corrupt' },
  { name: 'stored entry whose sizes differ', bytes: () => withOverride(IMAGE, { size: 10 }), code: 'corrupt', info: { entry: IMAGE } },
  { name: 'wrong CRC on the manifest', bytes: () => withOverride('manifest.json', { crc: 12345 }), code: 'corrupt', info: { entry: 'manifest.json' } },
  { name: 'garbage instead of deflate data', bytes: () => withOverride('manifest.json', { compressed: randomBytes(500, 5) }), code: 'corrupt' },

  // Zip bombs
  { name: 'bomb: 200 MB of zeros at ~1000:1 (default caps)', bytes: () => withExtra(bombEntry('content/zeros.md')), code: 'suspicious-ratio', info: { entry: 'content/zeros.md' } },
  { name: 'bomb: over the total cap', bytes: () => withExtra(bombEntry('content/zeros.md')), options: { limits: { maxRatio: 1e9, maxTotalBytes: 100 * 1024 * 1024 } }, code: 'too-large' },
  { name: 'bomb: over the entry cap', bytes: () => withExtra(bombEntry('content/zeros.md')), options: { limits: { maxRatio: 1e9, maxEntryBytes: 50 * 1024 * 1024 } }, code: 'too-large', info: { entry: 'content/zeros.md' } },
  {
    name: 'bomb: three entries together over the total cap',
    bytes: () => withExtra(bombEntry('content/z1.md'), bombEntry('content/z2.md'), bombEntry('content/z3.md')),
    options: { limits: { maxRatio: 1e9, maxTotalBytes: 500 * 1024 * 1024 } },
    code: 'too-large',
  },
  {
    name: 'bomb: a listed entry whose declared size lies (caught while inflating)',
    bytes: () => zipFiles(files(), { [NOTE_MD]: { data: new Uint8Array(0), compressed: bomb.compressed, size: files().get(NOTE_MD)!.length, method: 8 } }),
    code: 'corrupt',
    info: { entry: NOTE_MD },
  },
  {
    name: 'bomb: a small listed entry whose declared size lies',
    bytes: () => zipFiles(files(), { [NOTE_MD]: { data: new Uint8Array(0), compressed: new Uint8Array(deflateRawSync(new Uint8Array(20_000_000))), size: files().get(NOTE_MD)!.length, method: 8 } }),
    code: 'corrupt',
    info: { entry: NOTE_MD },
  },
  {
    name: 'bomb: too many entries',
    bytes: () => withExtra(...Array.from({ length: 2000 }, (_, i): CraftEntry => ({ name: `content/many/${i}.md`, data: new Uint8Array(0), method: 0 }))),
    options: { limits: { maxEntries: 1000 } },
    code: 'too-many-entries',
  },
  { name: 'JSON shard over the JSON cap', bytes: () => valid, options: { limits: { maxJsonBytes: 100_000 } }, code: 'too-large', info: { entry: ITEMS } },
  { name: 'manifest over the JSON cap', bytes: () => valid, options: { limits: { maxJsonBytes: 1000 } }, code: 'too-large', info: { entry: 'manifest.json' } },

  // The manifest
  { name: 'no manifest', bytes: () => zipFiles(new Map([...files()].filter(([name]) => name !== 'manifest.json'))), code: 'missing-manifest' },
  { name: 'manifest is not JSON', bytes: () => manifestText('{"format": "baluchon-archive",'), code: 'invalid-manifest' },
  { name: 'manifest is not UTF-8', bytes: () => manifestText(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), code: 'invalid-manifest' },
  { name: 'manifest is an array', bytes: () => manifestText('[]'), code: 'invalid-manifest' },
  { name: 'manifest of another format', bytes: () => manifestEdit((m) => void (m.format = 'other-archive')), code: 'invalid-manifest' },
  { name: 'formatVersion as a string', bytes: () => manifestEdit((m) => void (m.formatVersion = '1')), code: 'invalid-manifest' },
  { name: 'formatVersion not an integer', bytes: () => manifestEdit((m) => void (m.formatVersion = 1.5)), code: 'invalid-manifest' },
  { name: 'formatVersion negative', bytes: () => manifestEdit((m) => void (m.formatVersion = -1)), code: 'invalid-manifest' },
  { name: 'newer format', bytes: () => manifestEdit((m) => void (m.formatVersion = 2)), code: 'newer-format', info: { found: 2, supported: 1 } },
  { name: 'much newer format', bytes: () => manifestEdit((m) => void (m.formatVersion = 99)), code: 'newer-format', info: { found: 99, supported: 1 } },
  { name: 'older format with no upgrade', bytes: () => manifestEdit((m) => void (m.formatVersion = 0)), code: 'unsupported-version', info: { found: 0, supported: 1 } },
  { name: 'manifest without entries', bytes: () => manifestEdit((m) => void delete m.entries), code: 'invalid-manifest' },
  { name: 'manifest createdAt not a date', bytes: () => manifestEdit((m) => void (m.createdAt = 'yesterday')), code: 'invalid-manifest' },
  { name: 'table file without a checksum', bytes: () => manifestEdit((m) => void delete m.entries[ITEMS]), code: 'invalid-manifest' },
  { name: 'a core table missing', bytes: () => manifestEdit((m) => void (delete m.tables.settings, delete m.counts.tables.settings)), code: 'invalid-manifest' },
  { name: 'counts per kind do not add up', bytes: () => manifestEdit((m) => void (m.counts.kinds.note = 7)), code: 'invalid-manifest' },
  { name: 'table count does not match its records', bytes: () => manifestEdit((m) => void (m.counts.tables.revisions = 4)), code: 'invalid-manifest', info: { table: 'revisions' } },
  { name: 'trashed count does not match', bytes: () => manifestEdit((m) => void (m.counts.trashed = 0)), code: 'invalid-manifest' },
  { name: 'content count does not match', bytes: () => manifestEdit((m) => void (m.counts.content = 9)), code: 'invalid-manifest' },
  { name: 'unsafe table name', bytes: () => manifestEdit((m) => void ((m.tables['Evil!'] = { files: [] }), (m.counts.tables['Evil!'] = 0))), code: 'invalid-manifest' },
  { name: 'unsafe path listed in the manifest', bytes: () => manifestEdit((m) => void (m.entries['../x'] = { sha256: '0'.repeat(64), size: 1 })), code: 'invalid-manifest' },
  { name: 'one file in two tables', bytes: () => manifestEdit((m) => void (m.tables.publications.files = [ITEMS])), code: 'invalid-manifest' },
  { name: '__proto__ key in the manifest', bytes: () => manifestText(new TextDecoder().decode(files().get('manifest.json')).replace('{', '{"__proto__": {"polluted": 1},')), code: 'forbidden-key', info: { entry: 'manifest.json' } },
  { name: 'escaped __proto__ key in the manifest', bytes: () => manifestText(new TextDecoder().decode(files().get('manifest.json')).replace('{', '{"\\u005f_proto__": {"polluted": 1},')), code: 'forbidden-key' },
  { name: 'constructor key deep in the manifest', bytes: () => manifestEdit((m) => void (m.counts.constructor = { prototype: { polluted: 1 } })), code: 'forbidden-key' },
  { name: 'manifest lists a missing entry', bytes: () => manifestEdit((m) => void (m.entries['content/ghost.md'] = { sha256: '0'.repeat(64), size: 1 })), code: 'missing-entry', info: { entry: 'content/ghost.md' } },
  { name: 'manifest size differs from the zip', bytes: () => manifestEdit((m) => void (m.entries[NOTE_MD].size += 1)), code: 'checksum', info: { entry: NOTE_MD } },

  // Checksums
  {
    name: 'a flipped byte in an image',
    bytes: () => {
      const f = files()
      f.get(IMAGE)![100]! ^= 0xff
      return zipFiles(f)
    },
    code: 'checksum',
    info: { entry: IMAGE },
  },
  { name: 'items edited, checksum not updated', bytes: () => zipFiles(editJson(files(), ITEMS, setItem({ title: 'Changed' }))), code: 'checksum', info: { entry: ITEMS } },
  { name: 'wrong checksum for Markdown', bytes: () => manifestEdit((m) => void (m.entries[NOTE_MD].sha256 = 'f'.repeat(64))), code: 'checksum', info: { entry: NOTE_MD } },
  { name: 'wrong checksum for revisions', bytes: () => manifestEdit((m) => void (m.entries[REVISIONS].sha256 = '0'.repeat(64))), code: 'checksum', info: { entry: REVISIONS } },
  {
    name: 'a tampered file in attachments/ that no record describes',
    bytes: () => {
      const f = files()
      f.set('attachments/extra/photo.png', randomBytes(100, 21))
      editJson(f, 'manifest.json', (m) => void (m.entries['attachments/extra/photo.png'] = { sha256: '1'.repeat(64), size: 100 }))
      return zipFiles(f)
    },
    code: 'checksum',
    info: { entry: 'attachments/extra/photo.png' },
  },
  { name: 'checksum in upper case', bytes: () => manifestEdit((m) => void (m.entries[ITEMS].sha256 = m.entries[ITEMS].sha256.toUpperCase())), code: 'invalid-manifest' },

  // Shards and records
  { name: 'items shard not JSON', bytes: () => shardBytes(ITEMS, '[{"id": '), code: 'invalid-json', info: { entry: ITEMS } },
  { name: 'items shard not UTF-8', bytes: () => shardBytes(ITEMS, new Uint8Array([0x5b, 0xc0, 0xaf, 0x5d])), code: 'invalid-json', info: { entry: ITEMS } },
  { name: 'items shard an object', bytes: () => shardBytes(ITEMS, '{"0": {}}'), code: 'invalid-json', info: { entry: ITEMS } },
  { name: '__proto__ key in an item', bytes: () => shardBytes(ITEMS, new TextDecoder().decode(files().get(ITEMS)).replace('{', '{"__proto__": {"isAdmin": true},')), code: 'forbidden-key', info: { entry: ITEMS } },
  {
    name: '__proto__ key deep in a document',
    bytes: () => shardBytes(ITEMS, new TextDecoder().decode(files().get(ITEMS)).replace('"attrs":{', '"attrs":{"__proto__":{"x":1},')),
    code: 'forbidden-key',
  },
  { name: 'escaped __proto__ key in an item', bytes: () => shardBytes(ITEMS, new TextDecoder().decode(files().get(ITEMS)).replace('{', '{"\\u005F\\u005Fproto\\u005F\\u005F": 1,')), code: 'forbidden-key' },
  { name: 'constructor.prototype in a setting', bytes: () => recordsEdit(SETTINGS, (r) => void (r[0].value = JSON.parse('{"constructor": {"prototype": {"polluted": 1}}}'))), code: 'forbidden-key' },
  { name: 'unknown item kind', bytes: () => recordsEdit(ITEMS, setItem({ kind: 'essay' })), code: 'invalid-record', info: { table: 'items', recordId: FIRST_ITEM } },
  { name: 'status not of the kind', bytes: () => recordsEdit(ITEMS, setItem({ status: 'given' })), code: 'invalid-record', info: { recordId: FIRST_ITEM } },
  { name: 'item without a title', bytes: () => recordsEdit(ITEMS, (r) => void delete r[0].title), code: 'invalid-record', info: { recordId: FIRST_ITEM } },
  { name: 'body not a document', bytes: () => recordsEdit(ITEMS, setItem({ body: { type: 'paragraph' } })), code: 'invalid-record', info: { recordId: FIRST_ITEM } },
  { name: 'body as a string', bytes: () => recordsEdit(ITEMS, setItem({ body: '<p>html</p>' })), code: 'invalid-record', info: { recordId: FIRST_ITEM } },
  { name: 'body nested 600 deep', bytes: () => recordsEdit(ITEMS, setItem({ body: deepDoc(600) })), code: 'invalid-record', info: { recordId: FIRST_ITEM } },
  { name: 'node without a type', bytes: () => recordsEdit(ITEMS, setItem({ body: { type: 'doc', content: [{ text: 'x' }] } })), code: 'invalid-record' },
  { name: 'mark without a type', bytes: () => recordsEdit(ITEMS, setItem({ body: { type: 'doc', content: [{ type: 'text', text: 'x', marks: [{}] }] } })), code: 'invalid-record' },
  { name: 'tags not a list', bytes: () => recordsEdit(ITEMS, setItem({ tags: 'a,b' })), code: 'invalid-record' },
  { name: 'createdAt as a string', bytes: () => recordsEdit(ITEMS, setItem({ createdAt: '2026-01-01' })), code: 'invalid-record' },
  { name: 'trashed flag 2', bytes: () => recordsEdit(ITEMS, setItem({ trashed: 2 })), code: 'invalid-record' },
  { name: 'empty id', bytes: () => recordsEdit(ITEMS, setItem({ id: '' })), code: 'invalid-record' },
  { name: 'item null', bytes: () => recordsEdit(ITEMS, (r) => void (r[0] = null)), code: 'invalid-record' },
  { name: 'link with an unknown fetch state', bytes: () => recordsEdit(ITEMS, (r) => void (r.find((i) => i.kind === 'link').fetchState = 'maybe')), code: 'invalid-record', info: { recordId: '01JLINK0000000000000000001' } },
  { name: 'revision with an unknown reason', bytes: () => recordsEdit(REVISIONS, (r) => void (r[0].reason = 'whim')), code: 'invalid-record', info: { table: 'revisions', recordId: '01JREV00000000000000000001' } },
  { name: 'attachment with a bad checksum field', bytes: () => recordsEdit(ATTACHMENTS, (r) => void (r[0].sha256 = 'abc')), code: 'invalid-record', info: { table: 'attachments' } },
  { name: 'attachment id that is a path', bytes: () => recordsEdit(ATTACHMENTS, (r) => void (r[0].id = '../../x')), code: 'invalid-record', info: { recordId: '../../x' } },
  { name: 'setting without a key', bytes: () => recordsEdit(SETTINGS, (r) => void delete r[0].key), code: 'invalid-record', info: { table: 'settings' } },
  { name: 'extension record not an object', bytes: () => recordsEdit(PUBLICATIONS, (r) => void (r[0] = 42)), code: 'invalid-record', info: { table: 'publications' } },
  {
    name: 'the same item twice',
    bytes: () => recordsEdit(ITEMS, (r) => void (r[1].id = r[0].id)),
    code: 'duplicate-id',
    info: { recordId: FIRST_ITEM },
  },
  {
    name: 'attachment whose file is missing',
    bytes: () => {
      const f = files()
      f.delete(IMAGE)
      return zipFiles(editJson(f, 'manifest.json', (m) => void delete m.entries[IMAGE]))
    },
    code: 'missing-entry',
    info: { recordId: '01JATT0000000000000000000A' },
  },
  {
    name: 'two files for one attachment',
    bytes: () => {
      const f = files()
      f.set('attachments/01JATT0000000000000000000A.jpg', f.get(IMAGE)!)
      return zipFiles(editJson(f, 'manifest.json', (m) => void (m.entries['attachments/01JATT0000000000000000000A.jpg'] = m.entries[IMAGE])))
    },
    code: 'duplicate-entry',
  },
]

describe('readArchive refuses malformed archives', () => {
  it('the valid archive the cases start from is accepted', async () => {
    await expect(readArchive(valid)).resolves.toBeDefined()
    await expect(readArchive(zipFiles(files()))).resolves.toBeDefined()
    await expect(readArchive(zipFiles(rehash(files())))).resolves.toBeDefined()
  })

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const progress: ArchiveProgress[] = []
    const error = await readArchive(c.bytes(), { ...c.options, onProgress: (p) => progress.push(p) }).then(
      () => new Error('accepted'),
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ArchiveError)
    expect((error as ArchiveError).code).toBe(c.code)
    if (c.info) expect((error as ArchiveError).info).toMatchObject(c.info)
    expect(progress.some((p) => p.phase === 'done')).toBe(false)
  })

  it(`tries ${CASES.length} malformed archives`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(100)
  })
})

describe('readArchive tolerates and reports', () => {
  it('ignores entries the manifest does not list, without inflating them (even a lying bomb)', async () => {
    const bytes = withExtra({ name: 'README.txt', data: text('hello') }, { name: 'extras/', data: new Uint8Array(0), method: 0 }, bombEntry('extras/bomb.bin', 1000))
    const back = await readArchive(bytes)
    expect(back.ignoredEntries).toEqual(['README.txt', 'extras/', 'extras/bomb.bin'])
    expect(back.items).toHaveLength(5)
  })

  it('warns about attachment files no record describes and about metadata that disagrees with the bytes', async () => {
    const f = files()
    f.set('attachments/01JORPHAN00000000000000000.png', randomBytes(100, 8))
    editJson(f, ATTACHMENTS, (r) => void (r[1].size = 1))
    editJson(f, 'manifest.json', (m) => void (m.entries['attachments/01JORPHAN00000000000000000.png'] = { sha256: '', size: 0 }))
    const back = await readArchive(zipFiles(rehash(f)))
    expect(back.warnings).toEqual(
      expect.arrayContaining([
        { code: 'orphan-file', entry: 'attachments/01JORPHAN00000000000000000.png' },
        { code: 'attachment-mismatch', table: 'attachments', recordId: '01JATT0000000000000000000B', entry: 'attachments/01JATT0000000000000000000B.jpg' },
      ]),
    )
    expect(back.attachments.map((a) => a.id)).toEqual(['01JATT0000000000000000000A', '01JATT0000000000000000000B'])
  })

  it('drops settings whose key looks secret (an archive written by someone else), with a warning', async () => {
    const f = editJson(files(), SETTINGS, (r) => void r.push({ key: 'publish.wordpress.password', value: 'hunter2' }))
    editJson(f, 'manifest.json', (m) => void (m.counts.tables.settings = 4))
    const back = await readArchive(zipFiles(rehash(f)))
    expect(back.settings.map((s) => s.key)).toEqual(['ui.theme', 'ui.language', 'export.lastFolder'])
    expect(back.warnings).toContainEqual({ code: 'secret-dropped', table: 'settings', recordId: 'publish.wordpress.password' })
  })

  it('reads what other zip tools write: directory entries, DOS host, no UTF-8 flag for ASCII names', async () => {
    const entries: CraftEntry[] = [...files()].map(([name, data]) => ({ name, data, flags: 0, madeBy: 20, external: 0 }))
    const back = await readArchive(craftZip([{ name: 'data/', data: new Uint8Array(0), method: 0, flags: 0 }, ...entries]))
    expect(back.ignoredEntries).toEqual(['data/'])
  })
})
