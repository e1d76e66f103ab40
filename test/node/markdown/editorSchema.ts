// The editor's schema, built headless from the same Tiptap extensions and options as
// src/features/editor/extensions.ts (minus the UI-only ones), to check that documents made by the
// Markdown importer are valid for the editor and already in the JSON shape it produces.
import { getSchema } from '@tiptap/core'
import Image from '@tiptap/extension-image'
import { TaskItem, TaskList } from '@tiptap/extension-list'
import { TableKit } from '@tiptap/extension-table'
import type { Schema } from '@tiptap/pm/model'
import StarterKit from '@tiptap/starter-kit'

export function editorSchema(): Schema {
  return getSchema([
    StarterKit.configure({
      heading: { levels: [1, 2, 3, 4] },
      link: { HTMLAttributes: { target: null, rel: 'noopener noreferrer nofollow', class: null } },
    }),
    TaskList,
    TaskItem.configure({ nested: true }),
    TableKit.configure({ table: { resizable: true, cellMinWidth: 60 } }),
    Image.configure({ resize: false }),
  ])
}
