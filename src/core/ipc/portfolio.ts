// The portfolio PDF part of the IPC contract (spread into `contract` in contract.ts). The renderer builds the
// print page of the site (src/core/portfolio, `print: true`) and sends its files through a handle, as the
// open-format export does; main writes them to a private temporary folder, prints the page to PDF in a locked-down
// window (electron/main/portfolioPrint.ts; Chromium's page.pdf in tests) and saves it where the person chose.
import { z } from 'zod'

export interface PortfolioPdfHandle {
  handle: string
  /** The PDF's file name (shown in messages). */
  name: string
}

export interface PortfolioPdfWritten {
  path: string
  name: string
  bytes: number
}

/** Largest batch of files sent in one call (same bounds as the open-format export). */
export const PORTFOLIO_PDF_BATCH_MAX_BYTES = 64 * 1024 * 1024
export const PORTFOLIO_PDF_BATCH_MAX_FILES = 5000

const handle = z.string().min(1).max(64)
const name = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => !/[\\/]/.test(s), 'a name, not a path')

export const portfolioContract = {
  /** The native save dialog for the PDF; null when cancelled. */
  portfolioPdfBegin: { input: z.object({ suggestedName: name }), output: {} as PortfolioPdfHandle | null },
  /** Files of the print page (relative paths, checked by main). */
  portfolioPdfWrite: {
    input: z.object({
      handle,
      files: z
        .array(z.object({ path: z.string().min(1).max(1024), data: z.union([z.string(), z.instanceof(Uint8Array)]) }))
        .max(PORTFOLIO_PDF_BATCH_MAX_FILES)
        .refine(
          (files) => files.reduce((sum, f) => sum + (typeof f.data === 'string' ? f.data.length * 3 : f.data.byteLength), 0) <= PORTFOLIO_PDF_BATCH_MAX_BYTES,
          'batch too large',
        ),
    }),
    output: undefined as void,
  },
  /** Prints `page` (one of the files sent) to PDF, saves it atomically, deletes the temporary folder. */
  portfolioPdfCommit: { input: z.object({ handle, page: z.string().min(1).max(1024) }), output: {} as PortfolioPdfWritten },
  portfolioPdfAbort: { input: z.object({ handle }), output: undefined as void },
}
