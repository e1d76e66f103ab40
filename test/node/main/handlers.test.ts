// The handlers behind the dispatcher, with recorded fakes for what Electron does in the app.
import { describe, expect, it } from 'vitest'
import { createHandlers, type HandlerDeps } from '../../../electron/main/handlers'
import { createDispatcher, createSenderCheck } from '../../../electron/main/ipc/dispatcher'
import type { Language } from '../../../src/core/ipc/contract'

const APP = 'file:///app/out/renderer/index.html'

function setUp() {
  const opened: string[] = []
  const languages: Language[] = []
  let closes = 0
  const deps: HandlerDeps = {
    appInfo: () => ({ version: '0.1.0', platform: 'linux', locale: 'fr-FR', dataPath: '/home/me/.config/Baluchon' }),
    setMenuLanguage: (language) => void languages.push(language),
    openExternal: async (url) => void opened.push(url),
    readyToClose: () => void closes++,
    linkPreview: {
      isOnline: () => false,
      resolveHost: () => Promise.reject(new Error('no DNS in this test')),
      fetch: () => Promise.reject(new Error('no network in this test')),
    },
    // Backups have their own tests (test/node/backup): here every dialog is cancelled.
    backup: { showSaveDialog: async () => null, showOpenDialog: async () => null, autoBackupDir: () => '/nonexistent/backups' },
  }
  const dispatch = createDispatcher({ handlers: createHandlers(deps), isTrustedSender: createSenderCheck(['file:///app/out/renderer/']) })
  return { dispatch, opened, languages, closes: () => closes }
}

describe('openExternal', () => {
  it.each([
    'https://example.org/page',
    'http://example.org',
    'mailto:someone@example.org?subject=Hello',
  ])('opens %s', async (url) => {
    const { dispatch, opened } = setUp()
    await expect(dispatch('openExternal', { url }, APP)).resolves.toEqual({ ok: true, value: undefined })
    expect(opened).toEqual([url])
  })

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'file:///etc/passwd',
    'file:///C:/Windows/System32/calc.exe',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'mailto:',
    'http://',
    'not a url',
    '',
  ])('refuses %j with unsupported-url and opens nothing', async (url) => {
    const { dispatch, opened } = setUp()
    const result = await dispatch('openExternal', { url }, APP)
    expect(result).toMatchObject({ ok: false, error: { code: 'unsupported-url' } })
    expect(opened).toEqual([])
  })
})

describe('the other handlers delegate to their dependency', () => {
  it('appInfo', async () => {
    const { dispatch } = setUp()
    await expect(dispatch('appInfo', undefined, APP)).resolves.toMatchObject({ ok: true, value: { locale: 'fr-FR' } })
  })

  it('setMenuLanguage', async () => {
    const { dispatch, languages } = setUp()
    await dispatch('setMenuLanguage', { language: 'fr' }, APP)
    await dispatch('setMenuLanguage', { language: 'en' }, APP)
    expect(languages).toEqual(['fr', 'en'])
  })

  it('readyToClose', async () => {
    const { dispatch, closes } = setUp()
    await dispatch('readyToClose', undefined, APP)
    expect(closes()).toBe(1)
  })

  it('linkPreview (offline here) comes back as a typed error', async () => {
    const { dispatch } = setUp()
    await expect(dispatch('linkPreview', { url: 'https://example.org/' }, APP)).resolves.toMatchObject({
      ok: false,
      error: { code: 'offline' },
    })
  })
})
