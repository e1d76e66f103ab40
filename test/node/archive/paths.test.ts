import { describe, expect, it } from 'vitest'
import { isSafeContentPath } from '../../../src/core/archive'
import { attachmentIdFromPath, attachmentPath } from '../../../src/core/archive/format'
import { pathProblem } from '../../../src/core/archive/paths'

describe('pathProblem', () => {
  it.each([
    'manifest.json',
    'data/items/0001.json',
    'attachments/01JATT0000000000000000000A.png',
    'content/posts/lété à Paris — 日本語.md',
    'content/notes/مرحبا.md',
    'content/a..b/file...md',
    '.hidden',
  ])('accepts %s', (name) => expect(pathProblem(name)).toBeNull())

  it.each([
    ['', 'unsafe-path'],
    ['../x', 'unsafe-path'],
    ['a/../../x', 'unsafe-path'],
    ['a/..', 'unsafe-path'],
    ['./a', 'unsafe-path'],
    ['a/./b', 'unsafe-path'],
    ['/etc/passwd', 'unsafe-path'],
    ['//server/share', 'unsafe-path'],
    ['C:\\x', 'unsafe-path'],
    ['C:/x', 'unsafe-path'],
    ['c:x', 'unsafe-path'],
    ['a\\b', 'unsafe-path'],
    ['..\\x', 'unsafe-path'],
    ['a//b', 'unsafe-path'],
    ['a/', 'unsafe-path'],
    ['a\u0000b', 'unsafe-path'],
    ['a\nb', 'unsafe-path'],
    ['a\u007fb', 'unsafe-path'],
    ['a:b', 'unsafe-path'],
    ['a*b', 'unsafe-path'],
    ['a?b', 'unsafe-path'],
    ['a<b>', 'unsafe-path'],
    ['a|b', 'unsafe-path'],
    ['a"b', 'unsafe-path'],
    ['x'.repeat(256), 'unsafe-path'],
    ['a/'.repeat(600) + 'b', 'unsafe-path'],
    ['__proto__', 'forbidden-name'],
    ['data/__proto__/0001.json', 'forbidden-name'],
    ['attachments/__proto__.png', 'forbidden-name'],
    ['constructor', 'forbidden-name'],
    ['content/prototype.md', 'forbidden-name'],
  ])('refuses %j (%s)', (name, problem) => expect(pathProblem(name)?.problem).toBe(problem))

  it('accepts one trailing slash only for directory entries', () => {
    expect(pathProblem('data/', true)).toBeNull()
    expect(pathProblem('data//', true)?.problem).toBe('unsafe-path')
  })
})

describe('content paths proposed by the Markdown renderer', () => {
  it.each(['posts/hello.md', 'Notes/Été.md'])('accepts %s', (path) => expect(isSafeContentPath(path)).toBe(true))
  it.each(['CON.md', 'posts/nul', 'com1.txt', 'LPT9.md', 'posts/trailing.', 'posts/trailing ', '../x.md', 'a:b.md'])('refuses %s', (path) =>
    expect(isSafeContentPath(path)).toBe(false),
  )
})

describe('attachment file names', () => {
  it('carry the id and an extension for people, and give the id back', () => {
    expect(attachmentPath('01JA', 'image/png')).toBe('attachments/01JA.png')
    expect(attachmentPath('01JA', 'image/JPEG')).toBe('attachments/01JA.jpg')
    expect(attachmentPath('01JA', 'application/x-unknown')).toBe('attachments/01JA.bin')
    expect(attachmentIdFromPath('attachments/01JA.png')).toBe('01JA')
    expect(attachmentIdFromPath('attachments/01JA')).toBe('01JA')
    expect(attachmentIdFromPath('attachments/sub/01JA.png')).toBeNull()
    expect(attachmentIdFromPath('content/01JA.png')).toBeNull()
    expect(attachmentIdFromPath('attachments/.png')).toBeNull()
  })
})
