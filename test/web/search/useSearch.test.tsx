// @vitest-environment jsdom
// The React side of search: useSearch and Highlighted, talking to the real search service (in-process
// instead of in a worker) over fake-indexeddb.
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { docFromText } from '../../../src/core/doc'
import type { Item, ItemKind } from '../../../src/core/items'
import { BaluchonDb } from '../../../src/db/schema'
import { createItem, trashItem } from '../../../src/features/items/repository'
import { Highlighted, SearchClient, setSearchClient, useSearch, whenSearchComplete, type SearchTransport } from '../../../src/features/search'
import { createSearchService, REST_DELAY_MS, type SearchService } from '../../../src/features/search/service'
import type { ClientMessage, ServiceMessage } from '../../../src/features/search/protocol'

let db: BaluchonDb
let service: SearchService
let client: SearchClient
let sent: ClientMessage[]
let n = 0

/** Both directions asynchronous, as with a real worker. */
function inProcessTransport(): SearchTransport {
  let listener: (m: ServiceMessage) => void = () => {}
  service = createSearchService((m) => setTimeout(() => listener(m), 0), { batchDelayMs: 1, persistDelayMs: 3_600_000 })
  return {
    post: (m) => {
      sent.push(m)
      setTimeout(() => service.handle(m), 0)
    },
    listen: (l) => {
      listener = l
    },
  }
}

beforeEach(async () => {
  sent = []
  db = new BaluchonDb(`search-web-${Date.now()}-${n++}`)
  await db.open()
  client = new SearchClient(inProcessTransport())
  setSearchClient(client)
})

afterEach(async () => {
  cleanup()
  service.indexer?.stop()
  setSearchClient(null)
  db.close()
  await db.delete()
})

async function add(kind: ItemKind, title: string, body: string, extra: Partial<Item> = {}): Promise<Item> {
  return createItem(db, kind, { title, body: docFromText(body), bodyText: body, ...extra } as Partial<Item>)
}

function Results({ query, kind, tag }: { query: string; kind?: ItemKind | null; tag?: string | null }) {
  const { hits, ready, pending, total } = useSearch(query, { kind, tag })
  return (
    <div>
      <p>{ready ? 'ready' : 'not ready'}</p>
      <p>{pending ? 'pending' : 'settled'}</p>
      <p>{`total ${total}`}</p>
      <ul aria-label="results">
        {hits.map((hit) => (
          <li key={hit.id}>
            <strong>
              <Highlighted segments={hit.titleSegments} />
            </strong>
            <span>
              <Highlighted segments={hit.snippetSegments} />
            </span>
          </li>
        ))}
      </ul>
    </div>
  )
}

async function startAndWait(): Promise<void> {
  client.start(db.name)
  await waitFor(() => expect(client.getStatus().complete).toBe(true))
}

describe('useSearch', () => {
  it('shows ranked hits with the matched words marked, accents as written', async () => {
    await add('post', "L'économie de l'attention", 'Pourquoi notre attention est devenue une économie.')
    await add('note', 'Courses', 'Pain, lait.')
    await startAndWait()

    render(<Results query="economie" />)
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1))
    const marks = screen.getAllByText((_, el) => el?.tagName === 'MARK').map((m) => m.textContent)
    expect(marks).toEqual(['économie', 'économie'])
    expect(screen.getByText('settled')).toBeTruthy()
    expect(screen.getByText('total 1')).toBeTruthy()
    expect(screen.getByRole('listitem').textContent).toContain("L'économie de l'attention")
  })

  it('filters by kind and tag, accepting null for "no filter"', async () => {
    await add('post', 'Écrire vite', '', { tags: ['Blog'] })
    await add('note', 'Écrire mieux', '', { tags: ['perso'] })
    await startAndWait()

    const { rerender } = render(<Results query="ecrire" kind={null} tag={null} />)
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2))
    rerender(<Results query="ecrire" kind="note" tag={null} />)
    await waitFor(() => expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Écrire mieux']))
    rerender(<Results query="ecrire" kind={null} tag="blog" />)
    await waitFor(() => expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Écrire vite']))
  })

  it('drops an item from open results when it goes to the Trash', async () => {
    const a = await add('note', 'Vélo cargo', '')
    await add('note', 'Vélo de route', '')
    await startAndWait()
    render(<Results query="velo" />)
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2))

    await act(async () => {
      await trashItem(db, a.id)
    })
    await waitFor(() => expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Vélo de route']))
  })

  it('fills in the snippets of a long list after its first page', async () => {
    for (let i = 0; i < 60; i++) await add('note', `Fiche ${i}`, `Contenu de la fiche ${i}.`)
    await startAndWait()
    function Snippets() {
      const { hits } = useSearch('fiche', {}, 80)
      return <p>{`${hits.length} hits, ${hits.filter((h) => h.snippetSegments.length > 0).length} with snippets`}</p>
    }
    render(<Snippets />)
    // The rest of a long list is completed after a pause in typing (REST_DELAY_MS).
    await waitFor(() => expect(screen.getByText('60 hits, 60 with snippets')).toBeTruthy(), { timeout: REST_DELAY_MS + 4000 })
  })

  it('has no hits for an empty query, and says when a query is still running', async () => {
    await add('note', 'Quelque chose', '')
    await startAndWait()
    const { rerender } = render(<Results query="   " />)
    expect(screen.queryAllByRole('listitem')).toHaveLength(0)
    expect(screen.getByText('settled')).toBeTruthy()
    rerender(<Results query="quelque" />)
    expect(screen.getByText('pending')).toBeTruthy()
    await waitFor(() => expect(screen.getByText('settled')).toBeTruthy())
    expect(screen.getAllByRole('listitem')).toHaveLength(1)
  })

  it('sends only the latest of queries typed while one is running', async () => {
    await add('note', 'Typographie', '')
    await startAndWait()
    const channel = client.channel()
    const answered: number[] = []
    const ask = (query: string, n: number) =>
      channel.request({ query, filters: {}, limit: 10 }, (r) => answered.push(n * 100 + r.hits.length), () => answered.push(-1))
    sent = []
    ask('t', 1)
    ask('ty', 2)
    ask('typ', 3)
    ask('typo', 4)
    await waitFor(() => expect(answered).toEqual([401]))
    // The first went out at once; of the three typed meanwhile, only the last was sent.
    expect(sent.filter((m) => m.type === 'search').map((m) => (m.type === 'search' ? m.request.query : ''))).toEqual(['t', 'typo'])
  })
})

describe('whenSearchComplete', () => {
  it('resolves once bodies are searchable, not before (background work waits for it)', async () => {
    await add('note', 'Une note', 'Un corps.')
    let done = false
    const waiting = whenSearchComplete().then(() => (done = true))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(done).toBe(false)
    client.start(db.name)
    await waiting
    expect(client.getStatus()).toMatchObject({ ready: true, complete: true })
    // Later callers are answered at once.
    await whenSearchComplete()
  })
})

describe('Highlighted', () => {
  it('wraps matches in <mark> and leaves the rest as text', () => {
    const { container } = render(
      <p>
        <Highlighted
          segments={[
            { text: 'Au ', match: false },
            { text: 'cœur', match: true },
            { text: ' du sujet', match: false },
          ]}
        />
      </p>,
    )
    expect(container.innerHTML).toBe('<p>Au <mark class="search-match">cœur</mark> du sujet</p>')
  })
})
