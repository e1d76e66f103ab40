// Installed before the app's own scripts on every page load (Playwright init script, so the page's
// Content-Security-Policy does not apply to it). It only listens and observes: it times, in the page,
// from a trusted key or click to the moment a condition holds in the DOM and the next frame is painted,
// and, for the cold start, from navigation start to the first paint where the list's rows exist.
import type { BenchWindow, ProbeApi, ProbeCondition, ProbeSpan, ProbeTrigger } from '../lib/pageApi'
import { foldText as fold } from '../../src/core/text'
import { afterNextPaint } from './frames'

const win = window as unknown as BenchWindow & Window

/**
 * When the event happened on the page's clock. `timeStamp` counts from when the browser received the
 * input, so time spent queued behind other work is included; fall back to now if it looks off.
 */
function eventTime(event: Event): number {
  const now = performance.now()
  return event.timeStamp > 0 && now - event.timeStamp >= 0 && now - event.timeStamp < 1000 ? event.timeStamp : now
}

function snapshot(selector: string): string {
  return [...document.querySelectorAll(selector)].map((el) => `${el.getAttribute('data-item-id') ?? ''}:${el.textContent ?? ''}`).join('|')
}

function holds(condition: ProbeCondition): boolean {
  switch (condition.type) {
    case 'frame':
      return true
    case 'changed': {
      const el = document.querySelector(condition.selector)
      return el !== null && el.textContent !== condition.from
    }
    case 'attr':
      return document.querySelector(condition.selector)?.getAttribute(condition.name) === condition.value
    case 'contains': {
      const wanted = condition.fold ? fold(condition.text) : condition.text
      for (const el of document.querySelectorAll(condition.selector)) {
        // Form fields hold their text in `value`, not in the DOM.
        const text = el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement ? el.value : (el.textContent ?? '')
        if ((condition.fold ? fold(text) : text).includes(wanted)) return true
      }
      return false
    }
    case 'mutation':
      return false
    case 'snapshotChanged': {
      const now = snapshot(condition.selector)
      return now !== '' && now !== condition.from
    }
  }
}

/** Resolves once `condition` holds (checked after every batch of DOM changes), or with false at the deadline. */
function whenHolds(condition: ProbeCondition, deadline: number): Promise<boolean> {
  if (holds(condition)) return Promise.resolve(true)
  return new Promise((resolve) => {
    const target = condition.type === 'mutation' ? document.querySelector(condition.selector) : document
    if (!target) return resolve(false)
    const timer = setTimeout(() => {
      observer.disconnect()
      resolve(false)
    }, Math.max(0, deadline - performance.now()))
    const observer = new MutationObserver(() => {
      if (condition.type !== 'mutation' && !holds(condition)) return
      observer.disconnect()
      clearTimeout(timer)
      resolve(true)
    })
    observer.observe(target, { subtree: true, childList: true, characterData: true, attributes: true })
  })
}

let pending: Promise<ProbeSpan | null> = Promise.resolve(null)

function arm(trigger: ProbeTrigger, condition: ProbeCondition, timeoutMs: number): void {
  pending = new Promise((resolve) => {
    const giveUp = setTimeout(() => {
      window.removeEventListener(trigger, onTrigger, true)
      resolve(null)
    }, timeoutMs)
    function onTrigger(event: Event): void {
      if (!event.isTrusted) return
      window.removeEventListener(trigger, onTrigger, true)
      clearTimeout(giveUp)
      const t0 = eventTime(event)
      // This listener runs first (capture on window): the observer is in place before the app's handlers change the DOM.
      void whenHolds(condition, t0 + timeoutMs).then(async (ok) => resolve(ok ? { start: t0, end: await afterNextPaint() } : null))
    }
    window.addEventListener(trigger, onTrigger, true)
  })
}

function watchFirstSeen(selector: string): Promise<number | null> {
  return new Promise((resolve) => {
    const done = (): void => {
      observer.disconnect()
      void afterNextPaint().then(resolve)
    }
    const observer = new MutationObserver(() => {
      if (document.querySelector(selector)) done()
    })
    observer.observe(document, { subtree: true, childList: true })
    setTimeout(() => {
      observer.disconnect()
      resolve(null)
    }, 60_000)
  })
}

const firstSeen = win.__benchConfig ? watchFirstSeen(win.__benchConfig.firstSeenSelector) : Promise.resolve(null)

function waitMark(name: string, timeoutMs: number): Promise<number | null> {
  const found = performance.getEntriesByName(name)[0]
  if (found) return Promise.resolve(found.startTime)
  return new Promise((resolve) => {
    const observer = new PerformanceObserver((list) => {
      const entry = list.getEntriesByName(name)[0]
      if (!entry) return
      observer.disconnect()
      clearTimeout(timer)
      resolve(entry.startTime)
    })
    observer.observe({ entryTypes: ['mark'] })
    const timer = setTimeout(() => {
      observer.disconnect()
      resolve(performance.getEntriesByName(name)[0]?.startTime ?? null)
    }, timeoutMs)
  })
}

const probe: ProbeApi = {
  arm,
  result: () => pending,
  firstSeen: () => firstSeen,
  waitFor: (condition, timeoutMs) => whenHolds(condition, performance.now() + timeoutMs),
  snapshot,
  waitMark,
  attr: (selector, name) => document.querySelector(selector)?.getAttribute(name) ?? null,
  describe: (selector, name, textSelector) =>
    [...document.querySelectorAll(selector)].map((el) => ({ attr: el.getAttribute(name) ?? '', text: el.querySelector(textSelector)?.textContent ?? '' })),
}
win.__benchProbe = probe
