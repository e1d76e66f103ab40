// An affiliation's logo from the attachments table (a blob: URL, shared and revoked by the attachments cache), or its
// initial when it has none.
import { useEffect, useState } from 'react'
import { getDb } from '../../../db'
import { attachmentUrlsFor } from '../../attachments'

export function AffiliationLogo({ attachmentId, organisation, large, alt }: { attachmentId: string | null; organisation: string; large?: boolean; alt?: string }) {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    setUrl(null)
    if (!attachmentId) return
    let alive = true
    const handle = attachmentUrlsFor(getDb()).acquire(attachmentId)
    void handle.url.then((u) => alive && setUrl(u))
    return () => {
      alive = false
      handle.release()
    }
  }, [attachmentId])
  const className = `career-logo${large ? ' career-logo-large' : ''}`
  if (url) return <img className={className} src={url} alt={alt ?? ''} />
  return (
    <span className={className} aria-hidden>
      {Array.from(organisation.trim())[0]?.toLocaleUpperCase() ?? '?'}
    </span>
  )
}
