// How a ledger row reads: its channel's name, its state in words, and when.
import type { TFunction } from 'i18next'
import type { Publication } from '../../core/publish'

// Product names (not translated). Written out rather than read from core/publish/channels, which would pull
// twitter-text into the detail pane's chunk for four words.
const CHANNEL_NAMES: Record<Publication['channel'], string> = { wordpress: 'WordPress', linkedin: 'LinkedIn', x: 'X', mastodon: 'Mastodon', bluesky: 'Bluesky' }

export function channelName(channel: Publication['channel']): string {
  return CHANNEL_NAMES[channel] ?? channel
}

export function formatWhen(ms: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(ms)
}

/** "Published on 28 Nov 2026, 10:00", "Scheduled for …", "Failed: …". */
export function describePublication(t: TFunction<'publishing'>, publication: Publication, language: string): string {
  const at = (ms: number | null) => (ms === null ? '' : formatWhen(ms, language))
  switch (publication.status) {
    case 'published':
      return publication.publishedAt !== null ? t('ledger.publishedAt', { when: at(publication.publishedAt) }) : t('ledger.status.published')
    case 'queued':
      // A post that could not reach the blog waits for it: its scheduledAt is only when it was queued.
      if (publication.channel === 'wordpress' && publication.wordpress) {
        const { mode, scheduledAt } = publication.wordpress
        return mode === 'future' && scheduledAt !== null ? t('ledger.waitingForBlogScheduled', { when: at(scheduledAt) }) : t('ledger.waitingForBlog')
      }
      return publication.scheduledAt !== null ? t('ledger.scheduledFor', { when: at(publication.scheduledAt) }) : t(`ledger.status.${publication.status}`)
    case 'scheduled':
      return publication.scheduledAt !== null ? t('ledger.scheduledFor', { when: at(publication.scheduledAt) }) : t(`ledger.status.${publication.status}`)
    default:
      return t(`ledger.status.${publication.status}`)
  }
}
