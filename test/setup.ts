// Every test gets an in-memory IndexedDB (fake-indexeddb) so repositories run as in the app.
import 'fake-indexeddb/auto'
