// CSV exports (Pocket, Raindrop) read with Papa Parse, row by row, with the checks both share: a header
// naming the columns the format needs, the delimiter taken from that header (Excel re-saves CSV with
// semicolons in French locales, and Papa's own guess can be fooled by Pocket's "|"-separated tags), rows
// with a broken quote skipped instead of swallowing the rest, caps on size and rows.
import Papa from 'papaparse'
import { assertWithinSize, decodeAll } from './decode'
import { progressTicker } from './progress'
import { ImportError, type ImportParseOptions } from './types'

export interface CsvParseOptions extends ImportParseOptions {
  /** Data rows allowed (default 1,000,000). */
  maxRows?: number
}

export const CSV_DEFAULT_MAX_BYTES = 64 * 1024 * 1024
export const CSV_DEFAULT_MAX_ROWS = 1_000_000

export interface CsvSpec {
  /** The format's name, for messages ("Pocket", "Raindrop"). */
  format: string
  /** Lowercase column names that must be in the header. */
  required: readonly string[]
}

export interface CsvRow {
  /** 1-based line of the row in the file's table (the header is row 1). */
  row: number
  values: Map<string, string>
  /** The row had an unterminated quote or similar damage; its values are not trustworthy. */
  broken: boolean
}

export interface CsvInfo {
  columns: string[]
  rows: number
  encoding: string
  repairedBytes: number
  delimiter: string
}

const DELIMITERS = [',', ';', '\t'] as const

function headerNames(line: string, delimiter: string): string[] {
  return line.split(delimiter).map((name) => name.trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase())
}

/** Reads every data row of a CSV export into `onRow`. Throws ImportError 'empty', 'not-this-format', 'too-large', 'cancelled'. */
export function readCsv(input: string | Uint8Array, options: CsvParseOptions, spec: CsvSpec, onRow: (row: CsvRow) => void): CsvInfo {
  assertWithinSize(input, options.maxBytes ?? CSV_DEFAULT_MAX_BYTES)
  const maxRows = options.maxRows ?? CSV_DEFAULT_MAX_ROWS
  const { text, stats } = decodeAll(input)
  if (!text.trim()) throw new ImportError('empty', 'The file is empty.')
  const firstLine = /^\s*([^\r\n]*)/.exec(text)?.[1] ?? ''
  const delimiter = DELIMITERS.find((d) => {
    const names = headerNames(firstLine, d)
    return spec.required.every((name) => names.includes(name))
  })
  if (!delimiter) {
    throw new ImportError('not-this-format', `This file is not a ${spec.format} export: its first line does not name the expected columns.`, firstLine.slice(0, 200))
  }

  const ticker = progressTicker(options, text.length)
  let columns: string[] | null = null
  let rows = 0
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: 'greedy',
    step(result) {
      if (!columns) {
        columns = result.data.map((name) => name.trim().toLowerCase())
        return
      }
      if (++rows > maxRows) throw new ImportError('too-large', `The file has more than ${maxRows} rows.`, `>${maxRows}`)
      const values = new Map<string, string>()
      columns.forEach((name, i) => {
        if (name && !values.has(name)) values.set(name, result.data[i] ?? '')
      })
      const broken = result.errors.some((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes')
      onRow({ row: rows + 1, values, broken })
      ticker.tick(result.meta.cursor)
    },
  })
  ticker.finish()
  return { columns: columns ?? [], rows, encoding: stats.encoding, repairedBytes: stats.repairedBytes, delimiter }
}
