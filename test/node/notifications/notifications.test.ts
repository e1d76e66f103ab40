// Desktop notifications through the real dispatcher and handlers, with a fake Electron Notification: what the
// renderer asks for is shown as given (title and body, control characters dropped), a click focuses the window
// and sends `notificationClick` with the target back; bad input never reaches the OS; no support → not shown.
import { describe, expect, it } from 'vitest'
import { createHandlers } from '../../../electron/main/handlers'
import type { NotificationLike } from '../../../electron/main/handlers/notifications'
import { createDispatcher, createSenderCheck } from '../../../electron/main/ipc/dispatcher'
import type { EventPayloads } from '../../../src/core/ipc/contract'

const APP = 'file:///opt/baluchon/out/renderer/index.html'

function setUp(supported = true, window: 'focused' | 'opened' = 'focused') {
  const shown: FakeNotification[] = []
  const sent: { event: string; payload: EventPayloads['notificationClick'] }[] = []
  let focused = 0
  class FakeNotification implements NotificationLike {
    static isSupported = () => supported
    readonly listeners = new Map<string, () => void>()
    visible = false
    constructor(readonly options: { title: string; body: string }) {}
    on(event: 'click' | 'close', listener: () => void) {
      this.listeners.set(event, listener)
      return this
    }
    show() {
      this.visible = true
      shown.push(this)
    }
    click() {
      this.listeners.get('click')?.()
    }
  }
  const dispatch = createDispatcher({
    isTrustedSender: createSenderCheck(['file:///opt/baluchon/out/renderer/']),
    logError: () => undefined,
    handlers: createHandlers({
      appInfo: () => ({ version: '1', platform: 'linux', locale: 'en', dataPath: '/tmp' }),
      setMenuLanguage: () => undefined,
      openExternal: async () => undefined,
      readyToClose: () => undefined,
      linkPreview: { isOnline: () => false, resolveHost: async () => [], fetch: () => Promise.reject(new Error('offline')) },
      backup: { showSaveDialog: async () => null, showOpenDialog: async () => null, autoBackupDir: () => null },
      notifications: {
        Notification: FakeNotification,
        focusWindow: () => {
          focused++
          return window
        },
        send: (event, payload) => void sent.push({ event, payload }),
      },
    }),
  })
  return { dispatch, shown, sent, focused: () => focused }
}

describe('a click with no window open (macOS)', () => {
  it('opens a window and keeps the click for its renderer, which takes it once', async () => {
    const { dispatch, shown, sent, focused } = setUp(true, 'opened')
    await dispatch('notificationShow', { title: 'Time to post on X', body: '', target: { kind: 'publication', publicationId: '01JDX0' } }, APP)
    shown[0]!.click()
    expect(focused()).toBe(1)
    // Nothing sent to a window that is still loading: it would be lost.
    expect(sent).toEqual([])
    expect(await dispatch('notificationTakePending', undefined, APP)).toEqual({ ok: true, value: { target: { kind: 'publication', publicationId: '01JDX0' } } })
    expect(await dispatch('notificationTakePending', undefined, APP)).toEqual({ ok: true, value: { target: null } })
  })

  it('nothing waits after a click on a window that was open', async () => {
    const { dispatch, shown } = setUp()
    await dispatch('notificationShow', { title: 'Time to post on X', body: '', target: { kind: 'publication', publicationId: 'a' } }, APP)
    shown[0]!.click()
    expect(await dispatch('notificationTakePending', undefined, APP)).toEqual({ ok: true, value: { target: null } })
  })
})

describe('notificationShow', () => {
  it('shows the notification as the renderer wrote it; a click focuses the window and sends the target back', async () => {
    const { dispatch, shown, sent, focused } = setUp()
    const result = await dispatch(
      'notificationShow',
      { title: 'Time to post on X', body: '“Offline first\u0007 apps” — the thread is ready to copy', target: { kind: 'publication', publicationId: '01JDX0' } },
      APP,
    )
    expect(result).toEqual({ ok: true, value: { shown: true } })
    expect(shown.map((n) => n.options)).toEqual([{ title: 'Time to post on X', body: '“Offline first apps” — the thread is ready to copy' }])
    expect(sent).toEqual([])
    expect(focused()).toBe(0)

    shown[0]!.click()
    expect(focused()).toBe(1)
    expect(sent).toEqual([{ event: 'notificationClick', payload: { target: { kind: 'publication', publicationId: '01JDX0' } } }])
  })

  it('carries a summary target (several reminders at once)', async () => {
    const { dispatch, shown, sent } = setUp()
    await dispatch('notificationShow', { title: '3 posts to publish', body: 'X, LinkedIn, Bluesky', target: { kind: 'publications', filter: 'waiting' } }, APP)
    shown[0]!.click()
    expect(sent[0]!.payload).toEqual({ target: { kind: 'publications', filter: 'waiting' } })
  })

  it('answers shown: false where the system has no notifications', async () => {
    const { dispatch, shown } = setUp(false)
    const result = await dispatch('notificationShow', { title: 'Time to post on X', body: '', target: { kind: 'publication', publicationId: 'a' } }, APP)
    expect(result).toEqual({ ok: true, value: { shown: false } })
    expect(shown).toEqual([])
  })

  it('refuses bad input and other senders before anything reaches the system', async () => {
    const { dispatch, shown } = setUp()
    const empty = await dispatch('notificationShow', { title: '   ', body: 'x', target: { kind: 'publication', publicationId: 'a' } }, APP)
    const long = await dispatch('notificationShow', { title: 'x'.repeat(201), body: 'x', target: { kind: 'publication', publicationId: 'a' } }, APP)
    const target = await dispatch('notificationShow', { title: 'x', body: 'x', target: { kind: 'url', url: 'https://evil.example' } }, APP)
    const stranger = await dispatch('notificationShow', { title: 'x', body: 'x', target: { kind: 'publication', publicationId: 'a' } }, 'https://evil.example/')
    for (const result of [empty, long, target]) expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(stranger).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
    expect(shown).toEqual([])
  })
})
