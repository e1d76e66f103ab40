// Every French namespace file, in one chunk loaded only when French is used (src/i18n/index.ts).
import { namespacesOf } from './namespaces'

export default namespacesOf(import.meta.glob<Record<string, unknown>>('../locales/fr/*.json', { eager: true, import: 'default' }))
