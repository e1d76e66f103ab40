// Word count and reading time, measured when the person pauses (and the browser is idle), never on
// each keystroke: on a 200 KB document a count costs a few milliseconds.
import type { Editor } from '@tiptap/core'
import { useEffect, useState } from 'react'
import { readingMinutes, wordCount } from '../../core/text'
import { docWordCount } from './docWords'

export interface DocStats {
  words: number
  minutes: number
}

const DEBOUNCE_MS = 400

export function statsOf(text: string): DocStats {
  const words = wordCount(text)
  return { words, minutes: readingMinutes(words) }
}

function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(run, { timeout: 1_000 })
    return () => cancelIdleCallback(handle)
  }
  const handle = setTimeout(run, 0)
  return () => clearTimeout(handle)
}

/**
 * Stats of the editor's text, starting from the stored plain text (no document walk on open). `key`
 * names what the editor shows (the item): when it changes, the counts start again from `initialText`.
 */
export function useDocStats(editor: Editor, key: string, initialText: string): DocStats {
  const [state, setState] = useState(() => ({ key, stats: statsOf(initialText) }))
  if (state.key !== key) setState({ key, stats: statsOf(initialText) })

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null
    let cancelIdle: (() => void) | null = null
    const measure = (): void => {
      if (editor.isDestroyed) return
      // Counted block by block, only the blocks changed since the last count (docWords.ts).
      const words = docWordCount(editor.state.doc)
      const next = { words, minutes: readingMinutes(words) }
      setState((s) => (s.stats.words === next.words && s.stats.minutes === next.minutes ? s : { key: s.key, stats: next }))
    }
    const onUpdate = (): void => {
      if (timer) clearTimeout(timer)
      cancelIdle?.()
      timer = setTimeout(() => {
        timer = null
        cancelIdle = whenIdle(measure)
      }, DEBOUNCE_MS)
    }
    editor.on('update', onUpdate)
    // Content replaced from outside (a restored revision) does not emit 'update': follow transactions that change the doc.
    const onTransaction = ({ transaction }: { transaction: { docChanged: boolean; getMeta: (key: string) => unknown } }): void => {
      if (transaction.docChanged && transaction.getMeta('preventUpdate')) onUpdate()
    }
    editor.on('transaction', onTransaction)
    return () => {
      editor.off('update', onUpdate)
      editor.off('transaction', onTransaction)
      if (timer) clearTimeout(timer)
      cancelIdle?.()
    }
  }, [editor])

  return state.stats
}
