// Warms ICU's locale data for the UI thread (see warm.ts), then says so. Started by offThread.ts, ended by it.
import { warmIntl } from './warm'

self.onmessage = (event: MessageEvent<{ languages: string[] }>) => {
  warmIntl(event.data.languages)
  self.postMessage('warm')
}
