export { RevisionsDialog } from './RevisionsDialog'
