// Summarises Chromium CPU profiles (bench/lib/profile.ts writes them): busy time, and the functions
// with the most self and total time; with --timeline, each stretch of work (5 ms or more) in order,
// with when it started and its heaviest functions, to tell what ran inside a timed span from what
// ran around it. Usage: npx tsx bench/profileSummary.ts <file.cpuprofile>... [--top=25] [--timeline [--min=5]]
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
  columnNumber: number
}
interface ProfileNode {
  id: number
  callFrame: CallFrame
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

const TOP = Number(process.argv.find((a) => a.startsWith('--top='))?.slice(6) ?? 25)
const TIMELINE = process.argv.includes('--timeline')
/** Shortest stretch the timeline lists, in ms. */
const MIN_MS = Number(process.argv.find((a) => a.startsWith('--min='))?.slice(6) ?? 5)
const files = process.argv.slice(2).filter((a) => !a.startsWith('--'))

const label = (f: CallFrame): string => `${f.functionName || '(anonymous)'} ${basename(f.url || '')}:${f.lineNumber + 1}:${f.columnNumber + 1}`

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const self = new Map<string, number>()
  const total = new Map<string, number>()
  let busy = 0
  profile.samples.forEach((id, i) => {
    // A sample's weight: the time until the next sample.
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000
    const node = byId.get(id)!
    const name = node.callFrame.functionName
    if (name === '(idle)' || name === '(program)') return
    busy += dt
    self.set(label(node.callFrame), (self.get(label(node.callFrame)) ?? 0) + dt)
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const l = label(byId.get(at)!.callFrame)
      if (seen.has(l)) continue
      seen.add(l)
      total.set(l, (total.get(l) ?? 0) + dt)
    }
  })
  if (TIMELINE) {
    // Stretches of work: consecutive busy samples, ended by 1 ms or more of idle.
    let t = 0
    let stretch: { start: number; ms: number; self: Map<string, number>; outer: Map<string, number> } | null = null
    let idleFor = 0
    const lines: string[] = []
    const flush = (): void => {
      if (stretch && stretch.ms >= MIN_MS) {
        const heavy = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([l, ms]) => `${l.split(' ')[0]} ${ms.toFixed(0)}`).join(', ')
        lines.push(`  +${stretch.start.toFixed(0).padStart(5)} ms  ${stretch.ms.toFixed(1).padStart(6)} ms  outer: ${heavy(stretch.outer, 2)}  |  self: ${heavy(stretch.self, 4)}`)
      }
      stretch = null
    }
    profile.samples.forEach((id, i) => {
      const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000
      const node = byId.get(id)!
      const name = node.callFrame.functionName
      if (name === '(idle)' || name === '(program)') {
        idleFor += dt
        if (idleFor >= 1) flush()
      } else {
        idleFor = 0
        stretch ??= { start: t, ms: 0, self: new Map(), outer: new Map() }
        stretch.ms += dt
        const l = label(node.callFrame)
        stretch.self.set(l, (stretch.self.get(l) ?? 0) + dt)
        // The outermost named frame: what the task was (an event, a timer, React's scheduler...).
        const chain: string[] = []
        for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) chain.push(label(byId.get(at)!.callFrame))
        const outer = chain.reverse().find((c) => !c.startsWith('(root)') && !c.startsWith('(anonymous)')) ?? chain[1] ?? l
        stretch.outer.set(outer, (stretch.outer.get(outer) ?? 0) + dt)
      }
      t += dt
    })
    flush()
    console.log(`\n== ${basename(file)} timeline (stretches of ${MIN_MS} ms or more):\n${lines.join('\n')}`)
    continue
  }
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([l, ms]) => `  ${ms.toFixed(1).padStart(7)} ms  ${l}`).join('\n')
  console.log(`\n== ${basename(file)}: ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms profiled, ${busy.toFixed(1)} ms busy`)
  console.log(`self:\n${top(self)}`)
  console.log(`total:\n${top(total)}`)
}
