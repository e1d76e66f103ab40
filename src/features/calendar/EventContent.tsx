// One event on the calendar: its state as an icon and a word (screen readers get the whole sentence), the
// channel, the time and the title. Colour follows the state too, but never alone.
import { CircleCheck, Clock, Hand, Hourglass, Lightbulb, Lock, Presentation, Send, TriangleAlert, type LucideIcon } from 'lucide-react'
import type { CalendarState } from './model'
import type { CalendarEvent } from './model'
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

export function EventContent({ event, timeText, stateLabel, untitled }: { event: CalendarEvent; timeText: string; stateLabel: string; untitled: string }) {
  const Icon = STATE_ICONS[event.state]
  return (
    <div className="cal-ev">
      <Icon className="cal-ev-icon" size={13} strokeWidth={2} aria-hidden />
      {timeText && <span className="cal-ev-time">{timeText}</span>}
      {event.channel && (
        <span className="cal-ev-channel" title={channelName(event.channel)}>
          {CHANNEL_TAGS[event.channel] ?? channelName(event.channel)}
        </span>
      )}
      <span className="cal-ev-title">{event.title || untitled}</span>
      <span className="cal-ev-state">{stateLabel}</span>
      {event.locked && <Lock className="cal-ev-lock" size={11} strokeWidth={2} aria-hidden />}
    </div>
  )
}
