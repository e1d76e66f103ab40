// Keys typed between "new item" and its title field appearing (a database write and a mount later) are
// kept and put into the title, so a fast typist loses nothing and does not re-press the focused button.
const TYPE_AHEAD_MS = 1500

let buffer: string[] | null = null
let timer: ReturnType<typeof setTimeout> | null = null

function isTextKey(e: KeyboardEvent): boolean {
  return !e.ctrlKey && !e.metaKey && !e.altKey && e.key.length === 1
}

function onKeyDown(e: KeyboardEvent): void {
  if (!buffer) return
  if (isTextKey(e)) buffer.push(e.key)
  else if (e.key === 'Backspace') buffer.pop()
  else if (e.key !== 'Enter') return
  e.preventDefault()
  e.stopPropagation()
}

/** The other half of a key: Space and Enter activate a focused button on keyup. */
function onKeyUp(e: KeyboardEvent): void {
  if (buffer && (isTextKey(e) || e.key === 'Enter' || e.key === 'Backspace')) {
    e.preventDefault()
    e.stopPropagation()
  }
}

export function stopTypeAhead(): string {
  const text = buffer?.join('') ?? ''
  buffer = null
  if (timer) clearTimeout(timer)
  timer = null
  window.removeEventListener('keydown', onKeyDown, true)
  window.removeEventListener('keyup', onKeyUp, true)
  return text
}

export function startTypeAhead(): void {
  stopTypeAhead()
  buffer = []
  window.addEventListener('keydown', onKeyDown, true)
  window.addEventListener('keyup', onKeyUp, true)
  timer = setTimeout(stopTypeAhead, TYPE_AHEAD_MS)
}

/** Types what was kept into the now-focused field, as input events (so React and undo see it). */
export function deliverTypeAhead(target: HTMLElement): void {
  const text = stopTypeAhead()
  if (!text || document.activeElement !== target) return
  // execCommand is the one way to insert text as if typed (input events, the field's own undo).
  if (!document.execCommand?.('insertText', false, text) && (target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement)) {
    target.setRangeText(text, target.selectionStart ?? target.value.length, target.selectionEnd ?? target.value.length, 'end')
    target.dispatchEvent(new Event('input', { bubbles: true }))
  }
}
