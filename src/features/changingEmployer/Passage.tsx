// One passage of a flagged item, its matches highlighted (<mark>, which screen readers announce as highlighted).
import type { MentionPassage } from '../../core/career'

export function Passage({ passage }: { passage: MentionPassage }) {
  const parts: React.ReactNode[] = []
  let at = 0
  passage.highlights.forEach((h, i) => {
    if (h.start > at) parts.push(passage.text.slice(at, h.start))
    parts.push(<mark key={i}>{passage.text.slice(h.start, h.end)}</mark>)
    at = h.end
  })
  if (at < passage.text.length) parts.push(passage.text.slice(at))
  return <blockquote className="leaving-passage">{parts}</blockquote>
}
