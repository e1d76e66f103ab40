// Content hash of a blob, so the same image pasted twice into an item is stored once.

/** Lowercase hex SHA-256 of the blob's bytes (Web Crypto: native, off the JS heap for big images). */
export async function sha256Hex(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer())
  const digest = await crypto.subtle.digest('SHA-256', bytes)
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}
