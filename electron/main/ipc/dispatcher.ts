// The one place where calls from the renderer enter main: checks the sender, validates the input
// against the contract, runs the handler and turns every failure into a typed result.
// No Electron import here, so the end-to-end harness and unit tests use the same dispatcher.
import type { z } from 'zod'
import { CHANNELS, type ChannelName } from '../../../src/core/ipc/channels'
import { contract, type ChannelOutput, type Contract } from '../../../src/core/ipc/contract'
import { fail, IpcFailure, ok, type IpcResult } from '../../../src/core/ipc/result'

export type HandlerInput<K extends ChannelName> = z.output<Contract[K]['input']>

export type Handlers = {
  [K in ChannelName]: (input: HandlerInput<K>) => Promise<ChannelOutput<K>> | ChannelOutput<K>
}

export interface DispatcherOptions {
  handlers: Handlers
  /** Whether a call from this frame URL may reach main (only the app's own pages). */
  isTrustedSender: (senderUrl: string) => boolean
  /** Where unexpected errors are reported (never with input values: they may hold secrets). */
  logError?: (channel: string, error: unknown) => void
}

export type Dispatch = (channel: string, rawInput: unknown, senderUrl: string) => Promise<IpcResult<unknown>>

export function createDispatcher({ handlers, isTrustedSender, logError }: DispatcherOptions): Dispatch {
  return async (channel, rawInput, senderUrl) => {
    if (!(CHANNELS as readonly string[]).includes(channel)) return fail('unknown-channel', `Unknown channel ${channel}`)
    const name = channel as ChannelName
    if (!isTrustedSender(senderUrl)) return fail('forbidden-sender', `Call to ${name} from an untrusted frame`)
    const parsed = contract[name].input.safeParse(rawInput)
    if (!parsed.success) {
      return fail('invalid-input', `Invalid input for ${name}: ${parsed.error.issues.map((i) => i.message).join('; ')}`)
    }
    try {
      const handler = handlers[name] as (input: unknown) => unknown
      return ok(await handler(parsed.data))
    } catch (error) {
      if (error instanceof IpcFailure) return fail(error.code, error.message, error.detail)
      // A handler may throw anything, even a value built from the input: only an Error reaches the log,
      // and the renderer gets no more than the channel name (the message may quote paths or values).
      logError?.(name, error instanceof Error ? error : new Error(`Non-Error thrown (${typeof error})`))
      return fail('internal', `Unexpected error in ${name}`)
    }
  }
}

/**
 * Trusted senders: the built renderer loaded from disk, or the dev server electron-vite started.
 * Each prefix names a folder or an origin ("file:///…/renderer/", "http://localhost:5173"); a sender is
 * trusted when its parsed URL has the same scheme and host and its path lies under the prefix's. Comparing
 * parsed URLs, not strings, keeps "http://localhost:5173.evil.test" or "…/renderer-evil/" out.
 */
export function createSenderCheck(rendererUrlPrefixes: readonly string[]): (senderUrl: string) => boolean {
  const prefixes = rendererUrlPrefixes.map((prefix) => new URL(prefix))
  return (senderUrl) => {
    let url: URL
    try {
      url = new URL(senderUrl)
    } catch {
      return false
    }
    return prefixes.some(
      (prefix) =>
        url.protocol === prefix.protocol &&
        url.host === prefix.host &&
        url.username === '' &&
        url.password === '' &&
        url.pathname.startsWith(prefix.pathname.endsWith('/') ? prefix.pathname : `${prefix.pathname}/`),
    )
  }
}
