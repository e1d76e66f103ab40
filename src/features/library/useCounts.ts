import { useLiveQuery } from 'dexie-react-hooks'
import { getDb } from '../../db'
import { countUnreadLinks, sidebarCounts, tagCounts, type SidebarCounts, type TagCount } from '../items/queries'

export function useSidebarCounts(): SidebarCounts | undefined {
  return useLiveQuery(() => sidebarCounts(getDb()), [])
}

export function useUnreadCount(): number | undefined {
  return useLiveQuery(() => countUnreadLinks(getDb()), [])
}

export function useTagCounts(): TagCount[] | undefined {
  return useLiveQuery(() => tagCounts(getDb()), [])
}
