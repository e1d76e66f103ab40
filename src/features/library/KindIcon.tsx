import { FileText, Link2, Presentation, StickyNote, type LucideProps } from 'lucide-react'
import type { ItemKind } from '../../core/items'

const ICONS = { post: FileText, talk: Presentation, link: Link2, note: StickyNote } as const

export function KindIcon({ kind, ...props }: { kind: ItemKind } & LucideProps) {
  const Icon = ICONS[kind]
  return <Icon size={16} strokeWidth={1.8} aria-hidden {...props} />
}
