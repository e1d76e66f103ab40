/** `{ '../locales/en/library.json': {...} }` → `{ library: {...} }`. */
export function namespacesOf(files: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {}
  for (const [path, bundle] of Object.entries(files)) {
    const name = /([^/]+)\.json$/.exec(path)?.[1]
    if (name) out[name] = bundle
  }
  return out
}
