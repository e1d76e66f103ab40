// One event on the calendar: its state as an icon and a word (screen readers get the whole sentence), the
// channel, the time and the title. Colour follows the state too, but never alone.
import { CircleCheck, Clock, Hand, Hourglass, Lightbulb, Lock, Presentation, Send, TriangleAlert, type LucideIcon } from 'lucide-react'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import type { CalendarEvent, CalendarState } from './model'
import { channelName } from '../publishing/describe'

export const STATE_ICONS: Record<CalendarState, LucideIcon> = {
  scheduled: Clock,
  queued: Hourglass,
  publishing: Send,
  'awaiting-manual': Hand,
  published: CircleCheck,
  failed: TriangleAlert,
  planned: Lightbulb,
  talk: Presentation,
}

/** Short channel tag shown before the title ("WP", "X"...); the full name is in the accessible label. */
const CHANNEL_TAGS: Record<string, string> = { wordpress: 'WP', linkedin: 'in', x: 'X', mastodon: 'M', bluesky: 'B' }

let iconProperties: Record<string, string> | null = null

/**
 * The state icons (and the lock) as CSS custom properties holding each lucide icon as an SVG image, for the
 * calendar's root: an event draws its icon as a mask of its `::before` (calendar.css), one box with no element of
 * its own, where an inline SVG was four or five layout objects per event, styled and laid out on each of
 * FullCalendar's measuring passes. Rendered once per session.
 */
export function eventIconProperties(): Record<string, string> {
  if (!iconProperties) {
    iconProperties = {}
    for (const [name, Icon] of [...Object.entries(STATE_ICONS), ['lock', Lock] as const]) {
      const svg = renderToStaticMarkup(createElement(Icon, { size: 24, strokeWidth: 2, 'aria-hidden': true }))
      iconProperties[`--cal-icon-${name}`] = `url("data:image/svg+xml,${encodeURIComponent(svg)}")`
    }
  }
  return iconProperties
}

function span(parent: HTMLElement, className: string, text: string): HTMLSpanElement {
  const el = document.createElement('span')
  el.className = className
  el.textContent = text
  parent.appendChild(el)
  return el
}

/**
 * The event's content as DOM nodes rather than React elements: FullCalendar renders React content through one
 * portal per event, which a month of 1,000 events cannot afford. Text goes in as text, never as markup. The state's
 * icon and the lock are drawn by calendar.css from the event's classes (`cal-state-*`, `cal-locked`).
 */
export function eventNodes(event: CalendarEvent, timeText: string, stateLabel: string, untitled: string): Node[] {
  const root = document.createElement('div')
  root.className = 'cal-ev'
  if (timeText) span(root, 'cal-ev-time', timeText)
  if (event.channel) span(root, 'cal-ev-channel', CHANNEL_TAGS[event.channel] ?? channelName(event.channel)).title = channelName(event.channel)
  span(root, 'cal-ev-title', event.title || untitled)
  span(root, 'cal-ev-state', stateLabel)
  return [root]
}
