// Structural equality of editor documents, stopping at the first difference (cheaper than
// stringifying two 200 KB documents to compare them).
import type { RichNode } from '../../core/doc'

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const bb = b as unknown[]
    if (a.length !== bb.length) return false
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], bb[i])) return false
    return true
  }
  const ao = a as Record<string, unknown>
  const bo = b as Record<string, unknown>
  // Keys whose value is undefined are absent once stored (structured clone drops nothing, JSON does).
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)])
  for (const key of keys) if (!sameValue(ao[key], bo[key])) return false
  return true
}

export function sameDoc(a: RichNode, b: RichNode): boolean {
  return sameValue(a, b)
}
