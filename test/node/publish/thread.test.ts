import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { ChannelId } from '../../../src/core/publish/channels'
import { measure } from '../../../src/core/publish/channels'
import { splitThread, type SplitOptions, type ThreadPart } from '../../../src/core/publish/thread'
import { graphemeBoundaries } from '../../../src/core/publish/unicode'
import { findUrls } from '../../../src/core/publish/urls'

const FAMILY = '\u{1F469}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}'
const FLAG = '\u{1F1EB}\u{1F1F7}'
const ACCENT = 'e\u0301'

/** Checks every invariant a split must keep, whatever the text. */
function checkSplit(text: string, parts: ThreadPart[], channel: ChannelId, options: SplitOptions): void {
  const boundaries = new Set(graphemeBoundaries(text))
  let last = 0
  parts.forEach((part, index) => {
    // The bodies are the text in order, only whitespace dropped at the cuts.
    expect(part.start).toBeGreaterThanOrEqual(last)
    expect(text.slice(last, part.start).trim()).toBe('')
    expect(text.slice(part.start, part.end)).toBe(part.body)
    expect(part.body).toBe(part.body.trim())
    expect(part.body.length).toBeGreaterThan(0)
    // Never inside a grapheme cluster.
    expect(boundaries.has(part.start)).toBe(true)
    expect(boundaries.has(part.end)).toBe(true)
    // The measure is the channel's, of the text as sent.
    expect(part.measure).toEqual(measure(channel, part.text, options))
    if (options.numbering && parts.length > 1) expect(part.text).toBe(`${part.body} ${index + 1}/${parts.length}`)
    else expect(part.text).toBe(part.body)
    last = part.end
  })
  expect(text.slice(last).trim()).toBe('')
  // No URL is cut: each lies within one part.
  for (const url of findUrls(text)) {
    expect(parts.some((part) => part.start <= url.start && url.end <= part.end)).toBe(true)
  }
}

