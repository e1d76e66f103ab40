import { Fragment, type JSX } from 'react'
import type { Segment } from '../../core/search'
import './search.css'

/** Text with the matched words in <mark>, as the search results show titles and snippets. */
export function Highlighted({ segments }: { segments: Segment[] }): JSX.Element {
  return (
    <>
      {segments.map((segment, i) =>
        segment.match ? (
          <mark key={i} className="search-match">
            {segment.text}
          </mark>
        ) : (
          <Fragment key={i}>{segment.text}</Fragment>
        ),
      )}
    </>
  )
}
