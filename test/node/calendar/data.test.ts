// The calendar's reads and writes on a real (fake-indexeddb) database: the visible range read through the
// indexes only, the ideas list as keys, moves of local rows, plans, talks and WordPress schedules with their undo,
// refusals that leave the ledger as it was, and the .ics export read back.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WordPressRemoteState } from '../../../src/core/ipc/publishing'
import type { Publication } from '../../../src/core/publish'
import { BaluchonDb } from '../../../src/db/schema'
import { buildIcs, calendarEntries } from '../../../src/features/calendar/exportIcs'
import { getPlan, setPlan } from '../../../src/features/calendar/plans'
import { ideaIds, itemTitles, loadRange } from '../../../src/features/calendar/queries'
import { MoveFailure, moveEvent, planIdea, unplan, type MoveDeps } from '../../../src/features/calendar/reschedule'
import { createItem, trashItem, updateFields } from '../../../src/features/items/repository'

let db: BaluchonDb
let counter = 0
beforeEach(async () => {
  db = new BaluchonDb(`calendar-${Date.now()}-${counter++}`)
  await db.open()
})
afterEach(() => db.close())

const DAY = 86_400_000
const START = Date.UTC(2030, 5, 1)
const range = { from: START, to: START + 30 * DAY, fromDay: '2030-06-01', toDay: '2030-06-30' }

function row(id: string, itemId: string, over: Partial<Publication>): Publication {
  return {
    id,
    itemId,
    channel: 'linkedin',
    accountId: null,
    handling: 'local-reminder',
    status: 'queued',
    remoteId: null,
    remotePartIds: [],
    remoteUrl: null,
    parts: ['x'],
    scheduledAt: null,
    publishedAt: null,
    error: null,
    attempts: 0,
    nextAttemptAt: null,
    remindedAt: null,
    createdAt: 1,
    updatedAt: 1,
    ...over,
  }
}

function deps(over: Partial<MoveDeps> = {}): MoveDeps {
  return {
    db,
    api: { wordpressReschedule: vi.fn() },
    now: () => Date.UTC(2030, 4, 1),
    ...over,
  }
}

describe('the visible range', () => {
  it('reads ledger rows, plans and talks of the range through their indexes, never a full scan', async () => {
    const post = await createItem(db, 'post', { title: 'In June' })
    const other = await createItem(db, 'post', { title: 'In July' })
    const talk = await createItem(db, 'talk', { title: 'Keynote' })
    await updateFields(db, talk.id, { date: '2030-06-20' })
    await db.publications.bulkPut([
      row('a', post.id, { scheduledAt: START + 2 * DAY }),
      row('b', post.id, { status: 'published', scheduledAt: START - 5 * DAY, publishedAt: START + 3 * DAY, channel: 'mastodon' }),
      row('c', other.id, { scheduledAt: START + 40 * DAY }),
      // Published in May although scheduled in June: it belongs to May.
      row('d', other.id, { status: 'published', scheduledAt: START + 1 * DAY, publishedAt: START - 2 * DAY }),
    ])
    const idea = await createItem(db, 'note', { title: 'Planned idea' })
    await setPlan(db, idea.id, START + 10 * DAY)

    // Whole-table reads (toArray, toCollection, filter, each) are refused: only index ranges may answer.
    const scans: string[] = []
    const spies = [db.publications, db.items, db.plans].flatMap((table) =>
      (['toArray', 'toCollection', 'filter', 'each'] as const).map((method) =>
        vi.spyOn(table, method).mockImplementation((() => {
          scans.push(`${table.name}.${method}`)
          throw new Error(`full scan of ${table.name}`)
        }) as never),
      ),
    )
    try {
      const data = await loadRange(db, range)
      expect(data.publications.map((p) => p.id).sort()).toEqual(['a', 'b'])
      expect(data.plans.map((p) => p.itemId)).toEqual([idea.id])
      expect(data.talks.map((t) => t.id)).toEqual([talk.id])
      expect((await itemTitles(db, [post.id])).get(post.id)).toBe('In June')
    } finally {
      for (const spy of spies) spy.mockRestore()
    }
    expect(scans).toEqual([])
  })

  it('leaves out what is in the Trash, and a plan once its item has a live publication', async () => {
    const post = await createItem(db, 'post', { title: 'Binned' })
    const planned = await createItem(db, 'post', { title: 'Planned then scheduled' })
    await db.publications.put(row('a', post.id, { scheduledAt: START + DAY }))
    await setPlan(db, planned.id, START + 2 * DAY)
    expect((await loadRange(db, range)).plans).toHaveLength(1)
    await db.publications.put(row('b', planned.id, { scheduledAt: START + 60 * DAY }))
    await trashItem(db, post.id)
    const data = await loadRange(db, range)
    expect(data.publications).toEqual([])
    expect(data.plans).toEqual([])
  })
})

