// One table for every call across the bridge: its input schema and output type.
// Adding a call: a name in channels.ts, a line here, a handler in electron/main/handlers.
import { z } from 'zod'
import type { ChannelName, EventName } from './channels'
import type { IpcResult } from './result'

export const LANGUAGES = ['en', 'fr'] as const
export type Language = (typeof LANGUAGES)[number]

const httpUrl = z
  .string()
  .max(4096)
  .refine((s) => /^https?:\/\//i.test(s), 'http(s) URL expected')

export interface AppInfo {
  version: string
  platform: string
  /** The OS language, e.g. "fr-FR". */
  locale: string
  /** Where the app keeps its data on disk (shown in Settings). */
  dataPath: string
}

export interface LinkPreview {
  /** The URL after redirects. */
  url: string
  title: string
  description: string
  siteName: string
}

export const contract = {
  appInfo: { input: z.void(), output: {} as AppInfo },
  setMenuLanguage: { input: z.object({ language: z.enum(LANGUAGES) }), output: undefined as void },
  openExternal: { input: z.object({ url: z.string().max(8192) }), output: undefined as void },
  linkPreview: { input: z.object({ url: httpUrl }), output: {} as LinkPreview },
  readyToClose: { input: z.void(), output: undefined as void },
} satisfies Record<ChannelName, { input: z.ZodType; output: unknown }>

export type Contract = typeof contract
export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']>
export type ChannelOutput<K extends ChannelName> = Contract[K]['output']

export const MENU_COMMANDS = [
  'new-item',
  'new-post',
  'new-talk',
  'new-link',
  'new-note',
  'open-palette',
  'search',
  'settings',
  'show-trash',
] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]

export interface EventPayloads {
  menuCommand: { command: MenuCommand }
  flushRequest: Record<string, never>
}
export type EventPayload<K extends EventName> = EventPayloads[K]

/** `window.api`: one method per channel, each resolving to a result (never throwing across the bridge). */
export type BaluchonApi = {
  [K in ChannelName]: (...args: ChannelInput<K> extends void ? [] : [input: ChannelInput<K>]) => Promise<IpcResult<ChannelOutput<K>>>
} & {
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void
}
