// One item's stay in the editor: its autosaver, what the database holds as far as this editor knows,
// and the rescue copy it came back with. The editor (one Tiptap instance, kept across items because
// creating one costs more than the whole open-item budget) shows one session's document at a time;
// a session reads the document only while it is the one shown, and captures it when it stops being.
import type { Editor } from '@tiptap/core'
import type { RichDoc } from '../../core/doc'
import type { Item } from '../../core/items'
import type { BaluchonDb } from '../../db'
import type { ContentPatch } from '../items/repository'
import { Autosaver } from './autosave'
import { docJsonParts } from './docJson'
import { draftContent } from './draftContent'
import { noteEchoedUpdate } from '../library/echoedUpdates'
import { noteOwnSave } from './ownSaves'
import { dropRescueCopy, keepRescueCopy, takeRescueCopy, type RescuedContent } from './rescue'
import { postSaveBase, prepareSaveWorker, saveContentOffThread } from './saveOffThread'
import { completeDocument } from './showDocument'

/** Titles are one line: pasted line breaks become spaces. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ')
}

/** Runs `work` when the page is idle (never where there is no requestIdleCallback); returns the cancel. */
function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback !== 'function') return () => undefined
  const handle = requestIdleCallback(work)
  return () => cancelIdleCallback(handle)
}

export class EditorSession {
  readonly itemId: string
  /** Text a failed save left in the rescue copy last time: it comes back, unsaved, to be saved now. */
  readonly rescued: RescuedContent | null
  readonly saver: Autosaver<ContentPatch>
  /** What the database holds as far as this session knows: what it loaded, or what it last wrote. */
  baseline: ContentPatch
  /** updatedAt stamps of this session's own saves, to tell their echo from changes made elsewhere. */
  ownStamps: number[] = []
  /** The title as typed (the textarea's value). */
  title: string
  /** The document to show when the session starts. */
  readonly initialBody: RichDoc
  readonly initialBodyText: string
  private lastStamp = 0
  /** The editor while it shows this session's document; null before and after. */
  private editor: Editor | null = null
  private rescueKept = false
  private readonly db: BaluchonDb

  constructor(db: BaluchonDb, item: Item, delayMs: number) {
    this.db = db
    this.itemId = item.id
    this.rescued = takeRescueCopy(item.id, item.updatedAt)
    this.baseline = { title: item.title, body: item.body, bodyText: item.bodyText }
    this.title = oneLine(this.rescued?.title ?? item.title)
    this.initialBody = this.rescued?.body ?? item.body
    this.initialBodyText = this.rescued?.bodyText ?? item.bodyText
    this.saver = new Autosaver<ContentPatch>({
      delayMs,
      // The only place the document is serialised: when a save runs, not per keystroke.
      read: () => {
        const editor = this.editor
        // Never read another item's document: once this session is no longer shown, only the copy
        // captured when it left (Autosaver.detach) may be written.
        if (!editor || editor.isDestroyed) throw new Error('The editor no longer shows this item')
        // A long document's tail, if still held back after opening it, goes in first: the whole document is saved.
        completeDocument(editor)
        // The body as JSON text, its unchanged blocks' text reused (docJson.ts); the document object and
        // plain text are derived from it only where needed (draftContent.ts), mostly in the save worker.
        return draftContent(this.title, docJsonParts(editor.state.doc))
      },
      write: (content) => this.write(db, content),
      onUnsaved: (content) => {
        if (content) {
          keepRescueCopy(this.itemId, content)
          this.rescueKept = true
        } else if (this.rescueKept) {
          dropRescueCopy(this.itemId)
          this.rescueKept = false
        }
      },
    })
  }

  /** The editor now shows this session's document: changes are read from it. */
  attach(editor: Editor): void {
    this.editor = editor
    this.saver.attach()
    if (this.rescued) this.saver.change()
    this.cancelWarmUp = whenIdle(() => {
      // The blocks' JSON text, made while nothing else runs, so that the first save serialises only what
      // was typed (docJson.ts), and the save worker started; never in the way of typing, which the browser
      // does not count as idle.
      if (this.editor !== editor || editor.isDestroyed) return
      completeDocument(editor)
      const parts = docJsonParts(editor.state.doc)
      prepareSaveWorker()
      // And the worker given those blocks, so that the first save posts only what was typed (saveOffThread.ts).
      postSaveBase(this.db, this.itemId, parts)
    })
  }

  private cancelWarmUp: () => void = () => undefined

  /** The editor is about to show something else (or go away): capture what is unsaved now and write it. */
  detach(): Promise<boolean> {
    this.cancelWarmUp()
    const done = this.saver.detach()
    this.editor = null
    return done
  }

  /** True when a row with this updatedAt is this session's own save coming back. */
  isOwnStamp(updatedAt: number): boolean {
    return this.ownStamps.includes(updatedAt)
  }

  /**
   * True when a row is older than what this session has written since: a live query's read that began
   * before the save landed (the save worker tells this window of its writes a moment later). Taking it in
   * would put back text the person has typed since.
   */
  isStale(updatedAt: number): boolean {
    return updatedAt < this.savedUpTo
  }

  /** The updatedAt of this session's newest write that went through. */
  private savedUpTo = 0

  private async write(db: BaluchonDb, content: ContentPatch): Promise<void> {
    const stamp = Math.max(Date.now(), this.lastStamp + 1)
    this.lastStamp = stamp
    this.ownStamps = [...this.ownStamps.slice(-9), stamp]
    noteOwnSave(this.itemId, stamp, content.title)
    try {
      await saveContentOffThread(db, this.itemId, content, stamp)
    } catch (error) {
      // Deleted for good meanwhile (another window, emptied Trash): there is nothing left to save
      // into, and retrying forever would hold every window close. Anything else is a real failure.
      const exists = await db.items.get(this.itemId).then(
        (row) => row !== undefined,
        () => true,
      )
      if (exists) throw error
      return
    }
    this.baseline = content
    this.savedUpTo = Math.max(this.savedUpTo, stamp)
    // The header's "edited" follows the save as soon as it is written, in the frame that shows "Saved", rather than
    // when its echo is read back a moment later: a new minute (or the first save after opening) then changes the
    // page's layout once, not in a frame of its own (each layout beside a 200 KB draft costs 5-8 ms of frame).
    noteEchoedUpdate(this.itemId, stamp)
  }
}
