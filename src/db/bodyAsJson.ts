// Items keep their rich body in IndexedDB as JSON text (`bodyJson`), and hand it back as `body` parsed only
// when something reads it. Why: a stored body object is a tree of thousands of small objects for a long
// document, and every read of its row (the list's window, the detail pane's live row, both read again after
// each autosave) paid for rebuilding that tree on the UI thread, and for its garbage, even though neither
// shows the body. A string is copied in one piece. Done once here, under every repository function, so no
// reader or writer can forget it; rows stored with a body object (before this) are read as they are.
import type { DBCore, DBCoreCursor, DBCoreMutateRequest, Middleware } from 'dexie'

/** The stored field holding the body as JSON text (never seen above this module). */
export const BODY_JSON = 'bodyJson'

/** The JSON text of rows read here whose body has not been parsed yet: a write of them reuses it. */
const unparsed = new WeakMap<object, string>()

type Row = Record<string, unknown>

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A stored row as the app sees it: a new object whose `body` is parsed from `bodyJson` on first read. */
export function decodeRow<T>(stored: T): T {
  if (!isRow(stored) || typeof stored[BODY_JSON] !== 'string') return stored
  const text = stored[BODY_JSON]
  const row: Row = {}
  for (const key of Object.keys(stored)) if (key !== BODY_JSON) row[key] = stored[key]
  const settle = (value: unknown): unknown => {
    Object.defineProperty(row, 'body', { value, writable: true, enumerable: true, configurable: true })
    unparsed.delete(row)
    return value
  }
  Object.defineProperty(row, 'body', {
    get: () => settle(JSON.parse(text)),
    set: (value: unknown) => void settle(value),
    enumerable: true,
    configurable: true,
  })
  unparsed.set(row, text)
  return row as T
}

/** A row as stored: its body as JSON text (the text it was read with, if its body was never parsed). */
export function encodeRow<T>(row: T): T {
  if (!isRow(row)) return row
  const descriptor = Object.getOwnPropertyDescriptor(row, 'body')
  if (!descriptor) return row
  const text = unparsed.get(row) ?? (descriptor.get ? undefined : bodyText(descriptor.value))
  if (text === undefined) {
    // An accessor this module did not make (never expected): whatever it gives is stored.
    const value = row.body
    if (value === undefined || value === null) return row
    return encodeRow({ ...row, body: value })
  }
  const stored: Row = {}
  for (const key of Object.keys(row)) if (key !== 'body') stored[key] = row[key]
  stored[BODY_JSON] = text
  return stored as T
}

function bodyText(body: unknown): string | undefined {
  return body === undefined || body === null ? undefined : JSON.stringify(body)
}

/**
 * The body's JSON text without parsing it when the row was read with it unparsed: the autosave compares
 * the stored body with the editor's by their text.
 */
export function bodyJsonOf(row: object): string {
  return unparsed.get(row) ?? JSON.stringify((row as Row).body)
}

/** The body's JSON text as stored, when the row was read here and its body has not been parsed (else undefined). */
export function unparsedBodyJson(row: object): string | undefined {
  return unparsed.get(row)
}

function encodeRequest(req: DBCoreMutateRequest): DBCoreMutateRequest {
  if (req.type !== 'add' && req.type !== 'put') return req
  return { ...req, values: req.values.map(encodeRow) }
}

function decodingCursor(cursor: DBCoreCursor | null): DBCoreCursor | null {
  if (!cursor) return cursor
  // Everything IndexedDB's cursor holds natively is forwarded explicitly: its getters and methods refuse to
  // run on another object ("Illegal invocation" in Chromium), which a bare prototype link would make them do.
  return Object.create(cursor, {
    key: { get: () => cursor.key },
    primaryKey: { get: () => cursor.primaryKey },
    value: { get: () => decodeRow(cursor.value) },
    continue: { value: (key?: unknown) => cursor.continue(key) },
    continuePrimaryKey: { value: (key: unknown, primaryKey: unknown) => cursor.continuePrimaryKey(key, primaryKey) },
    advance: { value: (count: number) => cursor.advance(count) },
  }) as DBCoreCursor
}

/** The middleware, for the tables named (items). */
export function bodyAsJson(tables: readonly string[]): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'BodyAsJson',
    create: (down) => ({
      ...down,
      table: (tableName) => {
        const table = down.table(tableName)
        if (!tables.includes(tableName)) return table
        return {
          ...table,
          mutate: (req) => table.mutate(encodeRequest(req)),
          get: (req) => table.get(req).then(decodeRow),
          getMany: (req) => table.getMany(req).then((rows) => rows.map(decodeRow)),
          query: (req) =>
            table.query(req).then((res) => (req.values ? { ...res, result: res.result.map(decodeRow) } : res)),
          openCursor: (req) => table.openCursor(req).then((cursor) => (req.values === false ? cursor : decodingCursor(cursor))),
        }
      },
    }),
  }
}
