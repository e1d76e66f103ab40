// A last line of defence: no credential may ever leave in a backup. The archive's input types have no
// place for secrets (publishing credentials live in main's encrypted store, not in the database), but a
// future feature could store one in a setting by mistake; the writer refuses rather than leak it.

// Matched anywhere in the key, separators removed: rare inside innocent words.
const SECRET_SUBSTRINGS = /password|passwd|passphrase|secret|credential|apikey|privatekey|bearer|privkey/
// Matched as (the end of) one word: "accessToken", "csrf_token", "tokens", but not "tokenizer".
const SECRET_WORD = /(token|tokens|cookie|cookies|pwd)$/

function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
}

/** Whether a setting key (or a key inside a setting's value) names something secret. */
export function looksSecret(key: string): boolean {
  const parts = words(key)
  if (SECRET_SUBSTRINGS.test(parts.join(''))) return true
  return parts.some((word) => SECRET_WORD.test(word))
}

/** The first secret-looking key in a value (object keys at any depth), or null. Never returns values. */
export function findSecretKey(root: unknown): string | null {
  const stack: unknown[] = [root]
  // Runs before the record is serialised, so it must survive cycles itself.
  const seen = new WeakSet<object>()
  while (stack.length > 0) {
    const value = stack.pop()
    if (typeof value !== 'object' || value === null || seen.has(value)) continue
    seen.add(value)
    if (Array.isArray(value)) {
      for (const v of value as unknown[]) stack.push(v)
      continue
    }
    for (const [key, v] of Object.entries(value)) {
      if (looksSecret(key)) return key
      stack.push(v)
    }
  }
  return null
}
