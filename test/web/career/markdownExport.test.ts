// The Markdown export says each item's label and affiliation in its front matter (resolved against the base's
// affiliations), for the whole export and the one-item export alike.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import { itemFrontMatter, splitFrontMatter } from '../../../src/core/markdown'
import { BaluchonDb } from '../../../src/db'
import { createAffiliation, setDefaultLabel, setItemLabel } from '../../../src/features/career'
import { dexieExportSource } from '../../../src/features/export/dexieSource'
import { markdownExportBatches, type ExportFile } from '../../../src/features/export/markdownExport'
import { createItem } from '../../../src/features/items/repository'

let db: BaluchonDb
let n = 0
beforeEach(async () => {
  db = new BaluchonDb(`career-md-${Date.now()}-${n++}`)
  await db.open()
})
afterEach(async () => {
  db.close()
  await db.delete()
})

const at = (iso: string) => new Date(`${iso}T12:00:00`).getTime()

async function exportAll(): Promise<ExportFile[]> {
  const files: ExportFile[] = []
  const batches = markdownExportBatches(dexieExportSource(db))
  for (;;) {
    const next = await batches.next()
    if (next.done) return files
    files.push(...next.value)
  }
}

function frontMatterOf(file: ExportFile): Record<string, unknown> {
  const { yaml } = splitFrontMatter(file.data as string)
  return parseDocument(yaml!).toJS() as Record<string, unknown>
}

describe('Markdown export front matter', () => {
  it('writes the effective label and the affiliation’s name (none: no affiliation key)', async () => {
    await createAffiliation(db, { organisation: 'Acme: R&D', role: '', start: '2019-01-01', end: '2022-12-31', defaultLabel: 'employer-confidential' })
    await setDefaultLabel(db, 'employer-public')
    await createItem(db, 'post', { title: 'At Acme' }, at('2020-01-01'))
    await createItem(db, 'note', { title: 'Before' }, at('2010-01-01'))
    const chosen = await createItem(db, 'note', { title: 'Chosen' }, at('2021-01-01'))
    await setItemLabel(db, chosen.id, 'personal')

    const byTitle = new Map((await exportAll()).map((f) => [frontMatterOf(f).title, frontMatterOf(f)]))
    expect(byTitle.get('At Acme')).toMatchObject({ label: 'employer-confidential', affiliation: 'Acme: R&D' })
    expect(byTitle.get('Before')).toMatchObject({ label: 'employer-public' })
    expect(byTitle.get('Before')).not.toHaveProperty('affiliation')
    expect(byTitle.get('Chosen')).toMatchObject({ label: 'personal', affiliation: 'Acme: R&D' })
  })

  it('leaves the keys out when the caller gives no career (and Baluchon’s keys win over imported ones)', async () => {
    const item = await createItem(db, 'note', { title: 'x', meta: { label: 'from elsewhere' } }, 1000)
    expect(itemFrontMatter(item)).toMatchObject({ label: 'from elsewhere' })
    expect(itemFrontMatter(item, { label: 'personal', affiliation: null })).toMatchObject({ label: 'personal' })
  })
})
