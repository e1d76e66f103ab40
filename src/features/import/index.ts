// Imports: WordPress exports, browser bookmarks, Pocket and Raindrop CSV, folders of Markdown.
export { ImportDialog, type ImportDialogProps } from './ImportDialog'
export { ImportSettings } from './ImportSettings'
export { openImportDialog } from './opener'
export type { ImportReport } from './apply'
