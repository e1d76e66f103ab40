// Shared set-up for the editor's component tests: jsdom polyfills ProseMirror needs, a fresh
// database per test, the i18n bundle, a fake window.api, and clipboard/drop events jsdom lacks.
import { Blob as NodeBlob, File as NodeFile } from 'node:buffer'
import { act, render, type RenderResult } from '@testing-library/react'
import { vi } from 'vitest'
import type { Item } from '../../../src/core/items'
import { BaluchonDb, setDb } from '../../../src/db'
import { initI18n } from '../../../src/i18n'
import { createItem } from '../../../src/features/items/repository'
import { ItemEditor } from '../../../src/features/editor'

let installed = false

/** jsdom has no layout: ProseMirror asks for rects when scrolling the selection into view and on clicks. */
export function installDomPolyfills(): void {
  if (installed) return
  installed = true
  const rect = (): DOMRect => ({ x: 0, y: 0, top: 0, left: 0, bottom: 0, right: 0, width: 0, height: 0, toJSON: () => ({}) }) as DOMRect
  const rectList = (): DOMRectList => Object.assign([], { item: () => null }) as unknown as DOMRectList
  Range.prototype.getBoundingClientRect = rect
  Range.prototype.getClientRects = rectList
  Element.prototype.getClientRects ??= rectList
  document.elementFromPoint ??= () => null
  Element.prototype.scrollIntoView ??= () => undefined
  // jsdom's Blob cannot go through IndexedDB's structured clone nor Web Crypto: use Node's, as Chromium's would.
  globalThis.Blob = NodeBlob as unknown as typeof Blob
  globalThis.File = NodeFile as unknown as typeof File
}

export interface FakeApi {
  openExternal: ReturnType<typeof vi.fn>
  readyToClose: ReturnType<typeof vi.fn>
  on: ReturnType<typeof vi.fn>
  /** Sends an event as main would. */
  emit: (event: string, payload?: unknown) => void
}

export function installFakeApi(): FakeApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const api: FakeApi = {
    openExternal: vi.fn(async () => ({ ok: true, value: undefined })),
    readyToClose: vi.fn(async () => ({ ok: true, value: undefined })),
    on: vi.fn((event: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    }),
    emit: (event, payload = {}) => listeners.get(event)?.forEach((l) => l(payload)),
  }
  ;(window as unknown as { api: unknown }).api = api
  return api
}

let n = 0
export async function freshDb(): Promise<BaluchonDb> {
  const db = new BaluchonDb(`editor-test-${Date.now()}-${n++}`)
  await db.open()
  setDb(db)
  return db
}

export async function setupEditorTest(language: 'en' | 'fr' = 'en'): Promise<{ db: BaluchonDb; api: FakeApi }> {
  installDomPolyfills()
  await initI18n(language)
  const api = installFakeApi()
  const db = await freshDb()
  return { db, api }
}

export async function newNote(db: BaluchonDb, init: Partial<Item> = {}): Promise<Item> {
  return createItem(db, 'note', init)
}

export function renderEditor(item: Item): RenderResult & { rerenderItem: (next: Item) => void } {
  const result = render(<ItemEditor item={item} />)
  return Object.assign(result, { rerenderItem: (next: Item) => result.rerender(<ItemEditor item={next} />) })
}

/** The ProseMirror view behind the "Body" textbox. */
export function bodyElement(container: HTMLElement): HTMLElement {
  const el = container.querySelector<HTMLElement>('.ProseMirror')
  if (!el) throw new Error('No editor body')
  return el
}

interface FakeClipboard {
  html?: string
  text?: string
  files?: File[]
  types?: string[]
}

/** A paste event with clipboard data, as a browser fires it (jsdom has no DataTransfer). */
export function pasteInto(target: HTMLElement, clip: FakeClipboard): Event {
  const data: Record<string, string> = {}
  if (clip.html !== undefined) data['text/html'] = clip.html
  if (clip.text !== undefined) data['text/plain'] = clip.text
  const files = clip.files ?? []
  const clipboardData = {
    types: clip.types ?? [...Object.keys(data), ...(files.length ? ['Files'] : [])],
    files: Object.assign([...files], { item: (i: number) => files[i] ?? null }),
    items: [],
    getData: (type: string) => data[type] ?? '',
    setData: () => undefined,
  }
  const event = new Event('paste', { bubbles: true, cancelable: true })
  Object.defineProperty(event, 'clipboardData', { value: clipboardData })
  act(() => {
    target.dispatchEvent(event)
  })
  return event
}

/** A small valid PNG (1×1, red). */
export function pngFile(name = 'pixel.png', variant = 0): File {
  const base64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='
  const bytes = Uint8Array.from(Buffer.from(base64, 'base64'))
  // A different trailing byte makes a different image for de-duplication tests.
  const payload = variant ? Uint8Array.from([...bytes, variant]) : bytes
  return new File([payload], name, { type: 'image/png' })
}

/** The Tiptap editor behind a rendered ItemEditor (Tiptap hangs it on its root element). */
export function editorOf(container: HTMLElement): import('@tiptap/core').Editor {
  const editor = (bodyElement(container) as HTMLElement & { editor?: import('@tiptap/core').Editor }).editor
  if (!editor) throw new Error('No Tiptap editor on the body element')
  return editor
}

/**
 * Types text as the keyboard would: each character goes through ProseMirror's text-input hook
 * (where Markdown input rules run) and is inserted if no rule took it.
 */
export function typeText(editor: import('@tiptap/core').Editor, text: string): void {
  act(() => {
    for (const ch of text) {
      const view = editor.view
      const { from, to } = view.state.selection
      const deflt = () => view.state.tr.insertText(ch, from, to)
      const handled = view.someProp('handleTextInput', (f) => f(view, from, to, ch, deflt))
      if (!handled) view.dispatch(deflt())
    }
  })
}

/** Presses a key (with modifiers) in the editor, through ProseMirror's keymaps. */
export function pressKey(editor: import('@tiptap/core').Editor, key: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean } = {}): boolean {
  let handled = false
  act(() => {
    const view = editor.view
    const keyCode = key.length === 1 ? key.toUpperCase().charCodeAt(0) : 0
    const event = new KeyboardEvent('keydown', { key, ctrlKey: !!mods.ctrl, shiftKey: !!mods.shift, altKey: !!mods.alt, bubbles: true, cancelable: true })
    // jsdom ignores keyCode in the init dict; ProseMirror's keymap needs it to match Shift+letter shortcuts.
    Object.defineProperty(event, 'keyCode', { value: keyCode })
    handled = !!view.someProp('handleKeyDown', (f) => f(view, event))
  })
  return handled
}

/**
 * The save state's words as shown. The status bar lays both words out and hides one (aria-hidden, which editor.css
 * paints transparent): the words shown are the save region's text less what is hidden.
 */
export function shownSaveWords(root: ParentNode = document): string {
  const region = root.querySelector('.be-status-save')
  if (!region) throw new Error('No save state in the page')
  return shownText(region)
}

function shownText(node: Node): string {
  if (node instanceof Element && node.getAttribute('aria-hidden') === 'true') return ''
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? ''
  return [...node.childNodes].map(shownText).join('')
}
