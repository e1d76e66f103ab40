// Starts a test WordPress, prints its process groups and folder as one JSON line, then waits forever:
// the teardown test kills this process outright and checks that the watchdogs leave nothing behind.
import { startWordPress } from './wordpress'

const wp = await startWordPress()
process.stdout.write(`${JSON.stringify({ processGroups: wp.processGroups, siteDir: wp.siteDir, url: wp.url })}\n`)
setInterval(() => undefined, 60_000)
