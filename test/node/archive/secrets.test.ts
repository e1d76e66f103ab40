// No secret ever leaves in an archive: settings, extension tables and unknown record fields whose name
// looks like a credential are refused at export, and the refusal itself never carries the value.
import { describe, expect, it } from 'vitest'
import { ArchiveError, buildArchive, looksSecret, type ArchiveInput } from '../../../src/core/archive'
import type { Item } from '../../../src/core/items'
import { filesOf, sampleInput, testRenderer } from './support'

const CANARY = 'CANARY-7f3a9c1e-do-not-export'

describe('looksSecret', () => {
  it.each([
    'publish.wordpress.password',
    'wordpressAppPassword',
    'passwd',
    'mastodon.accessToken',
    'bluesky_refresh_token',
    'TOKEN',
    'tokens',
    'clientSecret',
    'oauth.client-secret',
    'credentials',
    'linkedinCredential',
    'apiKey',
    'x-api-key',
    'APIKEY',
    'privateKey',
    'ssh.private_key',
    'session.cookie',
    'bearerHeader',
    'vault.passphrase',
    'accesstoken',
  ])('%s looks secret', (key) => expect(looksSecret(key)).toBe(true))

  it.each(['ui.theme', 'ui.language', 'export.lastFolder', 'search.tokenizer', 'author', 'authorName', 'editor.keyMap', 'publish.wordpress.url', 'publish.wordpress.username', 'backup.keepLast'])(
    '%s does not',
    (key) => expect(looksSecret(key)).toBe(false),
  )
})

describe('buildArchive refuses anything that looks like a credential', () => {
  const input = sampleInput()
  const item = (input.items as Item[])[0]!
  const cases: [string, Partial<ArchiveInput>, Record<string, unknown>][] = [
    ['a setting named like a password', { settings: [{ key: 'publish.wordpress.password', value: CANARY }] }, { table: 'settings', recordId: 'publish.wordpress.password' }],
    ['a token setting', { settings: [{ key: 'mastodonAccessToken', value: CANARY }] }, { table: 'settings', recordId: 'mastodonAccessToken' }],
    [
      'a secret nested in a setting value',
      { settings: [{ key: 'publish.targets', value: [{ url: 'https://blog.example.org', user: 'ana', appPassword: CANARY }] }] },
      { table: 'settings', recordId: 'publish.targets', detail: 'key "appPassword"' },
    ],
    ['a secret in an extension table', { tables: { publications: [{ id: 'P1', channel: 'bluesky', apiKey: CANARY }] } }, { table: 'publications', recordId: 'P1' }],
    ['a credential field added to an item', { items: [{ ...item, wordpressCredentials: CANARY } as unknown as Item] }, { table: 'items', recordId: item.id }],
  ]

  it.each(cases)('%s', async (_name, patch, info) => {
    const error = await buildArchive({ ...input, ...patch }, { renderMarkdown: testRenderer }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ArchiveError)
    expect((error as ArchiveError).code).toBe('secret')
    expect((error as ArchiveError).info).toMatchObject(info)
    // The refusal names the key, never the value.
    expect(JSON.stringify({ message: (error as Error).message, info: (error as ArchiveError).info })).not.toContain(CANARY)
  })

  it('the same canary in ordinary text travels (it is the person’s writing, not a credential)', async () => {
    const bytes = await buildArchive({ ...input, settings: [{ key: 'ui.note', value: CANARY }] })
    const all = [...filesOf(bytes).values()].map((b) => new TextDecoder().decode(b)).join('\n')
    expect(all).toContain(CANARY)
  })

  it('no entry of a normal archive mentions a credential key', async () => {
    const bytes = await buildArchive(input, { renderMarkdown: testRenderer })
    for (const [name, data] of filesOf(bytes)) {
      if (name.startsWith('attachments/')) continue
      expect(new TextDecoder().decode(data), name).not.toMatch(/"[^"]*(password|secret|token|credential)[^"]*"\s*:/i)
    }
  })
})
