// Percentiles and the results table.

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

export interface Result {
  name: string
  items: number
  p50_ms: number
  p95_ms: number
  raw_p50_ms: number
  ratio: number
}

export interface Row extends Result {
  samples: number
  budget: number
  note?: string
}

const round = (n: number, digits = 2): number => (Number.isFinite(n) ? Number(n.toFixed(digits)) : Number.NaN)

export function row(name: string, items: number, samples: readonly number[], raw: readonly number[], budget: number, note?: string): Row {
  const p50 = percentile(samples, 50)
  const rawP50 = percentile(raw, 50)
  return {
    name,
    items,
    p50_ms: round(p50),
    p95_ms: round(percentile(samples, 95)),
    raw_p50_ms: round(rawP50),
    ratio: round(p50 / rawP50),
    samples: samples.length,
    budget,
    ...(note ? { note } : {}),
  }
}

export const passes = (r: Row): boolean => Number.isFinite(r.p95_ms) && r.p95_ms <= r.budget

export function toResult(r: Row): Result {
  return { name: r.name, items: r.items, p50_ms: r.p50_ms, p95_ms: r.p95_ms, raw_p50_ms: r.raw_p50_ms, ratio: r.ratio }
}

export function table(rows: readonly Row[]): string {
  const header = ['measure', 'items', 'n', 'p50 ms', 'p95 ms', 'raw p50 ms', 'ratio', 'budget p95', 'verdict']
  const fmt = (n: number): string => (Number.isFinite(n) ? n.toFixed(n >= 100 ? 0 : 1) : '—')
  const lines = rows.map((r) => [
    r.name,
    String(r.items),
    String(r.samples),
    fmt(r.p50_ms),
    fmt(r.p95_ms),
    fmt(r.raw_p50_ms),
    Number.isFinite(r.ratio) ? `${r.ratio.toFixed(1)}×` : '—',
    `≤ ${r.budget}`,
    r.samples === 0 ? 'NO DATA' : passes(r) ? 'PASS' : 'FAIL',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
  const right = new Set([1, 2, 3, 4, 5, 6])
  const render = (cells: string[]): string => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')
  const notes = rows.filter((r) => r.note).map((r) => `  ${r.name} (${r.items}): ${r.note}`)
  return [render(header), widths.map((w) => '─'.repeat(w)).join('  '), ...lines.map(render), ...(notes.length ? ['', 'Notes:', ...notes] : [])].join('\n')
}
