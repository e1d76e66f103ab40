import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { blueskyPost, detectLinks, shortLinkText, withMentions } from '../../../src/core/publish/bluesky'

const utf8 = new TextEncoder()
const decoder = new TextDecoder()

function sliceBytes(text: string, start: number, end: number): string {
  return decoder.decode(utf8.encode(text).slice(start, end))
}

describe('blueskyPost facets', () => {
  it('gives link facets UTF-8 byte offsets after emoji and accents', () => {
    const text = 'Café 😀 voir https://exemple.fr/page et la suite'
    const post = blueskyPost(text, { shortenLinks: false })
    expect(post.text).toBe(text)
    expect(post.facets).toEqual([
      {
        $type: 'app.bsky.richtext.facet',
        index: { byteStart: 16, byteEnd: 16 + 'https://exemple.fr/page'.length },
        features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://exemple.fr/page' }],
      },
    ])
    // UTF-16 offsets would be 13: the facet must be in bytes.
    expect(text.indexOf('https')).toBe(13)
    expect(sliceBytes(text, 16, post.facets[0]!.index.byteEnd)).toBe('https://exemple.fr/page')
  })

  it('leaves trailing punctuation and an unmatched closing parenthesis out of a link', () => {
    expect(detectLinks('see https://example.com/a.').map((l) => l.uri)).toEqual(['https://example.com/a'])
    expect(detectLinks('(https://example.com/a)').map((l) => l.uri)).toEqual(['https://example.com/a'])
    expect(detectLinks('https://en.wikipedia.org/wiki/Foo_(bar)').map((l) => l.uri)).toEqual(['https://en.wikipedia.org/wiki/Foo_(bar)'])
  })

  it('links bare domains with a real TLD only', () => {
    expect(detectLinks('go to example.com/x now').map((l) => l.uri)).toEqual(['https://example.com/x'])
    expect(detectLinks('open notes.txtx please')).toEqual([])
  })

  it('shortens long links for display while the facet keeps the full address', () => {
    const long = 'https://example.com/articles/2024/how-to-publish'
    expect(shortLinkText(long)).toBe('example.com/articles/202...')
    expect(shortLinkText('https://example.com/')).toBe('example.com')
    const post = blueskyPost(`🎉 New: ${long}`)
    expect(post.text).toBe('🎉 New: example.com/articles/202...')
    const facet = post.facets[0]!
    expect(facet.features).toEqual([{ $type: 'app.bsky.richtext.facet#link', uri: long }])
    expect(sliceBytes(post.text, facet.index.byteStart, facet.index.byteEnd)).toBe('example.com/articles/202...')
  })

  it('finds tags (not inside links, not numbers alone) and mention candidates', () => {
    const post = blueskyPost('Été #écriture #2024 and https://example.com/#frag @alice.bsky.social!', { shortenLinks: false })
    const tags = post.facets.flatMap((f) => f.features.filter((x) => x.$type === 'app.bsky.richtext.facet#tag'))
    expect(tags).toEqual([{ $type: 'app.bsky.richtext.facet#tag', tag: 'écriture' }])
    const tagFacet = post.facets.find((f) => f.features[0]!.$type === 'app.bsky.richtext.facet#tag')!
    expect(sliceBytes(post.text, tagFacet.index.byteStart, tagFacet.index.byteEnd)).toBe('#écriture')
    expect(post.mentions).toHaveLength(1)
    expect(post.mentions[0]!.handle).toBe('alice.bsky.social')
    expect(sliceBytes(post.text, post.mentions[0]!.index.byteStart, post.mentions[0]!.index.byteEnd)).toBe('@alice.bsky.social')
    const facets = withMentions(post, new Map([['alice.bsky.social', 'did:plc:abc']]))
    expect(facets.at(-1)!.features).toEqual([{ $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:abc' }])
    expect(withMentions(post, new Map())).toEqual(post.facets)
  })

  it('property: a link facet\'s bytes always decode to the link text, whatever comes before', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.stringMatching(/^[a-z0-9/_-]{0,30}$/),
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        (before, path, after) => {
          const url = `https://example.org/${path}`
          const text = `${before} ${url} ${after}`
          const post = blueskyPost(text, { shortenLinks: false })
          const link = post.facets.find((f) => f.features.some((x) => x.$type === 'app.bsky.richtext.facet#link' && x.uri === url))
          expect(link).toBeDefined()
          expect(sliceBytes(text, link!.index.byteStart, link!.index.byteEnd)).toBe(url)
          for (const f of post.facets) expect(f.index.byteEnd).toBeGreaterThan(f.index.byteStart)
        },
      ),
    )
  })
})
