// Sets up the locale data the app's formatters use (numbers, dates, relative times, plurals, sorting), once per
// process. Chromium's ICU loads that data on the first use of each service, and that first use costs far more
// than the next ones: measured in this Chromium, a page's first Intl.NumberFormat took 35 ms on an idle machine
// and 72-140 ms under load, its first Intl.DateTimeFormat 54-106 ms, Intl.RelativeTimeFormat 64-102 ms, a
// Collator 18-65 ms, a first localeCompare 13-40 ms. The data is shared by every thread of the renderer process:
// after a worker has used them, the same calls on the UI thread took 0.1-1 ms (2 ms for DateTimeFormat at most).
// So a short-lived worker pays for them (warm.worker.ts, started by offThread.ts) instead of a click.
// No library does this: it is a property of how V8 and ICU share their caches inside one process.

/** Uses each Intl service the app relies on, for each language, so their locale data is loaded. Never throws. */
export function warmIntl(languages: readonly string[]): void {
  for (const language of languages) {
    try {
      new Intl.NumberFormat(language).format(12345.6)
      new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(1.5)
      new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(0)
      new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(0)
      new Intl.DateTimeFormat(language, { month: 'short', timeZone: 'UTC' }).format(0)
      new Date(0).toLocaleString(language)
      new Intl.RelativeTimeFormat(language, { numeric: 'auto' }).format(-1, 'day')
      new Intl.PluralRules(language).select(2)
      new Intl.Collator(language).compare('é', 'e')
      'é'.localeCompare('e', language)
      new Intl.Locale(language).maximize()
    } catch {
      // A language ICU does not know: nothing to warm for it.
    }
  }
  // The time zone's data (the calendar, the publish dialog's schedule).
  Intl.DateTimeFormat().resolvedOptions()
}
