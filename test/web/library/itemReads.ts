// A Dexie middleware counting the requests a view makes to the items table in read-only transactions (keys, counts,
// rows: any of them), for tests that check what a view reads after a write. A save's own reads run in its read-write
// transaction and are not counted.
import type { DBCore, DBCoreTable, Middleware } from 'dexie'

export function itemReadCounter(): { middleware: Middleware<DBCore>; count: () => number; reset: () => void } {
  let reads = 0
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'item-reads',
    create: (core) => ({
      ...core,
      table(name) {
        const table = core.table(name)
        if (name !== 'items') return table
        const counted = (req: { trans: unknown }) => {
          if ((req.trans as IDBTransaction).mode === 'readonly') reads++
        }
        const counting: DBCoreTable = {
          ...table,
          get: (req) => (counted(req), table.get(req)),
          getMany: (req) => (counted(req), table.getMany(req)),
          query: (req) => (counted(req), table.query(req)),
          count: (req) => (counted(req), table.count(req)),
          openCursor: (req) => (counted(req), table.openCursor(req)),
        }
        return counting
      },
    }),
  }
  return { middleware, count: () => reads, reset: () => (reads = 0) }
}
