// The Tiptap editor outlives the ItemEditor that shows it. Building one (extensions, schema, plugins,
// keymaps, the ProseMirror view) costs 200–300 ms of main-thread time the first time its code runs,
// which a person felt as the first open of every session (bench open-item p95 ~380 ms, p50 ~35 ms).
// So the editor is built ahead of need, while the app is idle after its first paint (prebuildEditor),
// and kept when the detail pane goes (Trash, welcome screen): the next ItemEditor adopts it.
//
// An editor is shown by one ItemEditor at a time (a lease, taken when the component commits). Whatever
// the editor calls back (typing, blur, paste, Mod-K) goes to the ItemEditor holding the lease, through
// its EditorHost; with no lease, the callbacks do nothing (nothing is shown, nothing can change).
import { Editor } from '@tiptap/core'
import type { RichDoc } from '../../core/doc'
import { i18next } from '../../i18n'
import type { BaluchonDb } from '../../db'
import type { AttachmentErrorCode } from '../attachments/errors'
import { attachmentUrlsFor } from '../attachments/objectUrls'
import { buildEditorProps } from './editorProps'
import { editorExtensions } from './extensions'
import type { EditorSession } from './session'
import { clearDocument, showDocument } from './showDocument'
import { appendHiddenStage } from '../../lib/hiddenStage'

/** What the ItemEditor showing the editor answers for. */
export interface EditorHost {
  /** The session whose document the editor shows. */
  shown(): EditorSession | null
  openLinkForm(): void
  imageErrors(codes: AttachmentErrorCode[]): void
  /** A link to another item was followed (Ctrl/Cmd+click). */
  openItem(id: string): void
  bodyLabel(): string
  bodyPlaceholder(): string
}

interface Lease {
  db: BaluchonDb
  host: EditorHost | null
  /** The ItemEditor instance holding the editor (any object unique to it), or null. */
  holder: object | null
  destroyTimer: ReturnType<typeof setTimeout> | null
}

const leases = new WeakMap<Editor, Lease>()
/** The editor kept for the next ItemEditor (at most one). */
let spare: Editor | null = null

function buildEditor(db: BaluchonDb): Editor {
  const lease: Lease = { db, host: null, holder: null, destroyTimer: null }
  let editor: Editor | null = null
  editor = new Editor({
    extensions: editorExtensions({ urls: attachmentUrlsFor(db), onEditLink: () => lease.host?.openLinkForm() }),
    // Tiptap's core `delete` extension tells 'delete' listeners what each change removed: after every transaction
    // (every key) it replays the transaction's steps over the document before it in a timer task of its own. Nothing
    // here listens for 'delete', and in the 200 KB draft that task took up to 1-2.5 ms, sometimes before the key's
    // frame (bench editor-keystroke, traced).
    enableCoreExtensions: { delete: false },
    // Each item's document is put in by showDocument, which also checks it against the schema.
    editorProps: buildEditorProps({
      db,
      getItemId: () => lease.host?.shown()?.itemId ?? null,
      getEditor: () => editor,
      onImageErrors: (codes) => lease.host?.imageErrors(codes),
      onOpenItem: (id) => lease.host?.openItem(id),
      getLabel: () => lease.host?.bodyLabel() ?? i18next.t('body', { ns: 'editor' }),
      getPlaceholder: () => lease.host?.bodyPlaceholder() ?? i18next.t('bodyPlaceholder', { ns: 'editor' }),
    }),
    onUpdate: () => lease.host?.shown()?.saver.change(),
    onBlur: () => void lease.host?.shown()?.saver.flush(),
  })
  leases.set(editor, lease)
  return editor
}

const usable = (editor: Editor | null, db: BaluchonDb): boolean => {
  const lease = editor && leases.get(editor)
  return !!editor && !editor.isDestroyed && !!lease && lease.db === db && lease.holder === null
}

/**
 * A document with every kind of block and mark the editor draws (images apart: they would read the
 * database), shown once in the spare editor and taken out again: ProseMirror's drawing code then runs
 * warm on the first real open (run cold, it cost that open 60–100 ms more).
 */
export const WARM_UP_DOC: RichDoc = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Title' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Some ' },
        { type: 'text', marks: [{ type: 'bold' }], text: 'bold' },
        { type: 'text', marks: [{ type: 'italic' }, { type: 'strike' }], text: ' words' },
        { type: 'text', marks: [{ type: 'code' }], text: 'code' },
        { type: 'text', marks: [{ type: 'link', attrs: { href: 'https://example.org' } }], text: 'link' },
      ],
    },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] }] },
    { type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'two' }] }] }] },
    { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: true }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'three' }] }] }] },
    { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'quote' }] }] },
    { type: 'codeBlock', content: [{ type: 'text', text: 'let x = 1' }] },
    { type: 'horizontalRule' },
    {
      type: 'table',
      content: [
        { type: 'tableRow', content: [{ type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }] }] }] },
        { type: 'tableRow', content: [{ type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'b' }] }] }] },
      ],
    },
  ],
}

/** Builds the editor for the next ItemEditor now, if there is none yet (call when the app is idle). */
export function prebuildEditor(db: BaluchonDb): void {
  if (usable(spare, db)) return
  if (spare && !leases.get(spare)?.holder) spare.destroy()
  const editor = buildEditor(db)
  spare = editor
  // Drawing warmed up in a later task, so the build alone holds the thread, not both.
  setTimeout(() => {
    if (spare !== editor || editor.isDestroyed) return
    const stage = stageOffscreen(editor)
    showDocument(editor, WARM_UP_DOC, '')
    editor.createNodeViews()
    warmTyping(editor)
    // Laid out once where the editor's styles apply: the fonts, weights and styles the editor draws with
    // are looked up now rather than inside the first open (whose first layout was 20 ms of its 70 ms of
    // work, profiled, against 1–3 ms for the opens after it).
    stage?.getBoundingClientRect()
    clearDocument(editor)
    stage?.remove()
  }, 0)
}

