// The throwaway WordPress the publishing tests use: it starts from Debian's packages, answers its REST API
// with an application password, and stopping it leaves no process and no file behind.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { startWordPress } from '../../support/wordpress/wordpress'

/** Processes of these groups that still run (zombies waiting for init to reap them hold nothing). */
function liveProcessesOf(groups: readonly number[]): string[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
        const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
        return groups.includes(Number(pgrp)) && state !== 'Z' && state !== 'X' ? [stat.slice(0, 80)] : []
      } catch {
        return []
      }
    })
}

describe('test WordPress', () => {
  it('starts, serves the REST API to an application password, and stops without leftovers', async () => {
    const wp = await startWordPress()
    const { processGroups, siteDir } = wp
    try {
      console.info(`WordPress started in ${Math.round(wp.timings.totalMs)} ms (database ${Math.round(wp.timings.databaseMs)} ms, install ${Math.round(wp.timings.installMs)} ms)`)
      expect(wp.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(processGroups).toHaveLength(2)
      expect(liveProcessesOf(processGroups).length).toBeGreaterThanOrEqual(2)

      const me = await wp.rest<{ slug: string; roles: string[] }>('wp/v2/users/me?context=edit')
      expect(me.status).toBe(200)
      expect(me.body).toMatchObject({ slug: 'admin', roles: ['administrator'] })
      await expect(wp.php("echo get_option('timezone_string');")).resolves.toBe('Europe/Paris')

      const home = await fetch(`${wp.url}/`)
      expect(home.headers.get('link')).toContain(`<${wp.url}/wp-json/>; rel="https://api.w.org/"`)
      await home.body?.cancel()
    } finally {
      await wp.stop()
    }
    expect(liveProcessesOf(processGroups)).toEqual([])
    expect(existsSync(siteDir)).toBe(false)
    await wp.stop() // idempotent
  })
})
