import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { CHANNELS, fits, mastodonCountableText, measure } from '../../../src/core/publish/channels'
import { graphemeLength, utf8Length } from '../../../src/core/publish/unicode'

const FAMILY = '\u{1F469}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}' // 👩‍👩‍👧‍👦: 7 code points, 1 grapheme
const FLAG = '\u{1F1EB}\u{1F1F7}' // 🇫🇷
const LONG_URL = `https://example.com/${'a'.repeat(200)}`

describe('measure: X (twitter-text)', () => {
  it('allows 280 and turns red at 281', () => {
    expect(measure('x', 'a'.repeat(280))).toEqual({ length: 280, limit: 280, over: false, remaining: 0 })
    expect(measure('x', 'a'.repeat(281))).toEqual({ length: 281, limit: 280, over: true, remaining: -1 })
  })
  it('counts every URL as 23, with or without a scheme', () => {
    expect(measure('x', `see ${LONG_URL}`).length).toBe(4 + 23)
    expect(measure('x', 'see example.com').length).toBe(4 + 23)
  })
  it('weighs CJK and emoji 2, Latin accents 1', () => {
    expect(measure('x', '日本語').length).toBe(6)
    expect(measure('x', FAMILY).length).toBe(2)
    expect(measure('x', 'été').length).toBe(3)
    expect(measure('x', 'e\u0301').length).toBe(1) // NFC first
  })
  it('takes a longer limit for accounts that have one', () => {
    expect(measure('x', 'a'.repeat(1000), { limit: 25000 }).over).toBe(false)
  })
})

describe('measure: Mastodon (StatusLengthValidator)', () => {
  it('uses the instance limit, 500 by default', () => {
    expect(measure('mastodon', 'a'.repeat(500)).over).toBe(false)
    expect(measure('mastodon', 'a'.repeat(501)).over).toBe(true)
    expect(measure('mastodon', 'a'.repeat(501), { limit: 1000 })).toEqual({ length: 501, limit: 1000, over: false, remaining: 499 })
  })
  it('counts a URL with a scheme as characters_reserved_per_url whatever its length', () => {
    expect(measure('mastodon', LONG_URL).length).toBe(23)
    expect(measure('mastodon', 'https://a.co').length).toBe(23) // shorter URLs count 23 too
    expect(measure('mastodon', LONG_URL, { urlLength: 30 }).length).toBe(30)
  })
  it('counts a bare domain as its characters (the server only replaces URLs with a scheme)', () => {
    expect(measure('mastodon', 'example.com').length).toBe(11)
  })
  it('counts a remote mention as @user', () => {
    expect(mastodonCountableText('hi @alice@example.social!')).toBe('hi @alice!')
    expect(measure('mastodon', '@alice@example.social').length).toBe(6)
    // Not a mention inside a URL or after a word character.
    expect(mastodonCountableText('mail bob@example.org')).toBe('mail bob@example.org')
    expect(mastodonCountableText('https://mastodon.social/@alice@example.social')).toBe('x'.repeat(23))
  })
  it('counts grapheme clusters, not code points', () => {
    expect(measure('mastodon', FAMILY + FLAG + 'e\u0301').length).toBe(3)
  })
  it('counts the content warning too', () => {
    expect(measure('mastodon', 'abc', { spoilerText: 'CW: food' }).length).toBe(11)
  })
})

describe('measure: LinkedIn', () => {
  it('counts UTF-16 code units against 3,000 (the safe reading of an unspecified count)', () => {
    expect(measure('linkedin', 'a'.repeat(3000)).over).toBe(false)
    expect(measure('linkedin', 'a'.repeat(3001)).over).toBe(true)
    expect(measure('linkedin', '\u{1F600}').length).toBe(2)
    expect(measure('linkedin', LONG_URL).length).toBe(LONG_URL.length)
  })
})

describe('measure: Bluesky', () => {
  it('counts 300 graphemes', () => {
    expect(measure('bluesky', 'é'.repeat(300)).over).toBe(false)
    expect(measure('bluesky', 'é'.repeat(301)).over).toBe(true)
    expect(measure('bluesky', FLAG.repeat(10)).length).toBe(10)
  })
  it('counts a long link as the app shows it, shortened, unless asked not to', () => {
    const text = `Read ${'https://example.com/' + 'a'.repeat(300)}`
    expect(measure('bluesky', text).length).toBe('Read example.com/aaaaaaaaaaaa...'.length)
    expect(measure('bluesky', text, { shortenLinks: false }).over).toBe(true)
  })
  it('is over past 3,000 UTF-8 bytes even under 300 graphemes', () => {
    const text = FAMILY.repeat(200)
    expect(graphemeLength(text)).toBe(200)
    expect(utf8Length(text)).toBeGreaterThan(3000)
    expect(measure('bluesky', text).over).toBe(true)
  })
})

describe('measure: invariants', () => {
  it('remaining is limit minus length, and over is exactly remaining < 0 (bar Bluesky bytes)', () => {
    fc.assert(
      fc.property(fc.constantFrom('x', 'mastodon', 'linkedin', 'bluesky' as const), fc.string({ unit: 'grapheme', maxLength: 400 }), (channel, text) => {
        const m = measure(channel, text)
        expect(m.limit).toBe(CHANNELS[channel].defaultLimit)
        expect(m.remaining).toBe(m.limit - m.length)
        if (channel !== 'bluesky') expect(m.over).toBe(m.remaining < 0)
        expect(fits(channel, text)).toBe(!m.over)
      }),
    )
  })
})
