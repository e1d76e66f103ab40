// "Social posts…": one editable announcement per channel (LinkedIn, X, Mastodon, Bluesky), prefilled from the item
// (title, summary, address), split into a thread where the channel allows it, with a live counter per post that
// turns red when the platform would refuse it, optional "i/n" numbering, and copy buttons. Each channel's text is
// autosaved in the `variants` table as the person types (nothing typed is lost when the dialog closes).
import { useLiveQuery } from 'dexie-react-hooks'
import { Check, Copy } from 'lucide-react'
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Dialog } from '../../app/ui/Dialog'
import type { Item } from '../../core/items'
import { CHANNEL_IDS, CHANNELS, defaultVariant, measure, splitThread, type ChannelId, type MeasureOptions } from '../../core/publish'
import { getDb } from '../../db'
import type { ChannelVariant } from '../../db/schema'
import { MastodonPanel, useMastodonMeasure } from './mastodon/MastodonPanel'
import { ReminderControls } from './queue/ReminderControls'
import { markPostedByHand } from './queue/repository'
import { listPublications, resetVariant, saveVariant, variantId } from './repository'

const AUTOSAVE_MS = 400

/** The posts a text makes on a channel: a thread where the channel has them, else the text as one post. */
function postsOf(channel: ChannelId, text: string, numbering: boolean, locale: string, rule: MeasureOptions = {}) {
  if (!CHANNELS[channel].threads || text.trim() === '') return [{ text, measure: measure(channel, text, rule) }]
  return splitThread(channel, text, { ...rule, numbering, locale }).map((part) => ({ text: part.text, measure: part.measure }))
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}

