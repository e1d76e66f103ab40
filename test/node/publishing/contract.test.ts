// The publishing part of the IPC contract: what the dispatcher lets through to the handlers.
import { describe, expect, it } from 'vitest'
import { contract } from '../../../src/core/ipc/contract'
import { PUBLISH_IMAGE_MAX_BYTES } from '../../../src/core/ipc/publishing'

const publish = contract.wordpressPublish.input
const save = contract.publishingAccountSave.input

const post = { title: 'T', html: '<p>x</p>', status: 'publish', categories: [], tags: [] }
const image = { id: 'a', fileName: 'a.png', mimeType: 'image/png', alt: '' }

describe('wordpressPublish input', () => {
  it('takes image bytes as a Uint8Array (Electron IPC) or as base64 (JSON bridges)', () => {
    expect(publish.safeParse({ accountId: 'x', post, images: [{ ...image, data: new Uint8Array([1, 2]) }] }).success).toBe(true)
    expect(publish.safeParse({ accountId: 'x', post, images: [{ ...image, data: 'AQI=' }] }).success).toBe(true)
    expect(publish.safeParse({ accountId: 'x', post, images: [{ ...image, data: 'not base64!' }] }).success).toBe(false)
    expect(publish.safeParse({ accountId: 'x', post, images: [{ ...image, data: [1, 2] }] }).success).toBe(false)
  })

  it('refuses an image over the size limit', () => {
    const data = new Uint8Array(PUBLISH_IMAGE_MAX_BYTES + 1)
    expect(publish.safeParse({ accountId: 'x', post, images: [{ ...image, data }] }).success).toBe(false)
  })

  it('accepts only image types', () => {
    expect(publish.safeParse({ accountId: 'x', post, images: [{ ...image, mimeType: 'text/html', data: 'AQI=' }] }).success).toBe(false)
  })

  it('needs the instant of a scheduled post, as an ISO 8601 date with its offset', () => {
    expect(publish.safeParse({ accountId: 'x', post: { ...post, status: 'future' }, images: [] }).success).toBe(false)
    expect(publish.safeParse({ accountId: 'x', post: { ...post, status: 'future', dateGmt: '2030-07-14T07:30:00Z' }, images: [] }).success).toBe(true)
    expect(publish.safeParse({ accountId: 'x', post: { ...post, status: 'future', dateGmt: '2030-07-14T09:30:00+02:00' }, images: [] }).success).toBe(true)
    expect(publish.safeParse({ accountId: 'x', post: { ...post, status: 'future', dateGmt: '14/07/2030 09:30' }, images: [] }).success).toBe(false)
    expect(publish.safeParse({ accountId: 'x', post: { ...post, status: 'pending' }, images: [] }).success).toBe(false)
  })

  it('a remote id is a positive integer', () => {
    expect(publish.safeParse({ accountId: 'x', remoteId: 12, post, images: [] }).success).toBe(true)
    expect(publish.safeParse({ accountId: 'x', remoteId: 0, post, images: [] }).success).toBe(false)
    expect(publish.safeParse({ accountId: 'x', remoteId: 1.5, post, images: [] }).success).toBe(false)
  })
})

describe('publishingAccountSave input', () => {
  it('needs a site, a user name and an application password', () => {
    const ok = { kind: 'wordpress', siteUrl: 'example.org', username: 'me', applicationPassword: 'abcd efgh' }
    expect(save.safeParse(ok).success).toBe(true)
    expect(save.safeParse({ ...ok, username: '   ' }).success).toBe(false)
    expect(save.safeParse({ ...ok, applicationPassword: '' }).success).toBe(false)
    expect(save.safeParse({ ...ok, kind: 'mastodon' }).success).toBe(false)
  })

  it('a refused input never quotes the password back', () => {
    const secret = `canary-${'x'.repeat(300)}`
    const result = save.safeParse({ kind: 'wordpress', siteUrl: 'example.org', username: 'me', applicationPassword: secret })
    expect(result.success).toBe(false)
    expect(JSON.stringify(result.error?.issues)).not.toContain('canary-')
  })
})