describe('the ideas list', () => {
  it('holds ideas and drafts, talk ideas and notes without a plan or a schedule, newest first', async () => {
    const idea = await createItem(db, 'post', { title: 'idea' }, 1000)
    const draft = await createItem(db, 'post', { title: 'draft', status: 'draft' }, 2000)
    await createItem(db, 'post', { title: 'ready', status: 'ready' }, 3000)
    const talk = await createItem(db, 'talk', { title: 'talk idea' }, 4000)
    await createItem(db, 'talk', { title: 'accepted', status: 'accepted' }, 5000)
    const note = await createItem(db, 'note', { title: 'note' }, 6000)
    await createItem(db, 'link', { title: 'link', url: 'https://example.org/' }, 7000)
    const scheduled = await createItem(db, 'post', { title: 'scheduled' }, 8000)
    const onBlogAsDraft = await createItem(db, 'post', { title: 'a draft on the blog' }, 9000)
    const planned = await createItem(db, 'post', { title: 'planned' }, 10_000)
    await db.publications.bulkPut([
      row('s', scheduled.id, { scheduledAt: START }),
      row('w', onBlogAsDraft.id, { status: 'draft', channel: 'wordpress', handling: 'server' }),
    ])
    await setPlan(db, planned.id, START)
    expect(await ideaIds(db)).toEqual([onBlogAsDraft.id, note.id, talk.id, draft.id, idea.id])
    expect(await ideaIds(db, 'post')).toEqual([onBlogAsDraft.id, draft.id, idea.id])
    expect(await ideaIds(db, 'talk')).toEqual([talk.id])
    expect(await ideaIds(db, 'note')).toEqual([note.id])
  })
})

describe('moving things', () => {
  it('gives a queued reminder its new time (waiting again), and Undo puts back exactly what was there', async () => {
    const item = await createItem(db, 'post', { title: 'Remind me' })
    const before = row('q', item.id, { status: 'awaiting-manual', scheduledAt: START + DAY, remindedAt: START + DAY })
    await db.publications.put(before)
    const undo = await moveEvent(deps(), { source: 'publication', itemId: item.id, publicationId: 'q' }, { at: START + 5 * DAY, day: '2030-06-06' })
    expect(await db.publications.get('q')).toMatchObject({ status: 'queued', scheduledAt: START + 5 * DAY, remindedAt: null })
    await undo()
    expect(await db.publications.get('q')).toEqual(before)
  })

  it('refuses a time already passed, a published row, and leaves them as they were', async () => {
    const item = await createItem(db, 'post', { title: 'x' })
    const queued = row('q', item.id, { scheduledAt: START })
    const done = row('p', item.id, { status: 'published', publishedAt: START })
    await db.publications.bulkPut([queued, done])
    const past = moveEvent(deps(), { source: 'publication', itemId: item.id, publicationId: 'q' }, { at: Date.UTC(2030, 3, 1), day: '2030-04-01' })
    await expect(past).rejects.toMatchObject({ reason: 'past' })
    await expect(moveEvent(deps(), { source: 'publication', itemId: item.id, publicationId: 'p' }, { at: START + DAY, day: '2030-06-02' })).rejects.toBeInstanceOf(MoveFailure)
    expect(await db.publications.get('q')).toEqual(queued)
    expect(await db.publications.get('p')).toEqual(done)
  })

  it('pushes a WordPress schedule to the blog first, then records what the blog answered', async () => {
    const item = await createItem(db, 'post', { title: 'On the blog' })
    await db.publications.put(row('w', item.id, { channel: 'wordpress', handling: 'server', status: 'scheduled', accountId: 'acc', remoteId: '42', scheduledAt: START }))
    const target = START + 2 * DAY + 3_600_000
    const answer: WordPressRemoteState = { remoteId: 42, status: 'future', link: 'http://blog/?p=42', dateGmt: new Date(target).toISOString(), modifiedGmt: null }
    const wordpressReschedule = vi.fn().mockResolvedValue({ ok: true, value: answer })
    const undo = await moveEvent(deps({ api: { wordpressReschedule } }), { source: 'publication', itemId: item.id, publicationId: 'w' }, { at: target, day: '2030-06-03' })
    expect(wordpressReschedule).toHaveBeenCalledWith({ accountId: 'acc', remoteId: 42, dateGmt: new Date(target).toISOString() })
    expect(await db.publications.get('w')).toMatchObject({ status: 'scheduled', scheduledAt: target })
    // Undo is another move on the blog, back to the first time.
    wordpressReschedule.mockResolvedValue({ ok: true, value: { ...answer, dateGmt: new Date(START).toISOString() } })
    await undo()
    expect(wordpressReschedule).toHaveBeenLastCalledWith({ accountId: 'acc', remoteId: 42, dateGmt: new Date(START).toISOString() })
    expect((await db.publications.get('w'))!.scheduledAt).toBe(START)
  })

  it('leaves the row alone when the blog refuses, and tells the truth when the post was published meanwhile', async () => {
    const item = await createItem(db, 'post', { title: 'Refused' })
    const scheduled = row('w', item.id, { channel: 'wordpress', handling: 'server', status: 'scheduled', accountId: 'acc', remoteId: '42', scheduledAt: START })
    await db.publications.put(scheduled)
    const refusing = vi.fn().mockResolvedValue({ ok: false, error: { code: 'network', message: 'down' } })
    const move = () => moveEvent(deps({ api: { wordpressReschedule: refusing } }), { source: 'publication', itemId: item.id, publicationId: 'w' }, { at: START + DAY, day: '2030-06-02' })
    await expect(move()).rejects.toMatchObject({ reason: 'remote', error: { code: 'network' } })
    expect(await db.publications.get('w')).toEqual(scheduled)
    refusing.mockResolvedValue({ ok: false, error: { code: 'invalid-input', message: 'no', detail: { reason: 'not-scheduled', status: 'publish' } } })
    await expect(move()).rejects.toMatchObject({ reason: 'remote' })
    expect(await db.publications.get('w')).toMatchObject({ status: 'published' })
  })

  it('moves a Mastodon status held by the server through the Mastodon client, and reports its refusal', async () => {
    const item = await createItem(db, 'post', { title: 'Toot' })
    await db.publications.put(row('m', item.id, { channel: 'mastodon', handling: 'server', status: 'scheduled', accountId: 'acc', remoteId: '5', scheduledAt: START }))
    const rescheduleMastodon = vi.fn().mockResolvedValue({ ok: false, error: { code: 'too-soon', message: 'too soon' } })
    await expect(
      moveEvent(deps({ rescheduleMastodon }), { source: 'publication', itemId: item.id, publicationId: 'm' }, { at: START + DAY, day: '2030-06-02' }),
    ).rejects.toMatchObject({ reason: 'remote', error: { code: 'too-soon' } })
    expect(rescheduleMastodon).toHaveBeenCalledWith(db, 'm', START + DAY)
    // Without the client the row is not movable at all.
    await expect(moveEvent(deps(), { source: 'publication', itemId: item.id, publicationId: 'm' }, { at: START + DAY, day: '2030-06-02' })).rejects.toMatchObject({ reason: 'locked' })
  })

  it('plans an idea, moves the plan, moves a talk’s date, each with its undo', async () => {
    const idea = await createItem(db, 'post', { title: 'Idea' })
    const undoPlan = await planIdea(db, idea.id, START)
    expect(await getPlan(db, idea.id)).toMatchObject({ itemId: idea.id, at: START })
    const undoMove = await moveEvent(deps(), { source: 'plan', itemId: idea.id }, { at: START + DAY, day: '2030-06-02' })
    expect((await getPlan(db, idea.id))!.at).toBe(START + DAY)
    await undoMove()
    expect((await getPlan(db, idea.id))!.at).toBe(START)
    await undoPlan()
    expect(await getPlan(db, idea.id)).toBeUndefined()
    await planIdea(db, idea.id, START)
    const undoUnplan = await unplan(db, idea.id)
    expect(await getPlan(db, idea.id)).toBeUndefined()
    await undoUnplan()
    expect((await getPlan(db, idea.id))!.at).toBe(START)

    const talk = await createItem(db, 'talk', { title: 'Talk' })
    await updateFields(db, talk.id, { date: '2030-06-10' })
    const undoTalk = await moveEvent(deps(), { source: 'talk', itemId: talk.id }, { at: 0, day: '2030-06-12' })
    expect(await db.items.get(talk.id)).toMatchObject({ date: '2030-06-12' })
    await undoTalk()
    expect(await db.items.get(talk.id)).toMatchObject({ date: '2030-06-10' })
  })
})

