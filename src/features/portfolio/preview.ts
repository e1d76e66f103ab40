// Turning a generated page into what the in-app preview shows: the same HTML, with its stylesheet inlined (the
// preview is an iframe `srcdoc`, which has no folder to load style.css from), its images as blob: URLs of the
// bytes just generated, its JSON-LD dropped, and its own CSP meta removed (the app's CSP still applies to the
// frame, and the frame is sandboxed without scripts). Links are left as written: the dialog intercepts clicks.
import { SITE_CSS } from '../../core/portfolio'

export type PreviewScheme = 'light' | 'dark'

const PREVIEW_BASE = 'https://preview.invalid/'

/** A link or source on the page at `fromPath`, as a site path plus anchor; null when it leaves the site. */
export function resolveSitePath(fromPath: string, href: string): { path: string; hash: string } | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return null
  const url = new URL(href, PREVIEW_BASE + fromPath)
  if (url.origin + '/' !== PREVIEW_BASE) return null
  return { path: decodeURIComponent(url.pathname.slice(1)) || 'index.html', hash: decodeURIComponent(url.hash.slice(1)) }
}

/** The site's stylesheet in one colour scheme (the preview's Light/Dark switch, whatever the system says). */
export function cssForScheme(scheme: PreviewScheme): string {
  return SITE_CSS.replace('color-scheme: light dark;', `color-scheme: ${scheme};`).replace('@media (prefers-color-scheme: dark)', scheme === 'dark' ? '@media all' : '@media not all')
}

export function previewDocument(html: string, path: string, imageUrl: (sitePath: string) => string | null, scheme: PreviewScheme): string {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  doc.querySelectorAll('meta[http-equiv]').forEach((meta) => meta.remove())
  doc.querySelectorAll('script').forEach((script) => script.remove())
  doc.querySelectorAll('link').forEach((link) => {
    if (link.rel !== 'stylesheet') return link.remove()
    const style = doc.createElement('style')
    style.textContent = cssForScheme(scheme)
    link.replaceWith(style)
  })
  doc.querySelectorAll('img').forEach((img) => {
    const src = img.getAttribute('src') ?? ''
    const target = resolveSitePath(path, src)
    const url = target ? imageUrl(target.path) : null
    if (url) img.setAttribute('src', url)
    else img.removeAttribute('src')
  })
  return `<!DOCTYPE html>\n${doc.documentElement.outerHTML}`
}
