// The portfolio's profile: name, headline, bio, photo, links, site address and language. Each change is saved
// at once (write-through to the settings row), so nothing typed is lost if the dialog closes.
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { normalizeBaseUrl, SITE_LANGUAGES, type PortfolioProfile, type SiteLanguage } from '../../core/portfolio'
import { safeHref } from '../../core/markdown/html'
import { getDb } from '../../db'
import { AttachmentError, MAX_ATTACHMENT_BYTES } from '../attachments'
import { savePortfolioProfile, storeProfilePhoto } from './profile'

function usePhotoUrl(attachmentId: string | null): string | null {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    if (!attachmentId) return setUrl(null)
    let alive = true
    let made: string | null = null
    void getDb()
      .attachments.get(attachmentId)
      .then((a) => {
        if (!alive || !a) return
        made = URL.createObjectURL(a.data)
        setUrl(made)
      })
    return () => {
      alive = false
      if (made) URL.revokeObjectURL(made)
    }
  }, [attachmentId])
  return url
}

export function ProfileForm({ initial }: { initial: PortfolioProfile }) {
  const { t } = useTranslation('portfolio')
  const [profile, setProfile] = useState(initial)
  const [photoError, setPhotoError] = useState<string | null>(null)
  const fileRef = useRef<HTMLInputElement>(null)
  const ids = { name: useId(), headline: useId(), bio: useId(), baseUrl: useId(), language: useId(), photo: useId(), baseUrlHelp: useId() }
  const photoUrl = usePhotoUrl(profile.photoAttachmentId)

  // The latest profile, so two quick changes (a photo stored while typing) never write an older copy back.
  const latest = useRef(initial)
  const update = (patch: Partial<PortfolioProfile>): void => {
    const next = { ...latest.current, ...patch }
    latest.current = next
    setProfile(next)
    void savePortfolioProfile(getDb(), next)
  }
  const setLink = (index: number, patch: Partial<PortfolioProfile['links'][number]>): void =>
    update({ links: latest.current.links.map((l, i) => (i === index ? { ...l, ...patch } : l)) })

  const choosePhoto = async (file: File | undefined): Promise<void> => {
    if (!file) return
    setPhotoError(null)
    try {
      update({ photoAttachmentId: await storeProfilePhoto(getDb(), file, file.name) })
    } catch (error) {
      const code = error instanceof AttachmentError ? error.code : 'failed'
      setPhotoError(t('profile.photoError', { reason: t(`editor:image.errors.${code}`, { max: Math.round(MAX_ATTACHMENT_BYTES / 1024 / 1024) }) }))
    } finally {
      if (fileRef.current) fileRef.current.value = ''
    }
  }

  const baseUrlInvalid = profile.baseUrl.trim() !== '' && normalizeBaseUrl(profile.baseUrl) === null

  return (
    <form className="portfolio-profile" onSubmit={(e) => e.preventDefault()}>
      <p className="settings-text hint">{t('profile.intro')}</p>
      <div className="portfolio-field">
        <label htmlFor={ids.name}>{t('profile.name')}</label>
        <input id={ids.name} className="input" value={profile.name} maxLength={200} onChange={(e) => update({ name: e.target.value })} autoComplete="name" />
      </div>
      <div className="portfolio-field">
        <label htmlFor={ids.headline}>{t('profile.headline')}</label>
        <input id={ids.headline} className="input" value={profile.headline} maxLength={300} onChange={(e) => update({ headline: e.target.value })} aria-describedby={`${ids.headline}-hint`} />
        <span id={`${ids.headline}-hint`} className="hint">
          {t('profile.headlineHint')}
        </span>
      </div>
      <div className="portfolio-field">
        <label htmlFor={ids.bio}>{t('profile.bio')}</label>
        <textarea id={ids.bio} className="textarea" rows={5} value={profile.bio} maxLength={10_000} onChange={(e) => update({ bio: e.target.value })} aria-describedby={`${ids.bio}-hint`} />
        <span id={`${ids.bio}-hint`} className="hint">
          {t('profile.bioHint')}
        </span>
      </div>
      <fieldset className="portfolio-field portfolio-photo">
        <legend>{t('profile.photo')}</legend>
        {photoUrl ? <img src={photoUrl} alt={t('profile.photoAlt')} className="portfolio-photo-preview" /> : <span className="hint">{t('profile.photoNone')}</span>}
        <input
          ref={fileRef}
          id={ids.photo}
          type="file"
          accept="image/png,image/jpeg,image/gif,image/webp,image/avif"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => void choosePhoto(e.target.files?.[0])}
        />
        <button type="button" className="btn" onClick={() => fileRef.current?.click()}>
          {t('profile.photoChoose')}
        </button>
        {profile.photoAttachmentId && (
          <button type="button" className="btn btn-ghost" onClick={() => update({ photoAttachmentId: null })}>
            {t('profile.photoRemove')}
          </button>
        )}
        {photoError && (
          <p className="field-error" role="alert">
            {photoError}
          </p>
        )}
      </fieldset>
      <fieldset className="portfolio-field">
        <legend>{t('profile.links')}</legend>
        {profile.links.map((link, i) => {
          const invalid = link.url.trim() !== '' && safeHref(link.url) === null
          return (
            <div key={i} className="portfolio-link-row">
              <input className="input" aria-label={t('profile.linkLabel', { n: i + 1 })} value={link.label} maxLength={200} onChange={(e) => setLink(i, { label: e.target.value })} placeholder="Mastodon" />
              <input
                className="input"
                aria-label={t('profile.linkUrl', { n: i + 1 })}
                value={link.url}
                maxLength={2048}
                onChange={(e) => setLink(i, { url: e.target.value })}
                placeholder="https://"
                aria-invalid={invalid}
                inputMode="url"
              />
              <button type="button" className="btn btn-ghost" onClick={() => update({ links: profile.links.filter((_, j) => j !== i) })}>
                {t('profile.linkRemove', { n: i + 1 })}
              </button>
              {invalid && <p className="field-error portfolio-link-error">{t('profile.linkInvalid')}</p>}
            </div>
          )
        })}
        <button type="button" className="btn" onClick={() => update({ links: [...profile.links, { label: '', url: '' }] })}>
          {t('profile.linkAdd')}
        </button>
      </fieldset>
      <div className="portfolio-field">
        <label htmlFor={ids.baseUrl}>{t('profile.baseUrl')}</label>
        <input
          id={ids.baseUrl}
          className="input"
          value={profile.baseUrl}
          maxLength={2048}
          inputMode="url"
          placeholder="https://"
          onChange={(e) => update({ baseUrl: e.target.value })}
          aria-invalid={baseUrlInvalid}
          aria-describedby={ids.baseUrlHelp}
        />
        <span id={ids.baseUrlHelp} className={baseUrlInvalid ? 'field-error' : 'hint'}>
          {baseUrlInvalid ? t('profile.baseUrlInvalid') : profile.baseUrl.trim() ? t('profile.baseUrlHint') : `${t('profile.baseUrlHint')} ${t('profile.baseUrlMissing')}`}
        </span>
      </div>
      <div className="portfolio-field">
        <label htmlFor={ids.language}>{t('profile.language')}</label>
        <select id={ids.language} className="select" value={profile.language} onChange={(e) => update({ language: e.target.value as SiteLanguage })}>
          {SITE_LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`profile.languages.${l}`)}
            </option>
          ))}
        </select>
      </div>
    </form>
  )
}
