// Sizes both sides of the bridge agree on, kept apart from contract.ts so the window can use them without
// loading zod (the schemas are main's business).

/** Largest piece of an imported file sent across the bridge in one call. */
export const IMPORT_CHUNK_MAX_BYTES = 8 * 1024 * 1024

/**
 * Largest entry main deflates for a backup (backupDeflate): an items shard is 4-16 MiB; larger ones are deflated in
 * the renderer. Here rather than in contract.ts so the export worker can read it without bundling zod.
 */
export const BACKUP_DEFLATE_MAX_BYTES = 32 * 1024 * 1024

/**
 * Most held entries (backupDeflate's `hold`) one backupWriteChunk places. Here rather than in contract.ts for the same
 * reason: the export worker, which gathers them, stays free of zod.
 */
export const BACKUP_HELD_MAX = 256
