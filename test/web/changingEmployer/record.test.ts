// The record saved beside the personal archive: counts, what stayed by kind/date/id and why (never a title), the
// decisions on flagged items, the archive's SHA-256; in English and in French; Markdown-safe titles.
import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import type { Affiliation, FlaggedItem } from '../../../src/core/career'
import { buildLeavingRecord, escapeMarkdown } from '../../../src/features/changingEmployer/record'
import type { LeavingSummary } from '../../../src/features/backup/leavingScope'
import en from '../../../src/i18n/locales/en/changingEmployer.json'
import fr from '../../../src/i18n/locales/fr/changingEmployer.json'

async function tFor(language: 'en' | 'fr') {
  const instance = i18next.createInstance()
  await instance.init({ lng: language, resources: { en: { changingEmployer: en }, fr: { changingEmployer: fr } }, ns: ['changingEmployer'], defaultNS: 'changingEmployer', interpolation: { escapeValue: false } })
  return instance.getFixedT(language, 'changingEmployer')
}

const acme: Affiliation = { id: 'A', organisation: 'Acme *Corp*', role: 'Engineer', start: '2018-01-01', end: '2022-12-31', logoAttachmentId: null, defaultLabel: 'employer-confidential', createdAt: 0, updatedAt: 0 }
const globex: Affiliation = { ...acme, id: 'G', organisation: 'Globex', start: '2023-01-01', end: '', defaultLabel: 'employer-public' }

const summary: LeavingSummary = {
  leavingCounts: { post: 3, talk: 1, link: 0, note: 2 },
  stayingCounts: { post: 1, talk: 1, link: 0, note: 1 },
  staying: [
    { id: 'S1', kind: 'talk', date: '2020-05-05', reason: 'affiliation', affiliationId: 'A', trashed: false },
    { id: 'S2', kind: 'post', date: '2021-01-02', reason: 'item', affiliationId: 'A', trashed: true },
    { id: 'F2', kind: 'note', date: '2024-02-02', reason: 'item', affiliationId: 'G', trashed: false },
  ],
  revisions: 7,
  attachments: 2,
  affiliations: 2,
}

const flagged = (id: string, title: string): FlaggedItem => ({ id, kind: 'note', title, date: '2024-02-02', trashed: false, terms: ['Acme'], matches: 1, passages: [] })

function build(t: Awaited<ReturnType<typeof tFor>>, language: string) {
  return buildLeavingRecord({
    t,
    language,
    now: new Date(2026, 10, 28, 10, 0),
    affiliation: acme,
    affiliations: [acme, globex],
    archive: { fileName: 'baluchon-leaving-acme-2026-11-28.baluchon', size: 2_400_000, sha256: 'ab'.repeat(32) },
    summary,
    flagged: [flagged('F1', 'What I learnt at [Acme] | 2024'), flagged('F2', 'Secret merger with Initech'), flagged('F3', 'Side notes')],
    decisions: new Map([
      ['F1', 'fine'],
      ['F2', 'confidential'],
    ]),
  })
}

describe('the record', () => {
  it('says what was taken and left, why, what was decided, with the SHA-256, and no title of anything left behind', async () => {
    const text = build(await tFor('en'), 'en')
    expect(text).toContain('# Leaving Acme \\*Corp\\*: what I took and what I left')
    expect(text).toContain('- **Date:** Nov 28, 2026')
    expect(text).toContain(`- **SHA-256 of the archive:** \`${'ab'.repeat(32)}\``)
    expect(text).toContain('(2.3 MB)')
    expect(text).toContain('| Posts | 3 | 1 |')
    expect(text).toContain('| **Total** | **6** | **3** |')
    expect(text).toContain('7 earlier versions of those items, 2 images they show, and my 2 affiliations')
    expect(text).toContain('## What I left behind (3 items)')
    expect(text).toContain('- Talk · May 5, 2020 · `S1` · confidential by Acme \\*Corp\\*’s default')
    expect(text).toContain('- Post · Jan 2, 2021 · `S2` · labelled confidential · in the Trash')
    expect(text).toContain('<!-- Titles are not listed on purpose')
    expect(text).toContain('- “What I learnt at \\[Acme\\] \\| 2024” (Note, Feb 2, 2024) — checked: mine to take')
    expect(text).toContain('- Note · Feb 2, 2024 · `F2` — kept confidential: left behind')
    expect(text).toContain('- “Side notes” (Note, Feb 2, 2024) — not reviewed: taken')
    expect(text).not.toContain('Secret merger')
    expect(text).not.toContain('Initech')
  })

  it('is written in French for a French speaker', async () => {
    const text = build(await tFor('fr'), 'fr')
    expect(text).toContain('# Départ de chez Acme \\*Corp\\* : ce que j’ai emporté et ce que j’ai laissé')
    expect(text).toContain('## Ce que j’ai laissé (3 éléments)')
    expect(text).toContain('Conférence · 5 mai 2020 · `S1` · confidentiel par défaut chez Acme \\*Corp\\*')
    expect(text).toContain('vérifié : je peux l’emporter')
    expect(text).not.toContain('Secret merger')
  })

  it('escapes what Markdown would read as markup in text the person typed', () => {
    expect(escapeMarkdown('a *b* [c](d) `e` <f> | #g\nh')).toBe('a \\*b\\* \\[c\\](d) \\`e\\` \\<f\\> \\| \\#g h')
  })
})
