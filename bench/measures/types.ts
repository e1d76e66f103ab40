/** One measure's samples: the app through its UI, and the bare library doing the same work. */
export interface Samples {
  app: number[]
  raw: number[]
  notes: string[]
}

export const samples = (): Samples => ({ app: [], raw: [], notes: [] })
