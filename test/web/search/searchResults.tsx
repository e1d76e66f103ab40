// Shared by the search hook's component tests: a list of the hook's hits, and one hit as the worker sends it.
import type { SearchClient } from '../../../src/features/search/client'
import type { SearchHit } from '../../../src/features/search/hits'
import { useSearchWith } from '../../../src/features/search/useSearch'

export function Results({ client, query }: { client: SearchClient; query: string }) {
  const { hits } = useSearchWith(client, query, {})
  return (
    <ul aria-label="results">
      {hits.map((hit) => (
        <li key={hit.id}>{hit.title}</li>
      ))}
    </ul>
  )
}

export const VELO_HIT: SearchHit = { id: 'a', kind: 'note', title: 'Vélo cargo', tags: [], updatedAt: 0, status: null, unread: false, score: 1, titleSegments: [], snippetSegments: [] }