/**
 * Types into the warm-up document the way a person's keys reach ProseMirror: key handlers (the keymaps), then
 * the text the browser put in the page read back by the DOM observer, input rules and the transaction drawn.
 * Run cold, that path made the first keystroke of a session 20-30 ms against 10-12 for the next ones
 * (bench editor-keystroke). No ItemEditor holds the editor now, so nothing is saved (its callbacks go to no
 * one) and the document is emptied just after. Never throws: warming is optional.
 */
export const TYPING_WARMED_MARK = 'baluchon:editor-typing-warmed'

function warmTyping(editor: Editor): void {
  try {
    const { view } = editor
    const key = (name: string) => view.someProp('handleKeyDown', (handle) => handle(view, new KeyboardEvent('keydown', { key: name })))
    const text = firstParagraphText(view.dom)
    // ProseMirror's DOM observer (not in its typings): reads what the browser changed, as it does after a key.
    const observer = (view as unknown as { domObserver?: { flush?: () => void } }).domObserver
    if (text && typeof observer?.flush === 'function') {
      editor.commands.setTextSelection(view.posAtDOM(text, text.data.length))
      for (const letter of 'ab') {
        key(letter)
        text.data += letter
        observer.flush()
      }
    }
    key('Enter')
    key('Backspace')
    // For tests and profiles: the typed letters did reach the document through that path.
    if (editor.state.doc.textContent.includes('Some ab')) performance.mark?.(TYPING_WARMED_MARK)
  } catch (error) {
    console.debug('[editor] typing warm-up skipped', error)
  }
}

function firstParagraphText(root: HTMLElement): Text | null {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.parentElement?.tagName === 'P') return node as Text
  return null
}

/**
 * The spare editor if it is free and shows nothing, for the detail pane's warm-up (EditorWarmUp) to draw its
 * toolbar and content once; null otherwise (an item is open, or the editor is not built yet). It stays the spare.
 */
export function spareForWarmUp(db: BaluchonDb): Editor | null {
  return spare && usable(spare, db) && spare.state.doc.textContent === '' ? spare : null
}

/**
 * Puts the editor's element, for a moment (one task: it is never painted), in a hidden box of the page
 * with the classes the item editor shows it in (out of the accessibility tree, unreachable by focus).
 * Returns the box to remove afterwards; the element stays in it, outside the page, until an ItemEditor
 * adopts it.
 */
function stageOffscreen(editor: Editor): HTMLElement | null {
  const element = editor.view.dom.parentElement
  if (typeof document === 'undefined' || !document.body || !element) return null
  // In the viewport (blocks are content-visibility: auto: off screen they would not be laid out), yet never
  // painted: it leaves the page in the same task it came in.
  const stage = appendHiddenStage('be-editor')
  stage.style.width = '720px'
  const page = document.createElement('div')
  page.className = 'be-page'
  const title = document.createElement('textarea')
  title.className = 'be-title'
  title.value = 'Title'
  title.tabIndex = -1
  const body = document.createElement('div')
  body.className = 'be-body'
  body.append(element)
  page.append(title, body)
  stage.append(page)
  return stage
}

/**
 * The editor an ItemEditor should show: the spare one if free, else a new one. Called while rendering
 * (StrictMode may call it twice and keep one answer): it only looks, the lease is taken at commit.
 */
export function editorFor(db: BaluchonDb): Editor {
  return spare && usable(spare, db) ? spare : buildEditor(db)
}

/**
 * The ItemEditor `holder` starts showing `editor`, its callbacks going to `host`. False if another
 * ItemEditor already holds it (two rendered at once): the caller takes a new one from editorFor.
 */
export function leaseEditor(editor: Editor, holder: object, host: EditorHost): boolean {
  const lease = leases.get(editor)
  if (!lease || editor.isDestroyed || (lease.holder !== null && lease.holder !== holder)) return false
  if (lease.destroyTimer) clearTimeout(lease.destroyTimer)
  lease.destroyTimer = null
  lease.holder = holder
  lease.host = host
  if (spare === editor) spare = null
  return true
}

/** True while `holder` holds the editor (between leaseEditor and releaseEditor). */
export function holdsEditor(editor: Editor, holder: object): boolean {
  return leases.get(editor)?.holder === holder
}

/**
 * The ItemEditor stops showing it. It becomes the spare, unless there is one already: then it is
 * destroyed, a tick later if no one has taken it back meanwhile (StrictMode re-runs effects at once).
 */
export function releaseEditor(editor: Editor, holder: object): void {
  const lease = leases.get(editor)
  if (!lease || lease.holder !== holder) return
  lease.holder = null
  lease.host = null
  if (editor.isDestroyed) return
  if (spare === null || spare.isDestroyed || leases.get(spare)?.db !== lease.db) {
    spare?.destroy()
    spare = editor
    return
  }
  lease.destroyTimer = setTimeout(() => {
    lease.destroyTimer = null
    if (lease.holder === null && spare !== editor && !editor.isDestroyed) editor.destroy()
  }, 0)
}
