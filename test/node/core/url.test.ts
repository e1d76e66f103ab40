import { describe, expect, it } from 'vitest'
import { isBlockedAddress, isSafeExternalUrl, normalizeLinkUrl } from '../../../src/core/url'

describe('isSafeExternalUrl: only http(s) and mailto leave the app', () => {
  it.each([
    ['https://example.org/page?q=1#x', true],
    ['http://example.org', true],
    ['  https://example.org  ', true],
    ['HTTPS://EXAMPLE.ORG', true],
    ['mailto:someone@example.org', true],
    ['mailto:someone@example.org?subject=Hi', true],
    ['mailto:', false],
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    [' javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['vbscript:msgbox', false],
    ['ftp://example.org/file', false],
    ['chrome://settings', false],
    ['ms-settings:privacy', false],
    ['//example.org', false],
    ['/relative/path', false],
    ['http://', false],
    ['', false],
    ['not a url', false],
  ])('%j -> %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected)
  })
})

describe('normalizeLinkUrl: what a link item may point to', () => {
  it.each([
    ['https://example.org/page', 'https://example.org/page'],
    ['  https://Example.ORG  ', 'https://example.org/'],
    ['example.org/page', 'https://example.org/page'],
    ['www.example.org', 'https://www.example.org/'],
    ['example.org:8080/x', 'https://example.org:8080/x'],
    ['localhost:3000', 'https://localhost:3000/'],
    ['http://example.org/a b', 'http://example.org/a%20b'],
    ['http://example.org/#', 'http://example.org/'],
    ['http://example.org/#section', 'http://example.org/#section'],
    ['https://[2001:db8::1]/x', 'https://[2001:db8::1]/x'],
    ['https://café.example/', 'https://xn--caf-dma.example/'],
    ['javascript:alert(1)', null],
    ['javascript:1', null],
    ['file:///etc/passwd', null],
    ['data:text/html,hi', null],
    ['mailto:someone@example.org', null],
    ['mailto:123@example.org', null],
    ['ftp://example.org/', null],
    ['hello', null],
    ['', null],
    ['   ', null],
    ['https://', null],
  ])('%j -> %j', (raw, expected) => {
    expect(normalizeLinkUrl(raw)).toBe(expected)
  })
})

describe('isBlockedAddress: where main never fetches', () => {
  it.each([
    // IPv4
    ['127.0.0.1', true],
    ['127.255.255.254', true],
    ['0.0.0.0', true],
    ['10.0.0.1', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['172.15.255.255', false],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['169.253.0.1', false],
    ['100.64.0.1', true],
    ['100.127.255.255', true],
    ['100.63.255.255', false],
    ['100.128.0.1', false],
    ['198.18.0.1', true],
    ['198.19.255.255', true],
    ['198.20.0.1', false],
    ['224.0.0.1', true],
    ['255.255.255.255', true],
    ['8.8.8.8', false],
    ['93.184.216.34', false],
    ['203.0.113.10', false],
    // IPv6, bare or in URL brackets, any case
    ['::1', true],
    ['::7f00:1', true],
    ['64:ff9b::7f00:1', true],
    ['2001:4860:4860::8888', false],
    ['[::1]', true],
    ['::', true],
    ['fe80::1', true],
    ['FE80::1', true],
    ['febf::1', true],
    ['fc00::1', true],
    ['fd12:3456::1', true],
    ['ff02::1', true],
    ['::ffff:127.0.0.1', true],
    ['[::ffff:127.0.0.1]', true],
    ['::ffff:7f00:1', true],
    ['::ffff:10.0.0.1', true],
    ['2001:db8::1', false],
    ['2606:4700:4700::1111', false],
    // names
    ['localhost', true],
    ['LOCALHOST', true],
    ['app.localhost', true],
    ['printer.local', true],
    ['service.internal', true],
    ['example.org', false],
    ['localhost.example.org', false],
    ['fd.example.org', false],
  ])('%s -> %s', (address, expected) => {
    expect(isBlockedAddress(address)).toBe(expected)
  })
})
