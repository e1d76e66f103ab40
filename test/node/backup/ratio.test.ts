// Found by the backup round-trip property: a long run of one character deflates ~1000:1, past the reader's
// zip-bomb ratio cap, so Baluchon wrote backups it then refused to restore. The writer stores such entries.
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { buildArchive, DEFAULT_LIMITS, readArchive } from '../../../src/core/archive'
import { newItem } from '../../../src/core/itemFactory'

describe('archive writer and the zip-bomb ratio cap', () => {
  it('stores an entry that would deflate past the cap, so its own reader accepts it', async () => {
    const note = newItem('note', 'N1', 0)
    const text = ' '.repeat(3 * 1024 * 1024)
    Object.assign(note, { title: 'Spaces', bodyText: text, body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } })
    const bytes = await buildArchive({ appVersion: '1', createdAt: 0, items: [note], revisions: [], attachments: [], settings: [] })
    const contents = await readArchive(bytes)
    expect(contents.items[0]!.bodyText).toBe(text)
    // The entry is there as is (method 0), while ordinary JSON is still deflated.
    expect(Object.keys(unzipSync(bytes))).toContain('data/items/0001.json')
    expect(bytes.length).toBeGreaterThan(2 * text.length)
    expect(DEFAULT_LIMITS.maxRatio).toBeLessThan(1000)
  })

  it('still deflates ordinary large JSON', async () => {
    const items = Array.from({ length: 3000 }, (_, i) => {
      const item = newItem('note', `N${i}`, i)
      Object.assign(item, { title: `Note number ${i} about ${(i * 7919) % 1000}`, bodyText: `Text ${i * 31}` })
      return item
    })
    const bytes = await buildArchive({ appVersion: '1', createdAt: 0, items, revisions: [], attachments: [], settings: [] })
    const raw = Object.values(unzipSync(bytes)).reduce((sum, entry) => sum + entry.length, 0)
    expect(bytes.length).toBeLessThan(raw / 3)
    expect((await readArchive(bytes)).items).toHaveLength(3000)
  })
})
