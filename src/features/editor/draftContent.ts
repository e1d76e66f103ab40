// What a save writes, as read from the editor: the title and the body's JSON text (docJson.ts). The
// document object and its plain text are made from that text only if something on this thread asks for
// them (a change made elsewhere compared with the last save, a rescue copy, a save written here because
// the page is going away): the save worker parses the text and derives the plain text itself, so an
// autosave no longer builds the 200 KB document's object tree and plain text on the UI thread.
import { docToPlainText, type RichDoc } from '../../core/doc'
import type { ContentPatch } from '../items/repository'

/** The body's JSON text of contents made here (never parsed to get it). */
const jsonOf = new WeakMap<ContentPatch, string>()

/** Defines `key` as computed on first read, then kept as a plain value (so spreading and JSON see it). */
function lazy<T>(target: object, key: string, compute: () => T): void {
  Object.defineProperty(target, key, {
    get: () => {
      const value = compute()
      Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true })
      return value
    },
    enumerable: true,
    configurable: true,
  })
}

export function draftContent(title: string, bodyJson: string): ContentPatch {
  const content = { title } as ContentPatch
  lazy(content, 'body', () => JSON.parse(bodyJson) as RichDoc)
  lazy(content, 'bodyText', () => docToPlainText(content.body))
  jsonOf.set(content, bodyJson)
  return content
}

/** The body as JSON text: the text a draft was made from, else the body serialised. */
export function contentBodyJson(content: ContentPatch): string {
  return jsonOf.get(content) ?? JSON.stringify(content.body)
}

/** The plain text when it is already at hand (never derived here), else undefined. */
export function contentBodyTextIfKnown(content: ContentPatch): string | undefined {
  const descriptor = Object.getOwnPropertyDescriptor(content, 'bodyText')
  return descriptor && 'value' in descriptor ? (descriptor.value as string) : undefined
}