describe('.ics export', () => {
  it('writes every timed ledger row, plan and talk, with the state in words', async () => {
    const post = await createItem(db, 'post', { title: 'Launch, notes; and more' })
    const talk = await createItem(db, 'talk', { title: 'Keynote' })
    await updateFields(db, talk.id, { date: '2030-06-20' })
    await db.publications.bulkPut([
      row('a', post.id, { channel: 'wordpress', handling: 'server', status: 'scheduled', scheduledAt: START, remoteUrl: 'https://blog.example/launch' }),
      row('d', post.id, { status: 'draft', channel: 'wordpress' }),
    ])
    const idea = await createItem(db, 'note', { title: 'Idea' })
    await setPlan(db, idea.id, START + DAY)
    const t = ((key: string) => ({ exportName: 'Baluchon calendar', untitled: 'Untitled', 'states.scheduled': 'Scheduled on the server', 'states.planned': 'Planned', 'states.talk': 'Talk' })[key] ?? key) as never
    const text = buildIcs(await calendarEntries(db), t, Date.UTC(2030, 4, 1))
    const unfolded = text.replace(/\r\n /g, '')
    expect(unfolded.match(/BEGIN:VEVENT/g)).toHaveLength(3)
    expect(unfolded).toContain('SUMMARY:Launch\\, notes\\; and more (WordPress)\r\n')
    expect(unfolded).toContain('DTSTART:20300601T000000Z\r\n')
    expect(unfolded).toContain('URL:https://blog.example/launch\r\n')
    expect(unfolded).toContain('DESCRIPTION:Planned\r\n')
    expect(unfolded).toContain('DTSTART;VALUE=DATE:20300620\r\n')
  })
})
