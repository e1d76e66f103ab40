// The archive's human-readable copy: each item as Markdown with YAML front matter under content/, images
// linked relatively to attachments/, so the archive is useful even without Baluchon.
import type { MarkdownRenderer } from '../../core/archive'
import { safeFileName } from '../../core/filenames'
import type { ItemKind } from '../../core/items'
import { itemToMarkdownFile } from '../../core/markdown'

const FOLDERS: Record<ItemKind, string> = { post: 'posts', talk: 'talks', link: 'links', note: 'notes' }

export const renderItemMarkdown: MarkdownRenderer = (item, context) => {
  // content/posts/x.md or content/trash/posts/x.md: back to the archive's root, then attachments/.
  const folder = `${item.trashed ? 'trash/' : ''}${FOLDERS[item.kind]}`
  const up = '../'.repeat(folder.split('/').length + 1)
  const text = itemToMarkdownFile(item, {
    imagePath: (id) => {
      const path = context.attachmentPath(id)
      return path ? up + path : `attachment:${id}`
    },
  })
  // The writer numbers collisions and falls back to <kind>/<id>.md for anything unsafe.
  // Only the title's start can fit in a file name: safeFileName trims long names a grapheme at a time (seconds on
  // a 100 KB title). 200 code points are over 120 bytes, so its own cut still lands on a grapheme boundary.
  const stem = Array.from(item.title || item.id).slice(0, 200).join('')
  return { path: `${folder}/${safeFileName(stem, { extension: 'md' })}`, text }
}
