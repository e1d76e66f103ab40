// What a save writes, as read from the editor: the title and the body's JSON text (docJson.ts), in parts (its
// top-level blocks' texts), so that the save worker can be sent only the blocks that changed (saveOffThread.ts).
// The document object, its plain text and the whole JSON text are made from the parts only if something on
// this thread asks for them (a change made elsewhere compared with the last save, a rescue copy, a save written
// here because the page is going away): the save worker joins the text, parses it and derives the plain text
// itself, so an autosave no longer builds the 200 KB document's text, object tree or plain text on the UI thread.
import { docToPlainText, type RichDoc } from '../../core/doc'
import type { ContentPatch } from '../items/repository'
import { joinDocJson, type DocJsonParts } from './docJson'

/** The body's JSON text of contents made here (never parsed to get it), or its parts until it is asked for. */
const jsonOf = new WeakMap<ContentPatch, string>()
const partsOf = new WeakMap<ContentPatch, DocJsonParts>()

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

export function draftContent(title: string, body: string | DocJsonParts): ContentPatch {
  const content = { title } as ContentPatch
  lazy(content, 'body', () => JSON.parse(contentBodyJson(content)) as RichDoc)
  lazy(content, 'bodyText', () => docToPlainText(content.body))
  if (typeof body === 'string') jsonOf.set(content, body)
  else partsOf.set(content, body)
  return content
}

/** The body as JSON text: the text a draft was made from (joined from its parts), else the body serialised. */
export function contentBodyJson(content: ContentPatch): string {
  let json = jsonOf.get(content)
  if (json === undefined) {
    const parts = partsOf.get(content)
    json = parts ? joinDocJson(parts) : JSON.stringify(content.body)
    if (parts) jsonOf.set(content, json)
  }
  return json
}

/** The body's JSON text in parts when the draft was made from them (never derived here), else undefined. */
export function contentBodyParts(content: ContentPatch): DocJsonParts | undefined {
  return partsOf.get(content)
}

/** The plain text when it is already at hand (never derived here), else undefined. */
export function contentBodyTextIfKnown(content: ContentPatch): string | undefined {
  const descriptor = Object.getOwnPropertyDescriptor(content, 'bodyText')
  return descriptor && 'value' in descriptor ? (descriptor.value as string) : undefined
}

