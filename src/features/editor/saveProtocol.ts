// Messages between the editor and its save worker (saveOffThread.ts, save.worker.ts).

export interface SaveRequest {
  id: number
  dbName: string
  itemId: string
  title: string
  /** The document as JSON text: copied to the worker as one string, not as thousands of objects. */
  bodyJson: string
  /** The plain text when the editor had it already; else the worker derives it from the document. */
  bodyText?: string
  now: number
}

export type SaveReply =
  | { id: number; ok: true }
  /** `storageFull`: the write failed because the disk or the origin's quota is full. */
  | { id: number; ok: false; message: string; storageFull: boolean }
