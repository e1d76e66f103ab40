// Publishing core: pure rules and models shared by the publishing UI, the main-process clients and tests.
export { CHANNEL_IDS, CHANNELS, BLUESKY_MAX_BYTES, fits, isChannelId, mastodonCountableText, measure } from './channels'
export type { ChannelId, ChannelRule, Measure, MeasureOptions } from './channels'
export { splitThread } from './thread'
export type { NumberingOptions, SplitOptions, ThreadPart } from './thread'
export { blueskyPost, blueskyText, detectLinks, shortLinkText, withMentions } from './bluesky'
export type { BlueskyPost, BlueskyPostOptions, ByteSlice, Facet, FacetFeature, MentionCandidate } from './bluesky'
export { defaultVariant, docToSocialText, ellipsize } from './docText'
export type { DefaultVariantOptions, SocialTextOptions } from './docText'
export { docToWordPressHtml, rewriteAttachmentSources } from './wordpressHtml'
export type { PendingImage, RewrittenHtml, WordPressContent } from './wordpressHtml'
export {
  MASTODON_MIN_SCHEDULE_AHEAD_MS,
  MASTODON_SCHEDULE_MARGIN_MS,
  checkMastodonSchedule,
  instantToWallTime,
  isValidTimeZone,
  parseWordpressDateGmt,
  resolveWallTime,
  wallTimeToInstant,
  wordpressDateGmt,
  zoneOffsetMinutes,
} from './schedule'
export type { MastodonScheduleCheck, OverlapChoice, WallTime, WallTimeResolution } from './schedule'
export {
  PUBLICATION_CHANNELS,
  PUBLICATION_STATUSES,
  RETRY_BASE_MS,
  RETRY_MAX_MS,
  dueWork,
  handlingFor,
  isSettled,
  newPublication,
  nextWakeUp,
  retryDelay,
} from './ledger'
export type { DueWork, NewPublicationFields, Publication, PublicationChannel, PublicationError, PublicationHandling, PublicationStatus, QueueOptions, WordPressRetryOptions } from './ledger'
export { buildMonth, buildWeek, dayKey, publicationEntries, unscheduledItems } from './calendar'
export type { CalendarDay, CalendarEntry, CalendarOptions, MonthView } from './calendar'
export { graphemeLength, utf8Length, utf8Offset } from './unicode'
export { findUrls } from './urls'
export type { UrlRange } from './urls'
export { calendarToIcs, escapeIcsText, foldIcsLine } from './ics'
export type { IcsOptions } from './ics'
