// Messages between the UI thread and the Markdown export worker (markdownExport.worker.ts). Batches travel as
// UTF-8 bytes, transferred: the worker encodes the text it renders, so the UI thread only relays them to main.
import type { ExportFile, MarkdownExportSummary } from './markdownExport'

export type MarkdownExportRequest =
  // Sent when the export dialog opens: the worker opens the database, so the export's first read does not wait for it.
  | { type: 'prepare'; dbName: string }
  | { type: 'start'; dbName: string }
  | { type: 'ack' }
  | { type: 'cancel' }

export type MarkdownExportMessage =
  | { type: 'progress'; done: number; total: number | null }
  | { type: 'batch'; files: ExportFile[] }
  | { type: 'done'; summary: MarkdownExportSummary }
  | { type: 'failed'; message: string }
