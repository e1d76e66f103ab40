// Pocket and Raindrop CSV exports to links.
import { describe, expect, test } from 'vitest'
import { parsePocketCsv } from '../../../src/core/import/pocket'
import { parseRaindropCsv } from '../../../src/core/import/raindrop'
import { fixture, fixtureText } from './support'

describe('Pocket CSV', () => {
  const result = parsePocketCsv(fixture('pocket/part_000000.csv'))

  test('rows become links: title, URL, epoch-second dates, "|" tags, archive → read', () => {
    expect(result.drafts.map((d) => [d.sourceKey, d.title, d.tags, d.fields.read, d.createdAt])).toEqual([
      ['url:https://example.org/ecrire', 'Comment écrire, vraiment', ['écriture', 'méthode', 'relire'], false, 1728576752000],
      ['url:https://simple.example.com/', 'Simple title', [], true, 1728576000000],
      ['url:https://example.org/cite?a=1&b=2', 'Un "titre" cité', ['lecture'], false, 1700000000000],
      ['url:https://example.org/sans-titre', '', [], true, 1690000000000],
      ['url:https://example.org/multi', 'Multi-line, title', ['a b', 'c'], false, 1690000003000],
    ])
    expect(result.drafts.every((d) => d.kind === 'link' && d.fields.url === d.sourceKey.slice(4))).toBe(true)
    expect(result.drafts[0]!.fields.savedAt).toBe(1728576752000)
  })

  test('unsafe addresses and duplicates are skipped with a reason (a duplicate adds its tags)', () => {
    expect(result.skipped).toEqual([
      { what: 'Bookmarklet', reason: 'unsafe-url', detail: 'javascript:alert(1)' },
      { what: 'Doublon', reason: 'duplicate', detail: 'https://example.org/ecrire' },
    ])
    expect(result.summary).toMatchObject({ links: 5, unread: 3, rows: 7, skipped: 2 })
  })

  test('the pagination cursor column is not carried; importing twice gives the same keys', () => {
    expect(JSON.stringify(result.drafts)).not.toContain('7187623980')
    expect(parsePocketCsv(fixtureText('pocket/part_000000.csv')).drafts).toEqual(result.drafts)
  })
})

describe('Raindrop CSV', () => {
  const result = parseRaindropCsv(fixture('raindrop/export.csv'))
  const byTitle = (t: string) => result.drafts.find((d) => d.title === t)!

  test('note (and highlights) as body, excerpt as description, folder levels and tags as tags, ISO dates', () => {
    const writing = byTitle('Writing well')
    expect(writing.body).toEqual({ format: 'text', source: 'My note: read chapter 2, then the appendix.' })
    expect(writing.fields).toEqual({ url: 'https://example.org/writing-well', read: true, description: 'A classic on writing non-fiction.', savedAt: Date.UTC(2023, 2, 14, 9, 26, 53, 589) })
    // "Writing" the folder and "writing" the tag are one tag.
    expect(writing.tags).toEqual(['Books', 'Writing', 'craft'])
    expect(writing.extra).toMatchObject({ raindropId: '101', folder: 'Books/Writing', favorite: true, cover: 'https://cdn.example.org/cover.jpg' })
    expect(writing.media).toEqual([{ ref: 'https://cdn.example.org/cover.jpg' }])
    const talk = byTitle('Talk ideas')
    expect(talk.body.source).toBe('Highlight: The best talks tell one story.')
    // "Unsorted" is Raindrop's default collection, not a topic.
    expect(talk.tags).toEqual(['talks'])
  })

  test('multi-line notes, missing dates, unsafe covers and non-http links', () => {
    const noDate = byTitle('Sans date')
    expect(noDate.body.source).toBe('Note\nsur deux lignes')
    expect(noDate.createdAt).toBeNull()
    expect(noDate.media).toEqual([])
    expect(noDate.tags).toEqual(['Lectures', 'lecture', 'à faire'])
    expect(result.skipped).toEqual([{ what: 'Bad link', reason: 'unsafe-url', detail: 'ftp://example.org/file' }])
    expect(result.summary).toMatchObject({ links: 3, withNotes: 3, rows: 4 })
  })

  test('importing twice gives the same keys', () => {
    expect(parseRaindropCsv(fixtureText('raindrop/export.csv')).drafts.map((d) => d.sourceKey)).toEqual(result.drafts.map((d) => d.sourceKey))
  })
})
