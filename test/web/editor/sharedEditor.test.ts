// @vitest-environment jsdom
// The editor the app builds (sharedEditor.ts) leaves out Tiptap's core `delete` extension: after every
// transaction it replays the steps over the document before them, in a timer task of its own, to tell 'delete'
// listeners what was removed, and the app has none (up to 1-2.5 ms per key in the 200 KB draft).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BaluchonDb } from '../../../src/db/schema'
import { editorFor } from '../../../src/features/editor/sharedEditor'
import { installDomPolyfills } from './harness'

installDomPolyfills()

const dbs: BaluchonDb[] = []
afterEach(() => dbs.splice(0).forEach((db) => db.close()))

describe('the editor the app builds', () => {
  it('runs no delete tracking after a change: no delete extension, no event for text taken out', async () => {
    const db = new BaluchonDb(`shared-editor-${Date.now()}`)
    dbs.push(db)
    const editor = editorFor(db)
    try {
      expect(editor.extensionManager.extensions.map((extension) => extension.name)).not.toContain('delete')
      const deleted = vi.fn()
      editor.on('delete', deleted)
      editor.commands.setContent('<p>Some words to take out</p>')
      editor.commands.deleteRange({ from: 1, to: 6 })
      expect(editor.getText()).toBe('words to take out')
      // The extension told its listeners from a timer task.
      await new Promise((resolve) => setTimeout(resolve, 10))
      expect(deleted).not.toHaveBeenCalled()
    } finally {
      editor.destroy()
    }
  })
})
