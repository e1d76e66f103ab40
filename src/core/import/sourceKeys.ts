// Source keys of the Markdown-folder importer, apart from its parser: the window's converter reads them (links
// between the notes of one import) without loading the parser's front-matter and Markdown code.

/** A note's source key: `md:` and its path in the folder (ImportDraft.sourceKey). */
export function markdownSourceKey(path: string): string {
  return `md:${path}`
}

/** The path in the folder a source key names, or null for a key from another importer. */
export function notePathOfSourceKey(sourceKey: string): string | null {
  return sourceKey.startsWith('md:') ? sourceKey.slice(3) : null
}
