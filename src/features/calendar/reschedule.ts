// Moving things on the calendar, and moving them back (undo). What a move means depends on who holds the
// schedule: a WordPress post scheduled on the blog gets its new date there (main's wordpressReschedule, then the
// ledger row from the blog's answer); a Mastodon status scheduled on the server goes through the Mastodon client;
// a row of the local queue just gets its new time (the queue runner re-arms from ledger changes); a plan or a
// talk's date is ours alone. Nothing in the ledger changes until the platform has said yes, so a refusal leaves
// the row where it was.
import type { BaluchonApi } from '../../core/ipc/contract'
import type { IpcError } from '../../core/ipc/result'
import type { Publication } from '../../core/publish/ledger'
import type { BaluchonDb } from '../../db/schema'
import { updateFields } from '../items/repository'
import { PublishingFailure, unwrap } from '../publishing/errors'
import { reschedulePublication } from '../publishing/queue/repository'
import { applyRemoteState } from '../publishing/repository'
import { checkNewTime, lockOf, type CalendarEvent } from './model'
import { clearPlan, restorePlan, setPlan } from './plans'

/** Why a move did not happen: the calendar's own checks, or the platform's refusal (main's typed error). */
export type MoveReason = 'past' | 'locked' | 'changed' | 'gone' | 'remote'

/** A move the calendar refused or the platform turned down, with what to tell the person. */
export class MoveFailure extends Error {
  readonly reason: MoveReason
  readonly error: IpcError | null
  constructor(reason: MoveReason, error: IpcError | null = null, message = error?.message ?? reason) {
    super(message)
    this.name = 'MoveFailure'
    this.reason = reason
    this.error = error
  }
}

/** The Mastodon client's move (src/features/publishing/mastodon): it answers rather than throws. */
export type RescheduleMastodon = (
  db: BaluchonDb,
  publicationId: string,
  scheduledAt: number,
) => Promise<{ ok: true } | { ok: false; error: { code: string; message: string } }>

export interface MoveDeps {
  db: BaluchonDb
  api: Pick<BaluchonApi, 'wordpressReschedule'>
  now?: () => number
  /** The Mastodon client's reschedule, when it is available. */
  rescheduleMastodon?: RescheduleMastodon | null
}

/** What puts things back as they were. */
export type Undo = () => Promise<void>

function fail(reason: Exclude<MoveReason, 'remote'>, message: string): never {
  throw new MoveFailure(reason, null, message)
}

async function moveWordPress(deps: MoveDeps, row: Publication, at: number): Promise<void> {
  if (row.accountId === null || row.remoteId === null) fail('locked', 'This post has no scheduled copy on a blog')
  try {
    const state = await unwrap(deps.api.wordpressReschedule({ accountId: row.accountId, remoteId: Number(row.remoteId), dateGmt: new Date(at).toISOString() }))
    await applyRemoteState(deps.db, row.id, state)
  } catch (failure) {
    if (failure instanceof PublishingFailure) {
      // The blog says the post is not scheduled any more: bring the ledger in line so the calendar tells the truth.
      if (failure.error.detail?.['reason'] === 'not-scheduled') {
        const status = String(failure.error.detail['status'] ?? 'deleted')
        await applyRemoteState(deps.db, row.id, { remoteId: Number(row.remoteId), status, link: row.remoteUrl ?? '', dateGmt: null, modifiedGmt: null })
      }
      throw new MoveFailure('remote', failure.error)
    }
    throw failure
  }
}

/** Moves a ledger row to `at`. Returns how to undo it. */
export async function movePublication(deps: MoveDeps, publicationId: string, at: number): Promise<Undo> {
  const now = deps.now?.() ?? Date.now()
  const row = await deps.db.publications.get(publicationId)
  if (!row) fail('gone', 'This publication no longer exists')
  if (checkNewTime({ source: 'publication' }, at, now) === 'past') fail('past', 'The new time has already passed')
  const lock = lockOf(row, { now, canRescheduleMastodon: !!deps.rescheduleMastodon })
  if (lock) fail('locked', `This publication cannot be moved (${lock})`)
  const previous = row.scheduledAt
  if (row.status === 'scheduled' && row.channel === 'wordpress') {
    await moveWordPress(deps, row, at)
  } else if (row.status === 'scheduled' && row.channel === 'mastodon') {
    const result = await deps.rescheduleMastodon!(deps.db, row.id, at)
    if (!result.ok) throw new MoveFailure('remote', { code: result.error.code as IpcError['code'], message: result.error.message })
  } else {
    // The local queue: a new time, and the row waits again (the runner re-arms from the ledger).
    if (!(await reschedulePublication(deps.db, row.id, at, now))) fail('changed', 'The queue is sending it right now')
    const moved = await deps.db.publications.get(row.id)
    return async () => {
      // Exactly as it was (a reminder that had gone off stays gone off), unless the queue touched it since.
      await deps.db.transaction('rw', deps.db.publications, async () => {
        const current = await deps.db.publications.get(row.id)
        if (current && moved && current.updatedAt === moved.updatedAt && current.status === moved.status) await deps.db.publications.put(row)
        else if (previous !== null && current) await reschedulePublication(deps.db, row.id, previous)
      })
    }
  }
  return async () => {
    if (previous === null) return
    await movePublication(deps, publicationId, previous)
  }
}

/** Moves whatever the event stands for to `at` (plans, ledger rows) or to `day` (a talk's date). */
export async function moveEvent(deps: MoveDeps, event: Pick<CalendarEvent, 'source' | 'itemId' | 'publicationId'>, target: { at: number; day: string }): Promise<Undo> {
  const { db } = deps
  switch (event.source) {
    case 'publication':
      return movePublication(deps, event.publicationId!, target.at)
    case 'plan': {
      const previous = await setPlan(db, event.itemId, target.at)
      return () => restorePlan(db, event.itemId, previous)
    }
    case 'talk': {
      const talk = await db.items.get(event.itemId)
      if (!talk || talk.kind !== 'talk') fail('gone', 'This talk no longer exists')
      const previous = talk.date
      await updateFields(db, talk.id, { date: target.day })
      return () => updateFields(db, talk.id, { date: previous })
    }
  }
}

/** Plans an idea dropped on the calendar. */
export async function planIdea(db: BaluchonDb, itemId: string, at: number): Promise<Undo> {
  const previous = await setPlan(db, itemId, at)
  return () => restorePlan(db, itemId, previous)
}

/** Takes an idea off the calendar (back to the list). */
export async function unplan(db: BaluchonDb, itemId: string): Promise<Undo> {
  const previous = await clearPlan(db, itemId)
  return () => restorePlan(db, itemId, previous)
}
