// The site inside the app before export: built in memory from the database as it is now, shown in a sandboxed
// iframe (no scripts; same origin only so the dialog can follow the site's links itself). Clicking a link of the
// site shows that page in the frame; links to the web open in the browser. Light/Dark and Desktop/Phone switches
// show the site as its visitors will see it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PortfolioSummary } from '../../core/portfolio'
import { getDb } from '../../db'
import { getApi } from '../../lib/api'
import { buildInMemory } from './build'
import { loadPortfolioInput } from './data'
import { useAppSiteLanguage } from './hooks'
import { previewDocument, resolveSitePath, type PreviewScheme } from './preview'
import { readPortfolioProfile } from './profile'

type Built = { files: Map<string, string | Uint8Array>; summary: PortfolioSummary }

const MIME: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', bmp: 'image/bmp' }

function useSiteBuild(language: 'en' | 'fr'): { built: Built | null; error: string | null; rebuild(): void } {
  const [built, setBuilt] = useState<Built | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [generation, setGeneration] = useState(0)
  useEffect(() => {
    const controller = new AbortController()
    setBuilt(null)
    setError(null)
    void (async () => {
      try {
        const db = getDb()
        const input = await loadPortfolioInput(db, await readPortfolioProfile(db, language))
        const { files, build } = await buildInMemory(input, controller.signal)
        if (!controller.signal.aborted) setBuilt({ files, summary: build.summary })
      } catch (e) {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e))
      }
    })()
    return () => controller.abort()
  }, [language, generation])
  return { built, error, rebuild: () => setGeneration((g) => g + 1) }
}

const urlsByBuild = new WeakMap<Map<string, string | Uint8Array>, Map<string, string>>()

/** blob: URLs of the built images, made when first shown and revoked with the build they belong to. */
function useImageUrls(files: Map<string, string | Uint8Array> | null): (path: string) => string | null {
  // One map per build: the cleanup of a build revokes that build's URLs only, never those of the next one.
  useEffect(
    () => () => {
      const urls = files ? urlsByBuild.get(files) : undefined
      for (const url of urls?.values() ?? []) URL.revokeObjectURL(url)
      urls?.clear()
    },
    [files],
  )
  return useCallback(
    (path: string) => {
      const data = files?.get(path)
      if (!files || !(data instanceof Uint8Array)) return null
      let urls = urlsByBuild.get(files)
      if (!urls) urlsByBuild.set(files, (urls = new Map()))
      let url = urls.get(path)
      if (!url) {
        url = URL.createObjectURL(new Blob([data as Uint8Array<ArrayBuffer>], { type: MIME[path.split('.').pop() ?? ''] ?? 'application/octet-stream' }))
        urls.set(path, url)
      }
      return url
    },
    [files],
  )
}

function systemScheme(): PreviewScheme {
  const theme = document.documentElement.dataset.theme
  if (theme === 'light' || theme === 'dark') return theme
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

export function Preview() {
  const { t } = useTranslation('portfolio')
  const { built, error, rebuild } = useSiteBuild(useAppSiteLanguage())
  const [location, setLocation] = useState<{ path: string; hash: string }>({ path: 'index.html', hash: '' })
  const [history, setHistory] = useState<{ path: string; hash: string }[]>([])
  const [scheme, setScheme] = useState<PreviewScheme>(systemScheme)
  const [width, setWidth] = useState<'desktop' | 'phone'>('desktop')
  const frame = useRef<HTMLIFrameElement>(null)
  const imageUrl = useImageUrls(built?.files ?? null)

  const page = built?.files.get(location.path)
  const srcDoc = useMemo(() => (typeof page === 'string' ? previewDocument(page, location.path, imageUrl, scheme) : null), [page, location.path, imageUrl, scheme])

  const go = (target: { path: string; hash: string }): void => {
    setHistory((h) => [...h, location])
    setLocation(target)
  }

  // The site's links, followed inside the frame (same-origin sandbox: the dialog's script handles the clicks).
  const onLoad = (): void => {
    const doc = frame.current?.contentDocument
    if (!doc) return
    doc.addEventListener('click', (event) => {
      const anchor = (event.target as Element | null)?.closest?.('a')
      const href = anchor?.getAttribute('href')
      if (!anchor || href === null || href === undefined) return
      event.preventDefault()
      if (/^(https?:|mailto:)/i.test(href)) {
        void getApi().openExternal({ url: href })
        return
      }
      const target = resolveSitePath(location.path, href)
      if (!target) return
      if (target.path === location.path) doc.getElementById(target.hash)?.scrollIntoView()
      else if (built?.files.has(target.path)) go(target)
    })
    if (location.hash) doc.getElementById(location.hash)?.scrollIntoView()
  }

  return (
    <div className="portfolio-preview">
      <div className="portfolio-toolbar">
        <button type="button" className="btn" disabled={history.length === 0} onClick={() => {
          const previous = history[history.length - 1]
          if (!previous) return
          setHistory((h) => h.slice(0, -1))
          setLocation(previous)
        }}>
          ← {t('preview.back')}
        </button>
        <div role="radiogroup" aria-label={t('preview.scheme')} className="portfolio-segmented">
          {(['light', 'dark'] as const).map((s) => (
            <button key={s} type="button" role="radio" aria-checked={scheme === s} className={`btn${scheme === s ? ' is-active' : ''}`} onClick={() => setScheme(s)}>
              {t(`preview.${s}`)}
            </button>
          ))}
        </div>
        <div role="radiogroup" aria-label={t('preview.width')} className="portfolio-segmented">
          {(['desktop', 'phone'] as const).map((w) => (
            <button key={w} type="button" role="radio" aria-checked={width === w} className={`btn${width === w ? ' is-active' : ''}`} onClick={() => setWidth(w)}>
              {t(`preview.${w}`)}
            </button>
          ))}
        </div>
        <button type="button" className="btn" onClick={rebuild} disabled={!built && !error}>
          {t('preview.refresh')}
        </button>
      </div>
      <p className="hint portfolio-preview-status" role="status">
        {error
          ? t('preview.failed', { message: error })
          : built
            ? `${t('preview.page')}: ${location.path}${location.hash ? `#${location.hash}` : ''} — ${t('preview.stats', { posts: built.summary.posts, talks: built.summary.talks, links: built.summary.links, pages: built.summary.pages })}`
            : t('preview.building')}
      </p>
      <div className={`portfolio-frame-wrap is-${width}`}>
        {srcDoc !== null && (
          <iframe ref={frame} title={t('preview.frame')} sandbox="allow-same-origin" srcDoc={srcDoc} onLoad={onLoad} className="portfolio-frame" />
        )}
      </div>
    </div>
  )
}
