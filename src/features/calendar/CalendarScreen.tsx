// The content calendar: month and week views of what is scheduled, queued, published or planned, the talks on
// their day, and the ideas waiting for a date beside it. Drag an event to move it (pushed to the blog or the
// Mastodon server where the platform holds the schedule), drag an idea onto a day to plan it; every move says what
// happened with an Undo, and a refusal puts the event back with the reason in the person's language.
//
// The calendar component is FullCalendar 6 (MIT; @fullcalendar/react + daygrid, timegrid, interaction). Compared
// with the alternatives: react-big-calendar needs a date library adapter and its drag-and-drop addon has no
// dropping from an outside list built in; Schedule-X and @event-calendar are younger with fewer users; FullCalendar 7
// moved the plugins into the React package and needs a Temporal polyfill. FullCalendar 6 is maintained (6.1.22,
// October 2026), has month and week grids, dragging within the calendar and from an outside list (Draggable),
// "+N more" when a day is full, focusable events (eventInteractive), French and English locales (weeks start on
// Monday in French) and the browser's own time zone, which is the person's.
import FullCalendar from '@fullcalendar/react'
import dayGridPlugin from '@fullcalendar/daygrid'
import timeGridPlugin from '@fullcalendar/timegrid'
import interactionPlugin, { type DropArg, type EventDragStopArg } from '@fullcalendar/interaction'
import frLocale from '@fullcalendar/core/locales/fr'
import type { DatesSetArg, EventClickArg, EventContentArg, EventDropArg, EventInput, EventMountArg } from '@fullcalendar/core'
import { useLiveQuery } from 'dexie-react-hooks'
import { ChevronLeft, ChevronRight, Download } from 'lucide-react'
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useToast } from '../../app/ui/Toasts'
import { getDb } from '../../db'
import { getApi } from '../../lib/api'
import { useLibraryStore } from '../library/libraryStore'
import { channelName, formatWhen } from '../publishing/describe'
import { describePublishingError } from '../publishing/errors'
import { eventIconProperties, eventNodes } from './EventContent'
import { exportCalendarWithToast } from './exportIcs'
import { IdeasList } from './IdeasList'
import { CALENDAR_STATES, calendarEvents, dayOf, limitPerDay, LOCK_REASONS, moveToDay, type CalendarEvent, type CalendarState, type DayCount, type LockReason } from './model'
import { itemTitles, loadRange, type RangeData, type VisibleRange } from './queries'
import { rangeKey as rangeKeyOf, recallRange, rememberRange } from './rangeCache'
import { useAfterPaint } from './useAfterPaint'
import { addDays, initialRange, localZone, savedView, VIEW_KEY, weekStartsOn, type ViewName } from './firstRange'
import { MoveFailure, moveEvent, planIdea, unplan, type RescheduleMastodon, type Undo } from './reschedule'
import '../publishing/publishing.css'
import './calendar.css'

/** Events given to FullCalendar per day in the month view (a cell shows two or three and "+N more"). */
const MONTH_DAY_LIMIT = 3

