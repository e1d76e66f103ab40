// A box for warm-ups that need something laid out once, where the page's styles apply, without anyone seeing it.

/**
 * Appends to the page a box in the viewport (content-visibility and lazy images skip what is off screen) that is never
 * painted (visibility hidden, its own layout and paint containment), is out of the accessibility tree and cannot take
 * focus or clicks. The caller lays out what it puts in and removes the box in the same task.
 */
export function appendHiddenStage(className = ''): HTMLDivElement {
  const stage = document.createElement('div')
  if (className) stage.className = className
  stage.setAttribute('aria-hidden', 'true')
  stage.setAttribute('inert', '')
  stage.style.cssText = 'position:fixed;left:0;top:0;visibility:hidden;pointer-events:none;z-index:-1;contain:layout paint'
  document.body.append(stage)
  return stage
}
