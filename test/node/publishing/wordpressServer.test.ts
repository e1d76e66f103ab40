// The throwaway WordPress the publishing tests use: it starts from Debian's packages, answers its REST API
// with an application password, and stopping it leaves no process and no file behind.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { assertWordPressPackages, missingWordPressPackages, startWordPress } from '../../support/wordpress/wordpress'

const HERE = dirname(fileURLToPath(import.meta.url))
const TSX_LOADER = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/loader.mjs')).href

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

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (condition()) return true
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return condition()
}

describe('missing packages', () => {
  it('fail the test with the command that installs them, never skip', async () => {
    // dpkg-query prints "rc" for a removed package and nothing for an unknown one.
    const query = async () => 'wordpress ii \nmariadb-server rc \nphp-cli ii \nphp-mysql ii \nphp-gd ii \nphp-xml ii \nphp-mbstring ii \n'
    await expect(missingWordPressPackages(query)).resolves.toEqual(['mariadb-server', 'php-curl'])
    await expect(assertWordPressPackages(query)).rejects.toThrow(
      /missing here \(mariadb-server, php-curl\)[\s\S]*apt-get install -y --no-install-recommends wordpress mariadb-server php-cli php-mysql php-gd php-xml php-mbstring php-curl/,
    )
    await expect(assertWordPressPackages(async () => '')).rejects.toThrow(/missing here \(wordpress, mariadb-server/)
  })

  it('are all installed here (CI installs them; a machine without them fails the tests with the command above)', async () => {
    await expect(assertWordPressPackages()).resolves.toBeUndefined()
  })
})

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

  it('leaves nothing behind when the test process is killed without stopping it', async () => {
    // Node itself with tsx's loader (not the tsx CLI, which would run the script in a grandchild we could not kill).
    const child = spawn(process.execPath, ['--import', TSX_LOADER, join(HERE, '../../support/wordpress/startAndHang.ts')], { stdio: ['ignore', 'pipe', 'inherit'] })
    const exited = new Promise((resolve) => child.once('exit', resolve))
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let buffered = ''
        child.stdout.on('data', (chunk: Buffer) => {
          buffered += chunk.toString()
          if (buffered.includes('\n')) resolve(buffered.slice(0, buffered.indexOf('\n')))
        })
        child.once('exit', (code) => reject(new Error(`the WordPress process exited first (${code})`)))
      })
      const started = JSON.parse(line) as { processGroups: number[]; siteDir: string; url: string }
      expect(liveProcessesOf(started.processGroups).length).toBeGreaterThanOrEqual(2)
      const answer = await fetch(`${started.url}/wp-json/`)
      expect(answer.status).toBe(200)
      await answer.body?.cancel()

      child.kill('SIGKILL')
      await exited
      // The watchdogs poll every half second.
      expect(await waitUntil(() => liveProcessesOf(started.processGroups).length === 0 && !existsSync(started.siteDir), 10_000)).toBe(true)
      await expect(fetch(`${started.url}/wp-json/`)).rejects.toThrow()
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
  }, 120_000)
})
