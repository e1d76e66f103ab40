// @vitest-environment jsdom
// Start-up loads the texts of the language in use only; the other language is loaded when chosen.
import { describe, expect, it } from 'vitest'
import { i18next, initI18n } from '../../../src/i18n'

describe('interface languages', () => {
  it('loads only the active language at start, and the other one when switching to it', async () => {
    await initI18n('en')
    expect(i18next.hasResourceBundle('en', 'library')).toBe(true)
    expect(i18next.hasResourceBundle('fr', 'library')).toBe(false)
    expect(i18next.t('library:sidebar.all')).toBe('All')

    // As Settings does: i18next waits for the French texts before switching.
    await i18next.changeLanguage('fr')
    expect(i18next.hasResourceBundle('fr', 'library')).toBe(true)
    expect(i18next.t('library:sidebar.all')).not.toBe('All')
    expect(i18next.t('library:sidebar.all')).not.toBe('sidebar.all')
    await initI18n('en')
    expect(document.documentElement.lang).toBe('en')
  })
})
