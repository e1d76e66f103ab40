// The raw cold start: a blank page that opens the database with bare Dexie, reads the first page of
// the list (newest first, outside the Trash) and paints the titles. Time from navigation start.
import Dexie from 'dexie'
import { DB_NAME } from '../../src/db/schema'
import type { BenchWindow } from '../lib/pageApi'
import { afterNextPaint } from './frames'

const PAGE = 50

async function run(): Promise<number> {
  // No schema: Dexie opens the existing database as it is (what the app's code adds is not measured).
  const db = new Dexie(DB_NAME)
  await db.open()
  const rows = await db
    .table('items')
    .where('[trashed+updatedAt]')
    .between([0, -Infinity], [0, Infinity])
    .reverse()
    .limit(PAGE)
    .toArray()
  const list = document.getElementById('rows')!
  for (const row of rows as { title: string }[]) {
    const li = document.createElement('li')
    li.textContent = row.title
    list.append(li)
  }
  return afterNextPaint()
}

;(window as BenchWindow).__benchBlank = run()
