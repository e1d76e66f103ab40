// The content calendar: month and week views of the publication ledger, plans and talks, the unscheduled ideas,
// drag to reschedule (pushed to the platform where it holds the schedule) and the .ics export. The screen itself
// (FullCalendar) loads on first use: the App shell imports CalendarScreen lazily.
export { calendarEvents, moveToDay, isIdea, lockOf, publicationInstant } from './model'
export type { CalendarEvent, CalendarState, LockReason, Plan } from './model'
export { clearPlan, getPlan, setPlan } from './plans'
export { exportCalendarIcs, exportCalendarWithToast } from './exportIcs'
