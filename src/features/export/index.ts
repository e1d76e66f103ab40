// Open-format export: the whole library as Markdown (folder or zip), one item as Markdown or HTML.
export { MarkdownExportDialog } from './ExportDialog'
export { ExportSettings } from './ExportSettings'
export { ItemExportMenuItems } from './ItemExportMenuItems'
export { openMarkdownExport } from './store'
