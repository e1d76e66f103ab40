// @vitest-environment jsdom
// The in-app preview's page transform: stylesheet inlined in the chosen scheme, images from the built bytes,
// no CSP meta or scripts left, and the site's links resolved to site paths (never outside the site).
import { describe, expect, it } from 'vitest'
import { buildPortfolioSite } from '../../../src/core/portfolio'
import { cssForScheme, previewDocument, resolveSitePath } from '../../../src/features/portfolio/preview'
import { fixtureInput } from '../../support/portfolioFixture'

describe('portfolio preview', () => {
  it('resolves relative links to site paths and refuses anything leaving the site', () => {
    expect(resolveSitePath('posts/a/index.html', '../index.html')).toEqual({ path: 'posts/index.html', hash: '' })
    expect(resolveSitePath('talks/index.html', '../talks/page-2.html#my-talk')).toEqual({ path: 'talks/page-2.html', hash: 'my-talk' })
    expect(resolveSitePath('index.html', '#main')).toEqual({ path: 'index.html', hash: 'main' })
    expect(resolveSitePath('posts/index.html', '../../../etc/passwd')).toEqual({ path: 'etc/passwd', hash: '' })
    for (const outside of ['https://example.com/', 'mailto:a@b.c', '//evil.example/x', 'javascript:alert(1)']) expect(resolveSitePath('index.html', outside)).toBeNull()
  })

  it('forces the chosen colour scheme', () => {
    expect(cssForScheme('dark')).toContain('@media all {')
    expect(cssForScheme('dark')).toContain('color-scheme: dark;')
    expect(cssForScheme('light')).toContain('@media not all {')
    expect(cssForScheme('light')).not.toContain('prefers-color-scheme')
  })

  it('shows a generated page with its stylesheet inline, its images from the built bytes, and no CSP or script', () => {
    const files = new Map(buildPortfolioSite(fixtureInput()).files.map((f) => [f.path, f.data]))
    const asked: string[] = []
    const html = previewDocument(files.get('posts/offline-first/index.html') as string, 'posts/offline-first/index.html', (path) => {
      asked.push(path)
      return files.has(path) ? `blob:preview/${path}` : null
    }, 'dark')
    expect(asked).toEqual(['posts/offline-first/diagram-1.png'])
    expect(html).toContain('src="blob:preview/posts/offline-first/diagram-1.png"')
    expect(html).toContain('<style>')
    expect(html).toContain('@media all {')
    expect(html).not.toMatch(/<script|http-equiv|<link/)
    expect(html).toContain('<h1 dir="auto">Offline first, &lt;really&gt;</h1>')
  })
})
