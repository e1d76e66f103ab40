// src/public/open-database-early.js opens the app's database before the app's modules have loaded, so Chromium
// opens its store on disk meanwhile. It must open the very database the app uses, create nothing on a first start,
// and never block the app's own open, an upgrade included.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { BaluchonDb, DB_NAME } from '../../../src/db/schema'
import { MIGRATIONS } from '../../../src/db/migrations'

const SCRIPT_PATH = resolve(__dirname, '../../../src/public/open-database-early.js')
const script = readFileSync(SCRIPT_PATH, 'utf8')

type Factory = InstanceType<typeof IDBFactory>
type OpenRequest = ReturnType<Factory['open']>

const open: BaluchonDb[] = []
afterEach(() => open.splice(0).forEach((db) => db.close()))

function appDb(factory: Factory, migrations = MIGRATIONS): BaluchonDb {
  const db = new BaluchonDb(DB_NAME, migrations, { indexedDB: factory, IDBKeyRange })
  open.push(db)
  return db
}

/** Runs the page script against `factory`, as the page would with its own `indexedDB`; gives back its open request. */
function runScript(factory: Factory): { request: () => OpenRequest | undefined; timers: (() => void)[] } {
  let request: OpenRequest | undefined
  const timers: (() => void)[] = []
  const page = {
    open: (name: string, version?: number) => (request = version === undefined ? factory.open(name) : factory.open(name, version)),
  }
  new Function('indexedDB', 'setTimeout', script)(page, (fn: () => void) => timers.push(fn))
  return { request: () => request, timers }
}

function settled(request: OpenRequest): Promise<'success' | 'error'> {
  return new Promise((done) => {
    request.addEventListener('success', () => done('success'))
    request.addEventListener('error', () => done('error'))
  })
}

describe('opening the database early', () => {
  it('names the database the app opens, and the page loads it as a script of its own before the app', () => {
    expect(script).toContain(`var DB_NAME = '${DB_NAME}'`)
    const html = readFileSync(resolve(__dirname, '../../../src/index.html'), 'utf8')
    const early = html.indexOf('<script src="/open-database-early.js" async></script>')
    expect(early).toBeGreaterThan(-1)
    expect(early).toBeLessThan(html.indexOf('<script type="module"'))
  })

  it('opens the existing database as it is on disk, and the app then opens it beside that connection', async () => {
    const factory = new IDBFactory()
    const created = appDb(factory)
    await created.open()
    created.close()

    const { request } = runScript(factory)
    expect(request()).toBeDefined()
    expect(await settled(request()!)).toBe('success')
    expect(request()!.result.version).toBe(created.verno * 10)

    const db = appDb(factory)
    await db.open()
    expect(db.tables.map((t) => t.name)).toContain('items')
  })

  it('creates nothing on a first start: the app creates the database at its own version', async () => {
    const factory = new IDBFactory()
    const { request } = runScript(factory)
    expect(await settled(request()!)).toBe('error')
    expect(await factory.databases()).toEqual([])

    const db = appDb(factory)
    await db.open()
    await db.items.count()
    expect(db.verno).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version)
  })

  it('steps aside when the app upgrades the database', async () => {
    const factory = new IDBFactory()
    const older = appDb(factory, MIGRATIONS.slice(0, -1))
    await older.open()
    older.close()

    const { request } = runScript(factory)
    expect(await settled(request()!)).toBe('success')
    // Held open, the early connection would block this upgrade for good.
    const db = appDb(factory)
    await db.open()
    expect(db.verno).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version)
  })

  it('lets its connection go after a while', async () => {
    const factory = new IDBFactory()
    const created = appDb(factory)
    await created.open()
    created.close()
    const { request, timers } = runScript(factory)
    expect(await settled(request()!)).toBe('success')
    expect(timers).toHaveLength(1)
    const connection = request()!.result
    expect(() => connection.transaction('items').abort()).not.toThrow()
    timers[0]!()
    // Closed: a closed connection refuses new transactions.
    expect(() => connection.transaction('items')).toThrow(/closed|InvalidState/i)
  })
})
