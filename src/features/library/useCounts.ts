import { useLiveQuery } from 'dexie-react-hooks'
import { getDb } from '../../db'
import { countUnreadLinks, sidebarCounts, tagCounts, type SidebarCounts, type TagCount } from '../items/queries'
import { useFirstRowsPainted } from './firstRowsPaint'

// Each count is undefined (shown blank, hidden from assistive technology) until the list's first rows are painted.

export function useSidebarCounts(): SidebarCounts | undefined {
  const ready = useFirstRowsPainted()
  return useLiveQuery(() => (ready ? sidebarCounts(getDb()) : undefined), [ready])
}

export function useUnreadCount(): number | undefined {
  const ready = useFirstRowsPainted()
  return useLiveQuery(() => (ready ? countUnreadLinks(getDb()) : undefined), [ready])
}

export function useTagCounts(): TagCount[] | undefined {
  const ready = useFirstRowsPainted()
  return useLiveQuery(() => (ready ? tagCounts(getDb()) : undefined), [ready])
}
