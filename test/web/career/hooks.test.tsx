// @vitest-environment jsdom
// The live career context: one shared subscription, a stable object (and resolver) while the content is the same,
// updated when affiliations or the default label change; useResolvedCareer resolves one item from it.
import { Blob as NodeBlob } from 'node:buffer'
import { act, cleanup, render, renderHook, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { newItem } from '../../../src/core/itemFactory'
import { BaluchonDb, setDb } from '../../../src/db'
import {
  careerSnapshot,
  createAffiliation,
  setDefaultLabel,
  updateAffiliation,
  useCareerContext,
  useCareerLoaded,
  useCareerResolver,
  useResolvedCareer,
} from '../../../src/features/career'
import { subscribeCareer } from '../../../src/features/career/store'

globalThis.Blob = NodeBlob as unknown as typeof Blob

let db: BaluchonDb
let n = 0
beforeEach(async () => {
  db = new BaluchonDb(`career-hooks-${Date.now()}-${n++}`)
  await db.open()
  setDb(db)
})
afterEach(async () => {
  cleanup()
  db.close()
  await db.delete()
})

const acme = { organisation: 'Acme', role: 'Engineer', start: '2019-01-01', end: '2022-12-31', defaultLabel: 'employer-confidential' as const }

describe('career hooks', () => {
  it('loads the context live and keeps the same object and resolver while its content is unchanged', async () => {
    const { result } = renderHook(() => ({ context: useCareerContext(), resolver: useCareerResolver(), loaded: useCareerLoaded() }))
    await waitFor(() => expect(result.current.loaded).toBe(true))
    expect(result.current.context.affiliations).toEqual([])

    const a = await act(() => createAffiliation(db, acme))
    await waitFor(() => expect(result.current.context.affiliations.map((x) => x.id)).toEqual([a.id]))
    const { context, resolver } = result.current

    // A write to another setting re-runs the query but changes nothing here: same objects, no re-render of rows.
    await act(() => db.settings.put({ key: 'ui.theme', value: 'dark' }))
    await act(() => new Promise((r) => setTimeout(r, 50)))
    expect(result.current.context).toBe(context)
    expect(result.current.resolver).toBe(resolver)

    await act(() => setDefaultLabel(db, 'employer-public'))
    await waitFor(() => expect(result.current.context.defaultLabel).toBe('employer-public'))
    expect(result.current.resolver).not.toBe(resolver)
  })

  it('shares one subscription between every component and stops watching when the last one leaves', async () => {
    const seen: number[] = []
    function Probe() {
      seen.push(useCareerContext().affiliations.length)
      return null
    }
    const reads = vi.spyOn(db.affiliations, 'toArray')
    const view = render(
      <>
        <Probe />
        <Probe />
        <Probe />
      </>,
    )
    await waitFor(() => expect(reads).toHaveBeenCalled())
    await createAffiliation(db, acme)
    await waitFor(() => expect(seen.slice(-3)).toEqual([1, 1, 1]))
    // Three components, one query: read once at start and once after the change.
    expect(reads).toHaveBeenCalledTimes(2)
    // The store has one subscription; after unmount, a fresh subscriber starts it again (no leak, no stale data).
    view.unmount()
    const fresh: number[] = []
    const stop = subscribeCareer(db, () => fresh.push(careerSnapshot(db).context.affiliations.length))
    await createAffiliation(db, { ...acme, organisation: 'Globex', start: '2023-01-01', end: '' })
    await waitFor(() => expect(careerSnapshot(db).context.affiliations).toHaveLength(2))
    stop()
  })

  it('useResolvedCareer resolves an item against the live context', async () => {
    const item = newItem('post', 'P1', new Date('2020-06-01T12:00:00').getTime())
    const { result } = renderHook(() => useResolvedCareer(item))
    await waitFor(() => expect(result.current).toMatchObject({ affiliation: null, label: 'personal', labelSource: 'settings' }))
    const a = await act(() => createAffiliation(db, acme))
    await waitFor(() => expect(result.current).toMatchObject({ label: 'employer-confidential', labelSource: 'affiliation', affiliationSource: 'date' }))
    await act(() => updateAffiliation(db, a.id, { ...acme, defaultLabel: 'employer-public' }))
    await waitFor(() => expect(result.current?.label).toBe('employer-public'))
    expect(renderHook(() => useResolvedCareer(null)).result.current).toBeNull()
  })
})
