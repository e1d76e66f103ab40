// URL rules: what may be opened in the OS browser, what a link item may point to,
// and which hosts main must never fetch (loopback, private, link-local: no SSRF from a pasted link).

export function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw.trim())
  } catch {
    return null
  }
}

/** External links go to the OS browser only for these schemes. */
export function isSafeExternalUrl(raw: string): boolean {
  const url = parseUrl(raw)
  if (!url) return false
  if (url.protocol === 'mailto:') return url.pathname.length > 0
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
}

/**
 * A URL typed for a link item: http(s) only; "example.org/page" gets https:// added.
 * Returns null for anything else (javascript:, file:, data:, garbage).
 */
export function normalizeLinkUrl(raw: string): string | null {
  const trimmed = raw.trim()
  if (!trimmed) return null
  // "example.org:8080/x" has no scheme: a colon then only digits up to the path is a port. (The result is
  // http(s) or null whatever this guesses, so a misread can never let another scheme through.)
  const withScheme = /^[a-z][a-z0-9+.-]*:(?!\d+(?:[/?#]|$))/i.test(trimmed) ? trimmed : `https://${trimmed}`
  const url = parseUrl(withScheme)
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null
  const looksLikeHost = url.hostname.includes('.') || url.hostname === 'localhost' || url.hostname.startsWith('[')
  if (!looksLikeHost) return null
  url.hash = url.hash === '#' ? '' : url.hash
  return url.toString()
}

function ipv4Parts(host: string): number[] | null {
  const parts = host.split('.')
  if (parts.length !== 4) return null
  const nums = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN))
  return nums.every((n) => n >= 0 && n <= 255) ? nums : null
}

/** True for addresses main must not fetch: loopback, private ranges, link-local, CGNAT, multicast, unspecified. */
export function isBlockedAddress(address: string): boolean {
  const host = address.replace(/^\[|\]$/g, '').toLowerCase()
  const v4 = ipv4Parts(host.startsWith('::ffff:') ? host.slice(7) : host)
  if (v4) {
    const [a, b] = v4 as [number, number, number, number]
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 198 && (b === 18 || b === 19)) ||
      a >= 224
    )
  }
  if (host.includes(':')) {
    return (
      host === '::' ||
      host === '::1' ||
      host.startsWith('fc') ||
      host.startsWith('fd') ||
      /^fe[89ab]/.test(host) ||
      host.startsWith('ff') ||
      host.startsWith('::ffff:') ||
      // IPv4-compatible (::7f00:1) and NAT64 (64:ff9b::/96) forms can reach IPv4 hosts, loopback included.
      host.startsWith('::') ||
      host.startsWith('64:ff9b:')
    )
  }
  return host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')
}
