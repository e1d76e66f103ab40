// The app stores an item's body as JSON text (`bodyJson`, src/db/bodyAsJson.ts); rows stored before that hold
// the object itself. The raw column reads rows with bare Dexie, so it parses the text where it needs the body,
// as the app does.
export function storedBody(row: Record<string, unknown>): unknown {
  return typeof row.bodyJson === 'string' ? JSON.parse(row.bodyJson) : row.body
}

/** The row with its body as an object, however it was stored. */
export function withBody<T extends Record<string, unknown>>(row: T): T {
  if (typeof row.bodyJson !== 'string') return row
  const { bodyJson: _text, ...rest } = row
  return { ...rest, body: storedBody(row) } as unknown as T
}

/** The row as the app would store it, with `body` given as an object. */
export function asStored<T extends Record<string, unknown>>(row: T, body: unknown): T {
  const { body: _object, bodyJson: _text, ...rest } = row
  return { ...rest, bodyJson: JSON.stringify(body) } as unknown as T
}
