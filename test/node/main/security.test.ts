// Electron's security checklist as applied by electron/main/security.ts, checked with stand-ins for
// Session and WebContents (no Electron at run time in tests).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Session, WebContents } from 'electron'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, hardenSession, hardenWebContents } from '../../../electron/main/security'

type Listener = (...args: unknown[]) => void

function fakeContents() {
  const listeners = new Map<string, Listener>()
  let windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  const contents = {
    on: (event: string, listener: Listener) => listeners.set(event, listener),
    setWindowOpenHandler: (handler: typeof windowOpenHandler) => {
      windowOpenHandler = handler
    },
  }
  return {
    contents: contents as unknown as WebContents,
    fire(event: string, url?: string) {
      let prevented = false
      listeners.get(event)?.({ preventDefault: () => (prevented = true) }, url)
      return prevented
    },
    open: (url: string) => windowOpenHandler!({ url }),
  }
}

const appPrefix = 'file:///opt/baluchon/out/renderer/'
const isAppUrl = (url: string) => url.startsWith(appPrefix)

describe('hardenWebContents', () => {
  it.each([
    ['the app itself', `${appPrefix}index.html`, false, []],
    ['an https page', 'https://example.org/', true, ['https://example.org/']],
    ['a mailto link', 'mailto:me@example.org', true, ['mailto:me@example.org']],
    ['a file URL', 'file:///etc/passwd', true, []],
    ['a javascript URL', 'javascript:alert(1)', true, []],
    ['a custom scheme', 'smb://server/share', true, []],
  ])('navigation to %s: blocked=%s, opened outside=%j', (_name, url, blocked, opened) => {
    const openedUrls: string[] = []
    const fake = fakeContents()
    hardenWebContents(fake.contents, isAppUrl, (u) => openedUrls.push(u))
    expect(fake.fire('will-navigate', url)).toBe(blocked)
    expect(openedUrls).toEqual(opened)
  })

  it.each([['https://example.org/'], ['javascript:alert(1)'], [`${appPrefix}index.html`], ['file:///tmp/x.html']])(
    'window.open(%s) is always denied',
    (url) => {
      const fake = fakeContents()
      const openedUrls: string[] = []
      hardenWebContents(fake.contents, isAppUrl, (u) => openedUrls.push(u))
      expect(fake.open(url)).toEqual({ action: 'deny' })
      expect(openedUrls.every((u) => /^(https?|mailto):/.test(u))).toBe(true)
    },
  )

  it('blocks redirects away from the app and every <webview>', () => {
    const fake = fakeContents()
    hardenWebContents(fake.contents, isAppUrl, () => {})
    expect(fake.fire('will-redirect', 'https://evil.example/')).toBe(true)
    expect(fake.fire('will-redirect', `${appPrefix}index.html`)).toBe(false)
    expect(fake.fire('will-attach-webview')).toBe(true)
  })
})

describe('hardenSession', () => {
  it('denies every permission and adds the CSP header to every response', () => {
    let requestHandler: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null = null
    let checkHandler: (() => boolean) | null = null
    let headersHandler: ((details: { responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void) | null = null
    const session = {
      setPermissionRequestHandler: (h: typeof requestHandler) => (requestHandler = h),
      setPermissionCheckHandler: (h: typeof checkHandler) => (checkHandler = h),
      webRequest: { onHeadersReceived: (h: typeof headersHandler) => (headersHandler = h) },
    }
    hardenSession(session as unknown as Session)
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | null = null
      requestHandler!(null, permission, (g) => (granted = g))
      expect(granted).toBe(false)
    }
    expect(checkHandler!()).toBe(false)
    let headers: Record<string, string[]> = {}
    headersHandler!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (headers = r.responseHeaders))
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY])
    expect(headers['Content-Type']).toEqual(['text/html'])
  })

  it('the CSP allows no inline or remote script, no plugins, no framing', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/)
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/)
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'")
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'")
  })

  it('the page carries the same script policy in its meta tag (for the dev server and the harness)', () => {
    const html = readFileSync(join(__dirname, '../../../src/index.html'), 'utf8')
    const meta = /Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? ''
    expect(meta).toMatch(/script-src 'self';/)
    expect(meta).toContain("object-src 'none'")
  })
})

describe('main window settings', () => {
  it('creates the window isolated, sandboxed, without Node, and asks for a single instance', () => {
    const source = readFileSync(join(__dirname, '../../../electron/main/index.ts'), 'utf8')
    expect(source).toMatch(/contextIsolation: true/)
    expect(source).toMatch(/sandbox: true/)
    expect(source).toMatch(/nodeIntegration: false/)
    expect(source).toMatch(/requestSingleInstanceLock\(\)/)
    expect(source).not.toMatch(/webSecurity: false|allowRunningInsecureContent: true/)
  })
})