// The Mastodon client (src/features/publishing/mastodon) moves statuses held by the instance; loaded with the
// first Mastodon row the calendar shows rather than with the calendar.
function useMastodonReschedule(needed: boolean): RescheduleMastodon | null {
  const [reschedule, setReschedule] = useState<RescheduleMastodon | null>(null)
  useEffect(() => {
    if (!needed || reschedule) return
    let live = true
    void import('../publishing/mastodon').then(
      (module) => live && setReschedule(() => module.rescheduleMastodonPublication),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [needed, reschedule])
  return reschedule
}

/** A value for a quoted attribute selector. */
function attributeValue(value: string): string {
  return value.replace(/["\\]/g, '\\$&')
}



interface Loaded extends RangeData {
  key: string
}

function eventInput(e: CalendarEvent): EventInput {
  return {
    id: e.id,
    title: e.title,
    start: typeof e.start === 'number' ? new Date(e.start) : e.start,
    allDay: e.allDay,
    startEditable: e.locked === null,
    durationEditable: false,
    classNames: [`cal-state-${e.state}`, ...(e.locked ? ['cal-locked'] : [])],
  }
}

/** Everything FullCalendar is given of the events (eventInput), and the text drawn in them (the title). */
function eventsSignature(events: readonly CalendarEvent[]): string {
  let out = ''
  for (const e of events) out += `${e.id}\u0001${e.start}\u0001${e.allDay ? 1 : 0}\u0001${e.state}\u0001${e.locked ?? ''}\u0001${e.channel ?? ''}\u0001${e.title}\u0002`
  return out
}

export function CalendarScreen() {
  const { t, i18n } = useTranslation('calendar')
  const { t: tp } = useTranslation('publishing')
  const store = useLibraryStore()
  const toast = useToast()
  const zone = useMemo(localZone, [])
  const calendarRef = useRef<FullCalendar>(null)
  const [view, setView] = useState<ViewName>(savedView)
  // The first range is worked out here, as FullCalendar will (the weeks around this month, or this week), so the
  // month's data is read before the calendar is drawn: one layout with the events instead of an empty one first.
  const [range, setRange] = useState<VisibleRange | null>(() => initialRange(view, zone, weekStartsOn(i18n.language)))
  const [title, setTitle] = useState('')
  const language = i18n.language === 'fr' ? 'fr' : 'en'
  const rangeKey = range ? rangeKeyOf(range) : ''
  // A range shown before paints at once from what it showed (rangeCache: dropped by any write that changes it),
  // while the live queries below read it again.
  const recalled = range ? recallRange(getDb(), range) : undefined
  // Drawn from it, the first showing reads again once the month is painted (the entry is exact, so nothing changes).
  const live = useAfterPaint(!!recalled)
  const loaded = useLiveQuery(async (): Promise<Loaded | undefined> => (range && live ? { ...(await loadRange(getDb(), range)), key: rangeKeyOf(range) } : undefined), [rangeKey, live])
  const rangeData = loaded && loaded.key === rangeKey ? loaded : recalled?.data
  const mastodon = useMastodonReschedule(!!rangeData?.publications.some((p) => p.channel === 'mastodon' && p.status === 'scheduled'))
  // Events in time order, titles not known yet (read below for the events actually drawn).
  const allEvents = useMemo(
    () => (rangeData ? calendarEvents({ ...rangeData, titleOf: () => '' }, { now: Date.now(), canRescheduleMastodon: !!mastodon }) : []),
    [rangeData, mastodon],
  )
  // A month cell shows two or three events and "+N more": FullCalendar lays out every event it is given, hidden or
  // not, so a day gets at most MONTH_DAY_LIMIT of them (the rest are counted, the "+N more" link says how many and
  // opens that day's week, where every event of the week is laid out). 1,000 events in a month become ~120.
  const shown = useMemo(() => (view === 'dayGridMonth' ? limitPerDay(allEvents, MONTH_DAY_LIMIT, zone) : { events: allEvents, perDay: new Map<string, DayCount>() }), [allEvents, view, zone])
  const titleIds = useMemo(() => [...new Set(shown.events.filter((e) => e.source !== 'talk').map((e) => e.itemId))].sort(), [shown])
  const titlesKey = titleIds.join(',')
  const titlesLoaded = useLiveQuery(async () => (live ? { key: titlesKey, titles: await itemTitles(getDb(), titleIds) } : undefined), [titlesKey, live])
  const titles: ReadonlyMap<string, string> | undefined =
    titlesLoaded && titlesLoaded.key === titlesKey ? titlesLoaded.titles : recalled && titleIds.every((id) => recalled.titles.has(id)) ? recalled.titles : undefined
  const data = rangeData && titles ? rangeData : undefined
  // What the live queries read is kept for the next showing of this range.
  const fresh = loaded && loaded.key === rangeKey && titlesLoaded && titlesLoaded.key === titlesKey ? { data: loaded, titles: titlesLoaded.titles } : undefined
  useEffect(() => {
    if (fresh && range) rememberRange(getDb(), range, fresh)
  }, [fresh?.data, fresh?.titles]) // eslint-disable-line react-hooks/exhaustive-deps -- `range` goes with `fresh.data` (same key)
  // Once drawn, the calendar stays while another range loads.
  const ready = useRef(false)
  if (data) ready.current = true
  const events = useMemo(
    () => (titles ? shown.events.map((e) => (e.source === 'talk' ? e : { ...e, title: titles.get(e.itemId) ?? '' })) : []),
    [shown, titles],
  )
  const byId = useMemo(() => new Map(events.map((e) => [e.id, e])), [events])
  const eventsRef = useRef(byId)
  eventsRef.current = byId
  const perDayRef = useRef(shown.perDay)
  perDayRef.current = shown.perDay
  // FullCalendar lays out every event again when it is given a new list: when the live queries answer with what is
  // drawn already (the showing started from rangeCache, or a write elsewhere in the range), the list it has stays.
  const drawn = useRef<{ signature: string; inputs: EventInput[] }>({ signature: '', inputs: [] })
  const signature = eventsSignature(events)
  if (signature !== drawn.current.signature) drawn.current = { signature, inputs: events.map(eventInput) }
  const inputs = drawn.current.inputs

  // Words used by every event, looked up once per language rather than once per event (a month may hold 1,000).
  const words = useMemo(() => {
    const states = Object.fromEntries(CALENDAR_STATES.map((state) => [state, t(`states.${state}`)])) as Record<CalendarState, string>
    const locks = Object.fromEntries(LOCK_REASONS.map((lock) => [lock, t(`locked.${lock}`)])) as Record<LockReason, string>
    // The sentence's pattern with its placeholders kept, filled per event in one pass.
    const pattern = t('eventLabel', { state: '{{state}}', title: '{{title}}', channel: '{{channel}}', when: '{{when}}' })
    const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })
    const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' })
    return { states, locks, pattern, dateTime, date, moveHint: t('moveHint'), untitled: t('untitled'), onChannel: (channel: string) => t('onChannel', { channel }) }
  }, [t, i18n.language])
  const stateLabel = useCallback((e: CalendarEvent) => words.states[e.state], [words])
  const whenOf = useCallback(
    (start: number | string) => (typeof start === 'number' ? words.dateTime.format(start) : words.date.format(Date.parse(`${start}T00:00:00Z`))),
    [words],
  )
  /** What an event is called (its accessible name) and its tooltip. */
  const labelOf = useCallback(
    (event: CalendarEvent): { name: string; tooltip: string } => {
      const values: Record<string, string> = {
        state: words.states[event.state],
        title: event.title || words.untitled,
        channel: event.channel ? words.onChannel(channelName(event.channel)) : '',
        when: whenOf(event.start),
      }
      const sentence = words.pattern.replace(/\{\{(state|title|channel|when)\}\}/g, (_, key: string) => values[key]!)
      const extra = event.locked ? words.locks[event.locked] : words.moveHint
      return { name: `${sentence}. ${extra}`, tooltip: event.locked ? `${sentence}\n${extra}` : sentence }
    },
    [words, whenOf],
  )

  const reasonOf = useCallback(
    (failure: MoveFailure): string => {
      if (failure.reason !== 'remote' || !failure.error) return t(`reasons.${failure.reason}`)
      const error = failure.error
      if (error.code === 'invalid-input' && error.detail?.['reason'] === 'not-scheduled') return t('reasons.notScheduled', { status: String(error.detail['status'] ?? '') })
      // The Mastodon client's own refusals.
      if ((error.code as string) === 'too-soon') return t('reasons.tooSoon')
      if ((error.code as string) === 'already-published') return t('reasons.alreadyPublished')
      return describePublishingError(tp, error)
    },
    [t, tp],
  )

  const openItem = useCallback(
    (itemId: string) => {
      store.showView({ type: 'items', filter: {} })
      store.select(itemId)
    },
    [store],
  )

  /** Runs a move, then tells the person: done (with Undo), or why not (the calendar goes back to the truth). */
  const perform = useCallback(
    async (label: { title: string; when: string; planned?: boolean }, run: () => Promise<Undo>, revert?: () => void): Promise<boolean> => {
      const name = label.title || t('untitled')
      try {
        const undo = await run()
        toast({
          message: t(label.planned ? 'planned' : 'moved', { title: name, when: label.when }),
          action: {
            label: t('undo'),
            run: () => {
              void undo().then(
                () => toast({ message: t('undone') }),
                (failure: unknown) => toast({ tone: 'error', message: t('moveFailed', { title: name, reason: failure instanceof MoveFailure ? reasonOf(failure) : String(failure) }) }),
              )
            },
          },
        })
        return true
      } catch (failure) {
        revert?.()
        const reason = failure instanceof MoveFailure ? reasonOf(failure) : t('reasons.other', { message: failure instanceof Error ? failure.message : String(failure) })
        toast({ tone: 'error', message: t('moveFailed', { title: name, reason }) })
        return false
      }
    },
    [t, toast, reasonOf],
  )

  const deps = useMemo(() => ({ db: getDb(), api: getApi(), rescheduleMastodon: mastodon }), [mastodon])

  /** Where an event goes when it lands on `day` (month grid, all-day row) or at `instant` (week grid). */
  const targetFor = useCallback(
    (event: CalendarEvent, landed: { day: string } | { instant: number }): { at: number; day: string } | null => {
      if ('instant' in landed) return { at: landed.instant, day: dayOf(landed.instant, zone) }
      const at = moveToDay(typeof event.start === 'number' ? event.start : null, landed.day, zone)
      return at === null ? null : { at, day: landed.day }
    },
    [zone],
  )

  const moveTo = useCallback(
    (event: CalendarEvent, target: { at: number; day: string }, revert?: () => void) =>
      perform({ title: event.title, when: whenOf(event.allDay ? target.day : target.at) }, () => moveEvent(deps, event, target), revert),
    [deps, perform, whenOf],
  )

  const onEventDrop = (info: EventDropArg) => {
    const event = eventsRef.current.get(info.event.id)
    const start = info.event.start
    if (!event || !start) return info.revert()
    const landed = info.view.type === 'timeGridWeek' && !info.event.allDay ? { instant: start.getTime() } : { day: dayOf(start.getTime(), zone) }
    const target = targetFor(event, event.allDay ? { day: dayOf(start.getTime(), zone) } : landed)
    if (!target) return info.revert()
    void moveTo(event, target, info.revert)
  }

  const onDrop = (info: DropArg) => {
    const itemId = info.draggedEl.dataset.itemId
    if (!itemId) return
    const day = dayOf(info.date.getTime(), zone)
    const at = info.allDay ? moveToDay(null, day, zone) : info.date.getTime()
    if (at === null) return
    void perform({ title: info.draggedEl.dataset.title ?? '', when: formatWhen(at, i18n.language), planned: true }, () => planIdea(getDb(), itemId, at))
  }

  // A plan dragged back onto the ideas list is taken off the calendar.
  const onEventDragStop = (info: EventDragStopArg) => {
    const event = eventsRef.current.get(info.event.id)
    const ideas = document.querySelector('.cal-ideas')
    if (!event || event.source !== 'plan' || !ideas) return
    const rect = ideas.getBoundingClientRect()
    const { clientX: x, clientY: y } = info.jsEvent
    if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) {
      void perform({ title: event.title, when: '' }, () => unplan(getDb(), event.itemId)).then((ok) => ok && toast({ message: t('unplanned', { title: event.title || t('untitled') }) }))
    }
  }

  // Keyboard: Alt+arrows move the focused event by a day (left/right) or a week (up/down); Delete takes a plan off.
  const keyMove = useRef<(id: string, e: KeyboardEvent) => void>(() => {})
  keyMove.current = (id, e) => {
    const event = eventsRef.current.get(id)
    if (!event) return
    if (e.key === 'Delete' && event.source === 'plan') {
      e.preventDefault()
      void perform({ title: event.title, when: '' }, () => unplan(getDb(), event.itemId))
      return
    }
    const delta = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }[e.key]
    if (!e.altKey || delta === undefined || event.locked) return
    e.preventDefault()
    const from = typeof event.start === 'number' ? dayOf(event.start, zone) : event.start
    const target = targetFor(event, { day: addDays(from, delta) })
    if (!target) return
    void moveTo(event, target).then(() =>
      requestAnimationFrame(() => (document.querySelector(`[data-event-id="${attributeValue(id)}"]`) as HTMLElement | null)?.focus()),
    )
  }

  const onEventMount = (info: EventMountArg) => {
    const event = eventsRef.current.get(info.event.id)
    if (!event) return
    const el = info.el
    el.dataset.eventId = event.id
    const label = labelOf(event)
    el.setAttribute('aria-label', label.name)
    el.title = label.tooltip
    el.addEventListener('keydown', (e) => keyMove.current(event.id, e))
  }

  const renderEvent = (arg: EventContentArg) => {
    const event = eventsRef.current.get(arg.event.id)
    if (!event) return true
    return { domNodes: eventNodes(event, arg.timeText, stateLabel(event), words.untitled) }
  }

  const onDatesSet = (arg: DatesSetArg) => {
    setTitle(arg.view.title)
    const from = arg.start.getTime()
    const to = arg.end.getTime()
    setRange((r) => (r && r.from === from && r.to === to ? r : { from, to, fromDay: dayOf(from, zone), toDay: addDays(dayOf(to, zone), -1) }))
  }

  const api = () => calendarRef.current?.getApi()
  const changeView = (next: ViewName) => {
    setView(next)
    const calendarApi = api()
    if (next === 'timeGridWeek' && range && calendarApi) {
      // From a month to a week: today's week when today is in that month, else the month's first week.
      const monthStart = dayOf(range.from + (range.to - range.from) / 2, zone).slice(0, 7)
      const today = dayOf(Date.now(), zone)
      calendarApi.changeView(next, today.startsWith(monthStart) ? today : `${monthStart}-01`)
    } else {
      calendarApi?.changeView(next)
    }
    try {
      localStorage.setItem(VIEW_KEY, next)
    } catch {
      // Private mode or full storage: the choice lasts for this session only.
    }
  }

  const onKeyDown = (e: ReactKeyboardEvent) => {
    if (e.key === 'PageUp' || e.key === 'PageDown') {
      e.preventDefault()
      if (e.key === 'PageUp') api()?.prev()
      else api()?.next()
    }
  }

  // FullCalendar re-renders every event when an option changes identity: the callbacks read the latest handlers
  // through a ref, and the options object changes only with the language (1,000 events stay one render).
  const handlers = useRef({ renderEvent, onEventMount, onEventDrop, onEventDragStop, onDrop, onDatesSet, openItem })
  handlers.current = { renderEvent, onEventMount, onEventDrop, onEventDragStop, onDrop, onDatesSet, openItem }
  const month = view === 'dayGridMonth'
  // English as written in the United States: weeks from Sunday and a 12-hour clock; elsewhere Monday and 24 hours.
  const usConventions = useMemo(() => new Intl.Locale(navigator.language || 'en-US').maximize().region === 'US', [])
  const twelveHours = language === 'en' && usConventions
  const options = useMemo(
    () => ({
      plugins: [dayGridPlugin, timeGridPlugin, interactionPlugin],
      headerToolbar: false as const,
      height: '100%',
      locales: [frLocale],
      locale: language,
      // Weeks start on Monday in French (the fr locale says so); in English, the person's own convention.
      firstDay: weekStartsOn(language),
      timeZone: 'local',
      eventContent: (arg: EventContentArg) => handlers.current.renderEvent(arg),
      eventDidMount: (arg: EventMountArg) => handlers.current.onEventMount(arg),
      eventClick: (info: EventClickArg) => {
        info.jsEvent.preventDefault()
        const event = eventsRef.current.get(info.event.id)
        if (event) handlers.current.openItem(event.itemId)
      },
      eventDrop: (info: EventDropArg) => handlers.current.onEventDrop(info),
      eventDragStop: (info: EventDragStopArg) => handlers.current.onEventDragStop(info),
      drop: (info: DropArg) => handlers.current.onDrop(info),
      datesSet: (arg: DatesSetArg) => handlers.current.onDatesSet(arg),
      droppable: true,
      editable: true,
      eventDurationEditable: false,
      eventInteractive: true,
      eventDisplay: 'block',
      dayMaxEvents: true,
      moreLinkContent: (arg: { num: number }) => t('more', { count: arg.num }),
      // The link counts the events FullCalendar hid among those it was given; the day's own count is ours.
      moreLinkDidMount: (arg: { el: HTMLElement; num: number }) => {
        const day = arg.el.closest('[data-date]')?.getAttribute('data-date')
        const count = day ? perDayRef.current.get(day) : undefined
        if (!count) return
        const hidden = count.total - (count.passed - arg.num)
        arg.el.textContent = t('more', { count: hidden })
        arg.el.setAttribute('aria-label', t('moreLabel', { count: hidden }))
        arg.el.title = t('moreLabel', { count: hidden })
      },
      // "+N more" opens the week of that day, where all its events are laid out.
      moreLinkClick: () => {
        setView('timeGridWeek')
        return 'timeGridWeek'
      },
      nowIndicator: true,
      // An hour of height in the week grid, so the time, the channel, the title and the state fit.
      defaultTimedEventDuration: '01:00',
      slotDuration: '00:30:00',
      scrollTime: '08:00:00',
      views: {
        // Month cells are narrow: a compact time ("9a", "14h30"), the title gets the room.
        dayGridMonth: { eventTimeFormat: { hour: 'numeric' as const, minute: '2-digit' as const, omitZeroMinute: true, meridiem: 'narrow' as const, hour12: twelveHours } },
        timeGridWeek: { eventTimeFormat: { hour: '2-digit' as const, minute: '2-digit' as const, hour12: twelveHours } },
      },
      slotLabelFormat: { hour: 'numeric' as const, minute: '2-digit' as const, omitZeroMinute: true, hour12: twelveHours },
      fixedWeekCount: false,
      dragRevertDuration: 150,
    }),
    [language, twelveHours, t],
  )
  const firstDay = range?.fromDay ?? dayOf(Date.now(), zone)
  const loadedMonth = data && range ? dayOf(range.from + (range.to - range.from) / 2, zone).slice(0, 7) : ''

  return (
    <section className="calendar" style={eventIconProperties()} aria-label={t('name')} onKeyDown={onKeyDown} aria-busy={!data} data-loaded-month={month ? loadedMonth : undefined} data-events={data ? allEvents.length : undefined}>
      <header className="cal-toolbar">
        <h1 className="cal-title" aria-live="polite">
          {title}
        </h1>
        <div className="cal-nav" role="group" aria-label={t('title')}>
          <button type="button" className="btn btn-icon btn-ghost" aria-label={month ? t('previousMonth') : t('previousWeek')} title={month ? t('previousMonth') : t('previousWeek')} onClick={() => api()?.prev()}>
            <ChevronLeft size={18} strokeWidth={1.8} aria-hidden />
          </button>
          <button type="button" className="btn" onClick={() => api()?.today()}>
            {t('today')}
          </button>
          <button type="button" className="btn btn-icon btn-ghost" aria-label={month ? t('nextMonth') : t('nextWeek')} title={month ? t('nextMonth') : t('nextWeek')} onClick={() => api()?.next()}>
            <ChevronRight size={18} strokeWidth={1.8} aria-hidden />
          </button>
        </div>
        <div className="cal-segmented" role="group" aria-label={t('views')}>
          <button type="button" aria-pressed={month} onClick={() => changeView('dayGridMonth')}>
            {t('month')}
          </button>
          <button type="button" aria-pressed={!month} onClick={() => changeView('timeGridWeek')}>
            {t('week')}
          </button>
        </div>
        <span className="cal-zone">{t('zone', { zone })}</span>
        <button type="button" className="btn cal-export" aria-label={t('exportLabel')} onClick={() => void exportCalendarWithToast(toast)}>
          <Download size={15} strokeWidth={1.8} aria-hidden /> {t('export')}
        </button>
      </header>
      <div className="cal-body">
        <div className="cal-grid">
          {(data || ready.current) && <FullCalendar ref={calendarRef} initialView={view} {...options} events={inputs} />}
        </div>
        <IdeasList defaultDay={firstDay < dayOf(Date.now(), zone) ? dayOf(Date.now(), zone) : firstDay} onOpen={openItem} onPlan={(itemId, day) => {
          const at = moveToDay(null, day, zone)
          if (at === null) return
          const row = document.querySelector(`.cal-idea[data-item-id="${attributeValue(itemId)}"]`) as HTMLElement | null
          void perform({ title: row?.dataset.title ?? '', when: formatWhen(at, i18n.language), planned: true }, () => planIdea(getDb(), itemId, at))
        }} />
      </div>
    </section>
  )
}
