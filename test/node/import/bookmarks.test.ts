// Browser bookmark exports (Netscape format): linkding's real test file, and Chrome- and Firefox-shaped files.
import { describe, expect, test } from 'vitest'
import { parseBookmarks } from '../../../src/core/import/bookmarks'
import { fixture, fixtureText } from './support'

describe('linkding-simple_valid_import_file.html (real file)', () => {
  const result = parseBookmarks(fixture('bookmarks/linkding-simple_valid_import_file.html'))

  test('ADD_DATE in seconds, milliseconds and microseconds all give the same instant', () => {
    expect(result.drafts.map((d) => d.createdAt)).toEqual([1616337559000, 1616337559000, 1616337559000])
    expect(result.drafts.map((d) => d.fields.savedAt)).toEqual([1616337559000, 1616337559000, 1616337559000])
  })

  test('links with title, URL, TAGS as tags, <DD> as description, url: source keys', () => {
    expect(result.drafts.map((d) => [d.kind, d.sourceKey, d.title, d.tags, d.fields.description, d.fields.read])).toEqual([
      ['link', 'url:https://example.com/1', 'test title 1', ['tag1'], 'test description 1', true],
      ['link', 'url:https://example.com/2', 'test title 2', ['tag2'], 'test description 2', true],
      ['link', 'url:https://example.com/3', 'test title 3', ['tag3'], 'test description 3', true],
    ])
    expect(result.skipped).toEqual([])
    expect(result.summary).toMatchObject({ bookmarks: 3, folders: 0 })
  })
})

describe('Chrome export', () => {
  const result = parseBookmarks(fixture('bookmarks/chrome.html'))
  const byUrl = (url: string) => result.drafts.find((d) => d.fields.url === url)!

  test('folders become tags (each level), the browser bar does not; the full path is kept', () => {
    expect(byUrl('https://tc39.es/ecma262/').tags).toEqual(['Dev', 'JS/TS'])
    expect(byUrl('https://tc39.es/ecma262/').extra.folder).toBe('Bookmarks bar/Dev/JS/TS')
    expect(byUrl('https://www.typescriptlang.org/docs/').tags).toEqual(['Dev'])
    expect(byUrl('https://www.typescriptlang.org/docs/').title).toBe('TypeScript & co — docs')
    expect(byUrl('https://www.lemonde.fr/').tags).toEqual(['Lectures'])
    const all = parseBookmarks(fixture('bookmarks/chrome.html'), { keepRootFolderTags: true })
    expect(all.drafts.find((d) => d.fields.url === 'https://tc39.es/ecma262/')!.tags).toEqual(['Bookmarks bar', 'Dev', 'JS/TS'])
  })

  test('a page bookmarked twice is one link with both folders as tags', () => {
    expect(result.drafts.filter((d) => d.fields.url === 'https://developer.mozilla.org/fr/')).toHaveLength(1)
    expect(byUrl('https://developer.mozilla.org/fr/')).toMatchObject({ title: 'MDN Web Docs', tags: ['Lectures'] })
  })

  test('bookmarklets and browser pages are skipped as unsafe, an empty address as malformed', () => {
    expect(result.skipped).toEqual([
      { what: 'Bookmarklet', reason: 'unsafe-url', detail: "javascript:(function(){alert('bookmarklet')})()" },
      { what: 'MDN again', reason: 'duplicate', detail: 'https://developer.mozilla.org/fr/' },
      { what: 'Settings', reason: 'unsafe-url', detail: 'chrome://settings/' },
      { what: 'No address', reason: 'malformed', detail: 'no address' },
    ])
    expect(JSON.stringify(result.drafts)).not.toContain('javascript:')
  })

  test('URLs are normalised (case of scheme and host, default port) and keyed by that form; ADD_DATE 0 is no date', () => {
    const upper = result.drafts.find((d) => d.title === 'Upper-case URL')!
    expect(upper.sourceKey).toBe('url:https://example.com/Path?q=1#frag')
    expect(upper.createdAt).toBeNull()
    expect(upper.fields.savedAt).toBeUndefined()
  })

  test('an untitled bookmark keeps an empty title (the app shows its address until the page is fetched)', () => {
    expect(byUrl('https://example.org/sans-titre').title).toBe('')
  })

  test('favicons inlined as data: URIs are not carried', () => {
    expect(JSON.stringify(result)).not.toContain('data:image')
  })
})

describe('Firefox export', () => {
  const result = parseBookmarks(fixture('bookmarks/firefox.html'))

  test('toolbar and "other bookmarks" folders (marked by attribute, French names) are not tags; TAGS are', () => {
    expect(result.drafts.map((d) => [d.title, d.tags])).toEqual([
      ['Firefox', []],
      ['Baluchon — Wikipédia', ['wiki', 'Français']],
      ['À lire plus tard', []],
    ])
  })

  test('microsecond dates, LAST_MODIFIED, keyword, TOREAD/PRIVATE, multi-line description with <BR>', () => {
    const [firefox, wiki, later] = result.drafts
    expect(wiki!.createdAt).toBe(1467282591000)
    expect(wiki!.updatedAt).toBe(1467282600000)
    expect(firefox!.extra.keyword).toBe('moz')
    expect(firefox!.fields.description).toBe('Le navigateur de Mozilla <3')
    expect(later!.fields.read).toBe(false)
    expect(later!.extra.private).toBe(true)
    expect(later!.fields.description).toBe('Long article\nsur deux lignes')
    expect(result.skipped).toEqual([{ what: 'Most Visited', reason: 'unsafe-url', detail: 'place:sort=8&maxResults=10' }])
  })

  test('importing the same file twice gives the same source keys, from bytes or text', () => {
    const again = parseBookmarks(fixtureText('bookmarks/firefox.html'))
    expect(again.drafts).toEqual(result.drafts)
  })
})
