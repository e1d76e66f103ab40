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
  return { path: `${folder}/${safeFileName(item.title || item.id, { extension: 'md' })}`, text }
}
