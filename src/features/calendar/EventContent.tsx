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

const iconTemplates = new Map<string, Element>()

/** A lucide icon as an SVG node, rendered once per icon (static markup) and cloned for each event. */
function icon(name: CalendarState | 'lock', className: string, size: number): Node {
  let template = iconTemplates.get(name)
  if (template === undefined) {
    const Icon = name === 'lock' ? Lock : STATE_ICONS[name]
    const holder = document.createElement('div')
    holder.innerHTML = renderToStaticMarkup(createElement(Icon, { className, size, strokeWidth: 2, 'aria-hidden': true }))
    template = holder.firstElementChild!
    iconTemplates.set(name, template)
  }
  return template.cloneNode(true)
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
 * portal per event, which a month of 1,000 events cannot afford. Text goes in as text, never as markup.
 */
export function eventNodes(event: CalendarEvent, timeText: string, stateLabel: string, untitled: string): Node[] {
  const root = document.createElement('div')
  root.className = 'cal-ev'
  root.appendChild(icon(event.state, 'cal-ev-icon', 13))
  if (timeText) span(root, 'cal-ev-time', timeText)
  if (event.channel) span(root, 'cal-ev-channel', CHANNEL_TAGS[event.channel] ?? channelName(event.channel)).title = channelName(event.channel)
  span(root, 'cal-ev-title', event.title || untitled)
  span(root, 'cal-ev-state', stateLabel)
  if (event.locked) root.appendChild(icon('lock', 'cal-ev-lock', 11))
  return [root]
}
