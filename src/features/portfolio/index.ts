// The public portfolio site: profile, selection, preview, export (folder, zip) and PDF. The generator is pure
// (src/core/portfolio); this slice reads the database, shows the dialog and hands the files to main.
export { openPortfolioExport, usePortfolioState } from './store'
export { PortfolioDialog } from './PortfolioDialog'
export { PortfolioSettings } from './PortfolioSettings'
