// The warm-up uses each Intl service the app's formatters rely on, for each language asked, so that a worker loads
// their locale data before the UI thread needs it (src/lib/intl/warm.ts).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { warmIntl } from '../../../src/lib/intl/warm'

const SERVICES = ['NumberFormat', 'DateTimeFormat', 'RelativeTimeFormat', 'PluralRules', 'Collator', 'Locale'] as const

/** Every construction of the Intl services, with the language it was for. */
function watchIntl(): { service: string; language: unknown }[] {
  const built: { service: string; language: unknown }[] = []
  const watched: Record<string, unknown> = { ...Intl }
  for (const service of SERVICES) {
    const Real = Intl[service] as unknown as new (...args: unknown[]) => unknown
    watched[service] = function (...args: unknown[]) {
      built.push({ service, language: args[0] })
      return new Real(...args)
    }
  }
  vi.stubGlobal('Intl', watched)
  return built
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('warmIntl', () => {
  it('builds every kind of formatter the app uses, for each language', () => {
    const built = watchIntl()
    warmIntl(['fr', 'en'])
    for (const language of ['fr', 'en']) {
      for (const service of SERVICES) expect(built, `${service} ${language}`).toContainEqual({ service, language })
    }
  })

  it('never throws, and still warms the other languages after one ICU refuses', () => {
    const built = watchIntl()
    expect(() => warmIntl(['not a language!', 'fr'])).not.toThrow()
    expect(built).toContainEqual({ service: 'NumberFormat', language: 'fr' })
  })
})
