// Messages between the UI thread and the Markdown export worker (markdownExport.worker.ts). Batches travel as
// UTF-8 bytes, transferred: the worker encodes the text it renders, so the UI thread only relays them to main.
import type { ExportFile, MarkdownExportSummary } from './markdownExport'

export type MarkdownExportRequest = { type: 'start'; dbName: string } | { type: 'ack' } | { type: 'cancel' }

export type MarkdownExportMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'batch'; files: ExportFile[] }
  | { type: 'done'; summary: MarkdownExportSummary }
  | { type: 'failed'; message: string }