function ChannelEditor({ item, channel, stored, url, focused }: { item: Item; channel: ChannelId; stored: ChannelVariant | undefined; url: string | null; focused?: boolean }) {
  const { t, i18n } = useTranslation('publishing')
  const rule = CHANNELS[channel]
  const fieldId = useId()
  const countId = useId()
  const fallback = () => defaultVariant(item, channel, url ? { url } : {})
  const [text, setText] = useState(() => stored?.text ?? fallback())
  const [numbering, setNumbering] = useState(() => stored?.numbering ?? false)
  const [copied, setCopied] = useState<string>('')
  const deferred = useDeferredValue(text)
  // Mastodon counts against the account's own server (its max_characters and characters_reserved_per_url).
  const accountRule = useMastodonMeasure(channel)
  const posts = useMemo(() => postsOf(channel, deferred, numbering, i18n.language, accountRule), [channel, deferred, numbering, i18n.language, accountRule])
  const dirty = useRef(false)
  const latest = useRef({ text, numbering })
  latest.current = { text, numbering }

  // Autosave on a short debounce; whatever is pending is written when the dialog closes.
  useEffect(() => {
    if (!dirty.current) return
    const timer = setTimeout(() => void flush(), AUTOSAVE_MS)
    return () => clearTimeout(timer)
  })
  const flushOnClose = useRef(flush)
  flushOnClose.current = flush
  useEffect(() => {
    const pending = flushOnClose
    return () => void pending.current()
  }, [])
  async function flush(): Promise<void> {
    if (!dirty.current) return
    dirty.current = false
    const { text: value, numbering: numbered } = latest.current
    await saveVariant(getDb(), item.id, channel, { text: value, numbering: numbered, parts: postsOf(channel, value, numbered, i18n.language, accountRule).map((p) => p.text) })
  }

  const edit = (next: { text?: string; numbering?: boolean }) => {
    dirty.current = true
    if (next.text !== undefined) setText(next.text)
    if (next.numbering !== undefined) setNumbering(next.numbering)
  }
  const reset = async () => {
    dirty.current = false
    await resetVariant(getDb(), item.id, channel)
    setText(fallback())
    setNumbering(false)
  }
  const copy = async (value: string, what: string) => setCopied((await copyText(value)) ? t('variants.copied', { what }) : t('variants.copyFailed'))
  const markPosted = async () => {
    await flush()
    // Completes the reminder of that channel if one is pending, else notes a new hand-posted publication.
    await markPostedByHand(getDb(), { itemId: item.id, channel, parts: posts.map((p) => p.text) })
    setCopied(t('variants.markedPosted', { channel: rule.name }))
  }
  const over = posts.some((post) => post.measure.over)
  const unit = t(`variants.units.${rule.unit}`)
  // Opened by a reminder: this channel's text in view, its copy button focused (one key press to copy).
  const sectionRef = useRef<HTMLElement>(null)
  useEffect(() => {
    if (!focused) return
    const frame = requestAnimationFrame(() => {
      sectionRef.current?.scrollIntoView({ block: 'start' })
      sectionRef.current?.querySelector<HTMLButtonElement>('[data-copy-primary]')?.focus()
    })
    return () => cancelAnimationFrame(frame)
  }, [focused])

  return (
    <section ref={sectionRef} className={`pub-variant${focused ? ' pub-variant-focused' : ''}`} aria-labelledby={`${fieldId}-title`}>
      <div className="pub-variant-head">
        <h3 id={`${fieldId}-title`} className="pub-variant-title">
          {rule.name}
        </h3>
        <span className="hint">{t('variants.limit', { limit: (accountRule.limit ?? rule.defaultLimit).toLocaleString(i18n.language), unit })}</span>
      </div>
      <label htmlFor={fieldId} className="visually-hidden">
        {t('variants.textLabel', { channel: rule.name })}
      </label>
      <textarea
        id={fieldId}
        className="textarea pub-variant-text"
        value={text}
        rows={5}
        aria-describedby={countId}
        aria-invalid={over || undefined}
        onChange={(e) => edit({ text: e.target.value })}
      />
      <div className="pub-variant-tools">
        {rule.threads && (
          <label className="pub-radio">
            <input type="checkbox" checked={numbering} onChange={(e) => edit({ numbering: e.target.checked })} /> {t('variants.numbering')}
          </label>
        )}
        <button type="button" className="btn btn-ghost" onClick={() => void reset()}>
          {t('variants.reset')}
        </button>
      </div>
      <ol className="pub-posts" id={countId} aria-label={t('variants.postsLabel', { channel: rule.name, count: posts.length })}>
        {posts.map((post, index) => {
          const position = posts.length > 1 ? t('variants.postN', { n: index + 1, total: posts.length }) : t('variants.thePost')
          return (
            <li key={index} className={`pub-post${post.measure.over ? ' pub-post-over' : ''}`}>
              {posts.length > 1 && <p className="pub-post-text">{post.text}</p>}
              <span className="pub-post-bar">
                <span className={`pub-counter${post.measure.over ? ' pub-counter-over' : ''}`} data-over={post.measure.over || undefined}>
                  {t(post.measure.over ? 'variants.counterOver' : 'variants.counter', {
                    position,
                    length: post.measure.length.toLocaleString(i18n.language),
                    limit: post.measure.limit.toLocaleString(i18n.language),
                    over: (-post.measure.remaining).toLocaleString(i18n.language),
                  })}
                </span>
                <button
                  type="button"
                  className="btn btn-ghost"
                  data-copy-primary={posts.length === 1 || undefined}
                  aria-label={t('variants.copyPost', { position, channel: rule.name })}
                  onClick={() => void copy(post.text, position)}
                >
                  <Copy size={14} aria-hidden />
                  {t('variants.copy')}
                </button>
              </span>
            </li>
          )
        })}
      </ol>
      <div className="pub-variant-actions">
        {posts.length > 1 && (
          <button type="button" className="btn" data-copy-primary onClick={() => void copy(posts.map((p) => p.text).join('\n\n'), t('variants.theThread'))}>
            <Copy size={14} aria-hidden />
            {t('variants.copyThread', { channel: rule.name })}
          </button>
        )}
        <button type="button" className="btn" disabled={text.trim() === ''} onClick={() => void markPosted()}>
          <Check size={14} aria-hidden />
          {t('variants.markPosted', { channel: rule.name })}
        </button>
      </div>
      <p className="hint" role="status">
        {copied}
      </p>
      {channel === 'mastodon' && <MastodonPanel item={item} posts={posts.map((p) => p.text)} over={over} flush={flush} />}
      <ReminderControls itemId={item.id} channel={channel} parts={() => posts.map((p) => p.text)} beforeSchedule={flush} />
    </section>
  )
}

export function VariantsDialog({ itemId, focusChannel, onClose }: { itemId: string; focusChannel?: ChannelId | undefined; onClose(): void }) {
  const { t } = useTranslation('publishing')
  const item = useLiveQuery(() => getDb().items.get(itemId), [itemId])
  // Read once: the editors own their text from then on (a live query would fight the person's typing).
  const [stored, setStored] = useState<{ variants: Map<string, ChannelVariant>; url: string | null } | null>(null)
  useEffect(() => {
    let alive = true
    const db = getDb()
    void Promise.all([db.variants.where('itemId').equals(itemId).toArray(), listPublications(db, itemId)]).then(([rows, publications]) => {
      // Once the post is on the blog, announcements point to it rather than to the item's own address.
      const live = publications.find((p) => p.channel === 'wordpress' && p.remoteUrl && (p.status === 'published' || p.status === 'scheduled'))
      if (alive) setStored({ variants: new Map(rows.map((row) => [row.id, row])), url: live?.remoteUrl ?? null })
    })
    return () => {
      alive = false
    }
  }, [itemId])
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={t('variants.title', { title: item?.title || t('publish.untitled') })} description={t('variants.description')} wide>
      <div className="dialog-body pub-variants">
        {item &&
          stored &&
          CHANNEL_IDS.map((channel) => (
            <ChannelEditor
              key={channel}
              item={item}
              channel={channel}
              stored={stored.variants.get(variantId(item.id, channel))}
              url={stored.url}
              focused={channel === focusChannel}
            />
          ))}
      </div>
    </Dialog>
  )
}
