// The export's progress reaches the dialog only when its whole percent changes, at most every 100 ms: the worker
// reports 40 times a second and each report rendered the dialog again on the UI thread the export needs.
import { describe, expect, it } from 'vitest'
import { PROGRESS_EVERY_MS, throttledProgress } from '../../../src/features/backup/progressThrottle'

describe('throttledProgress', () => {
  it('shows the first report, then only a new whole percent at least PROGRESS_EVERY_MS after the last one shown', () => {
    let clock = 0
    const shown: number[] = []
    const report = throttledProgress((fraction) => shown.push(fraction), () => clock)
    report(0)
    expect(shown).toEqual([0])
    // A new percent, too soon: dropped.
    clock = 25
    report(0.02)
    expect(shown).toEqual([0])
    // Late enough but the same whole percent as shown: dropped.
    clock = PROGRESS_EVERY_MS
    report(0.004)
    expect(shown).toEqual([0])
    // Late enough and a new percent: shown.
    report(0.03)
    expect(shown).toEqual([0, 0.03])
    clock += PROGRESS_EVERY_MS - 1
    report(0.5)
    expect(shown).toEqual([0, 0.03])
    clock += 1
    report(0.5)
    expect(shown).toEqual([0, 0.03, 0.5])
  })

  it('reports 40 times a second for 4 s reach the screen at most 10 times a second', () => {
    let clock = 0
    let shown = 0
    const report = throttledProgress(() => shown++, () => clock)
    for (let i = 0; i <= 160; i++) {
      clock = i * 25
      report(i / 160)
    }
    expect(shown).toBeLessThanOrEqual(41)
    expect(shown).toBeGreaterThanOrEqual(30)
  })
})
