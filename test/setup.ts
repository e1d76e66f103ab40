// Every test gets an in-memory IndexedDB (fake-indexeddb) so repositories run as in the app.
import 'fake-indexeddb/auto'

import fc from 'fast-check'

// On CI a failing property is reported at once, with its seed and unshrunk counterexample, instead of being shrunk:
// shrinking a counterexample of hundreds of strings, each attempt checked with a deep-equality diff, ran for over
// ten minutes there (unicode.test.ts), a time-out instead of a failure. Locally, properties still shrink; rerun with
// the reported seed (fc.assert's `seed` option) to shrink it.
if (process.env.CI) fc.configureGlobal({ endOnFailure: true })
