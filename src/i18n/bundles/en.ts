// Every English namespace file, in one chunk loaded only when English is used (src/i18n/index.ts).
import { namespacesOf } from './namespaces'

export default namespacesOf(import.meta.glob<Record<string, unknown>>('../locales/en/*.json', { eager: true, import: 'default' }))