describe('splitThread: examples', () => {
  it('keeps a text that fits as one post, without numbering', () => {
    const parts = splitThread('x', '  Hello world.  ', { numbering: true })
    expect(parts.map((p) => p.text)).toEqual(['Hello world.'])
    expect(splitThread('x', '  \n\n ')).toEqual([])
  })

  it('prefers paragraph boundaries, then sentences (French)', () => {
    const p1 = 'Premier paragraphe, court.'
    const s1 = 'Voici une première phrase assez longue pour occuper une bonne partie du message.'
    const s2 = 'Puis une deuxième phrase, tout aussi longue, qui ne tiendra pas avec la première !'
    const s3 = 'Et une troisième ?'
    const text = `${p1}\n\n${s1} ${s2} ${s3}`
    const parts = splitThread('x', text, { limit: 120, locale: 'fr' })
    expect(parts.map((p) => p.body)).toEqual([p1, s1, `${s2} ${s3}`])
  })

  it('cuts English sentences', () => {
    const text = 'The first sentence is here. The second one follows it closely. A third ends the text.'
    const parts = splitThread('mastodon', text, { limit: 60, locale: 'en' })
    expect(parts.map((p) => p.body)).toEqual(['The first sentence is here.', 'The second one follows it closely. A third ends the text.'])
  })

  it('does not end a sentence after a title or an initial (M. Dupont, Mr. Smith, J. R. R. Tolkien)', () => {
    // Too long for one post: a false sentence end after "M." would be preferred to a cut between words.
    const fr = 'Hier soir, M. Dupont est arrivé en retard. Il a dormi.'
    expect(splitThread('x', fr, { limit: 30, locale: 'fr' })[0]!.body).toBe('Hier soir, M. Dupont est')
    const en = 'We met Mr. Smith and read J. R. R. Tolkien. Then we left.'
    expect(splitThread('x', en, { limit: 30, locale: 'en' })[0]!.body).toBe('We met Mr. Smith and read J.')
    expect(splitThread('x', en, { limit: 50, locale: 'en' }).map((p) => p.body)).toEqual(['We met Mr. Smith and read J. R. R. Tolkien.', 'Then we left.'])
  })

  it('falls back to words inside a long sentence and never cuts a word', () => {
    const text = Array.from({ length: 60 }, (_, i) => `mot${i}`).join(' ')
    const parts = splitThread('x', text, { limit: 50 })
    expect(parts.length).toBeGreaterThan(5)
    const words = new Set(text.split(' '))
    for (const part of parts) for (const word of part.body.split(' ')) expect(words.has(word)).toBe(true)
    checkSplit(text, parts, 'x', { limit: 50 })
  })

  it('never cuts a URL: on X and Mastodon a long URL counts 23 and fits', () => {
    const url = `https://example.com/${'chemin/'.repeat(60)}fin`
    const text = `Lisez ${url} maintenant.`
    for (const channel of ['x', 'mastodon'] as const) {
      const parts = splitThread(channel, text, { limit: 40 })
      expect(parts.map((p) => p.body)).toEqual([`Lisez ${url}`, 'maintenant.'])
      for (const part of parts) expect(part.measure.over).toBe(false)
    }
  })

  it('gives a URL longer than the LinkedIn limit its own post, marked over, rather than cutting it', () => {
    const url = `https://example.com/${'a'.repeat(3100)}`
    const parts = splitThread('linkedin', `Before. ${url} After.`)
    expect(parts.map((p) => p.body)).toEqual(['Before.', url, 'After.'])
    expect(parts.map((p) => p.measure.over)).toEqual([false, true, false])
  })

  it('hard-cuts a word longer than the limit at grapheme boundaries only', () => {
    const word = `${FAMILY}${ACCENT}${FLAG}`.repeat(40)
    const parts = splitThread('mastodon', word, { limit: 25 })
    expect(parts.length).toBeGreaterThan(1)
    for (const part of parts) {
      expect(part.measure.over).toBe(false)
      expect(part.body).toMatch(new RegExp(`^(?:${FAMILY}|${ACCENT}|${FLAG})+$`, 'u'))
    }
    expect(parts.map((p) => p.body).join('')).toBe(word)
  })

  it('cuts CJK text without spaces at word boundaries within the weighted limit', () => {
    const text = '日本語のテキストを分割します。'.repeat(30)
    const parts = splitThread('x', text, { locale: 'ja' })
    for (const part of parts) expect(part.measure.over).toBe(false)
    expect(parts.map((p) => p.body).join('')).toBe(text)
    // Sentence ends are preferred: every part but the last ends with a full stop.
    for (const part of parts.slice(0, -1)) expect(part.body.endsWith('。')).toBe(true)
  })

  it('numbers posts "i/n" and counts the label in each post', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} is here.`).join(' ')
    const parts = splitThread('x', text, { limit: 60, numbering: true })
    expect(parts.length).toBeGreaterThan(9)
    parts.forEach((part, i) => {
      expect(part.text).toBe(`${part.body} ${i + 1}/${parts.length}`)
      expect(part.measure.length).toBeLessThanOrEqual(60)
    })
    const start = splitThread('x', text, { limit: 60, numbering: { position: 'start', separator: '\n' } })
    start.forEach((part, i) => expect(part.text).toBe(`${i + 1}/${start.length}\n${part.body}`))
  })

  it('reaches a fixed point when the label length changes the number of posts', () => {
    // Around 9 → 10 posts the label gains a digit in every post; whatever n comes out, all labels agree with it.
    let crossed = 0
    for (let words = 20; words < 140; words += 1) {
      const text = Array.from({ length: words }, () => 'abcd').join(' ')
      const parts = splitThread('x', text, { limit: 30, numbering: true })
      checkSplit(text, parts, 'x', { limit: 30, numbering: true })
      for (const part of parts) expect(part.measure.over).toBe(false)
      if (splitThread('x', text, { limit: 30 }).length <= 9 && parts.length >= 10) crossed++
    }
    expect(crossed).toBeGreaterThan(0)
  })
})

// ------------------------------------------------------------------------------------------- properties

const word = fc.stringMatching(/^[a-zA-Zàâçéèêëîïôûùüÿœ'-]{1,12}$/)
const longWord = fc.stringMatching(/^[a-z]{30,120}$/)
const grapheme = fc.constantFrom(FAMILY, FLAG, ACCENT, '😀', '日本', 'ñ', '🏳️‍🌈', '👍🏽')
const url = fc
  .tuple(
    // fast-check favours short strings: pick the length uniformly so long URLs come up often.
    fc.tuple(fc.integer({ min: 0, max: 150 }), fc.stringMatching(/^[a-z0-9/_-]{1,8}$/)).map(([length, unit]) => unit.repeat(length).slice(0, length)),
    fc.constantFrom('', '(', '« '), fc.constantFrom('', ').', ',', ' »'))
  .map(([path, before, after]) => `${before}https://example.com/${path}${after}`)
const separator = fc.constantFrom(' ', ' ', ' ', '. ', '! ', '? ', '\n', '\n\n', ', ', '  ')
const token = fc.oneof({ weight: 8, arbitrary: word }, { weight: 1, arbitrary: longWord }, { weight: 2, arbitrary: grapheme }, { weight: 2, arbitrary: url })
const socialText = fc.array(fc.tuple(token, separator), { maxLength: 80 }).map((pairs) => pairs.map(([t, s]) => t + s).join(''))

describe('splitThread: properties', () => {
  const cases: Array<[ChannelId, fc.Arbitrary<number>]> = [
    ['x', fc.integer({ min: 40, max: 280 })],
    ['mastodon', fc.integer({ min: 40, max: 500 })],
    ['bluesky', fc.integer({ min: 60, max: 300 })],
    ['linkedin', fc.integer({ min: 60, max: 400 })],
  ]
  for (const [channel, limits] of cases) {
    it(`${channel}: every part fits, the parts give the text back, no URL or grapheme is cut, same result twice`, () => {
      fc.assert(
        fc.property(socialText, limits, fc.boolean(), fc.constantFrom('en', 'fr'), (text, limit, numbering, locale) => {
          const options: SplitOptions = { limit, numbering, locale }
          const parts = splitThread(channel, text, options)
          checkSplit(text, parts, channel, options)
          // Over only when one URL alone is longer than the limit (LinkedIn counts URLs in full).
          const urls = findUrls(text)
          for (const part of parts) {
            if (part.measure.over) expect(urls.some((u) => u.start === part.start || u.end === part.end)).toBe(true)
            else expect(part.measure.length).toBeLessThanOrEqual(limit)
          }
          if (channel !== 'linkedin') for (const part of parts) expect(part.measure.over).toBe(false)
          expect(splitThread(channel, text, options)).toEqual(parts)
        }),
        { numRuns: 60 },
      )
    })
  }
})

describe('splitThread: channel options', () => {
  it('measures with the account\'s settings (a Mastodon instance reserving 60 characters per URL)', () => {
    const text = `${'word '.repeat(8)}https://example.com/x ${'word '.repeat(8)}`.trim()
    const standard = splitThread('mastodon', text, { limit: 80 })
    const roomy = splitThread('mastodon', text, { limit: 80, urlLength: 60 })
    expect(standard).toHaveLength(2)
    expect(roomy.length).toBeGreaterThan(standard.length)
    for (const part of roomy) expect(measure('mastodon', part.text, { limit: 80, urlLength: 60 }).over).toBe(false)
  })

  it('counts Bluesky posts with links shortened, and whole when asked', () => {
    const url = `https://example.com/${'long-path-segment/'.repeat(6)}`
    const text = `${'mot '.repeat(30)}${url} ${'mot '.repeat(30)}`.trim()
    const shortened = splitThread('bluesky', text, { limit: 150 })
    const whole = splitThread('bluesky', text, { limit: 150, shortenLinks: false })
    expect(shortened.length).toBeLessThan(whole.length)
    for (const part of [...shortened, ...whole]) expect(part.measure.over).toBe(false)
  })
})

describe('splitThread: robustness', () => {
  it('falls back to the root rules for a language that is not a BCP 47 tag', () => {
    const text = 'One sentence here. Another one there.'
    expect(splitThread('x', text, { limit: 20, locale: 'français !' }).map((p) => p.body)).toEqual(['One sentence here.', 'Another one there.'])
  })
})
