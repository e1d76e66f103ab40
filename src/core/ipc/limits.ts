// Sizes both sides of the bridge agree on, kept apart from contract.ts so the window can use them without
// loading zod (the schemas are main's business).

/** Largest piece of an imported file sent across the bridge in one call. */
export const IMPORT_CHUNK_MAX_BYTES = 8 * 1024 * 1024
