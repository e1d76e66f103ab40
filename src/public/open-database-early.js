// @ts-check
// Opens the app's IndexedDB database as soon as the page starts, before the app's JavaScript is fetched,
// compiled and run. Why: opening the database makes Chromium open its LevelDB store on disk (100-150 ms
// measured on a 10,000-item base), and the app asks for it only once its modules have run (200+ ms later),
// so the first rows waited for both, one after the other. Started here, the store is open by the time the
// app's own connection (Dexie, src/db) asks for it. This connection reads nothing and creates nothing.
// A classic script served as is (src/public), not a module: Vite merges every module script of the page into
// the one entry, which runs only after the whole module graph has loaded.
;(function openDatabaseEarly() {
  // Must be src/db/schema.ts's DB_NAME (test/web/db/openDatabaseEarly.test.ts checks it).
  var DB_NAME = 'baluchon'
  /** Long enough for the app's connection to be open; the store stays open while that one is. */
  var HOLD_MS = 10000
  if (typeof indexedDB === 'undefined') return
  var request
  try {
    // No version: the database as it is on disk.
    request = indexedDB.open(DB_NAME)
  } catch {
    return
  }
  request.onupgradeneeded = function () {
    // There is no database yet (first start): leave creating it, at the schema's version, to the app.
    if (request.transaction) request.transaction.abort()
  }
  request.onerror = function (event) {
    // The aborted creation above, or a store that cannot open: the app's own open reports it.
    event.preventDefault()
  }
  request.onsuccess = function () {
    var db = request.result
    // Never stand in the way of the app upgrading or deleting the database.
    db.onversionchange = function () {
      db.close()
    }
    setTimeout(function () {
      db.close()
    }, HOLD_MS)
  }
})()
