// A throwaway, real WordPress on 127.0.0.1 for integration tests, built from Debian's packages:
//
//   const wp = await startWordPress()
//   … publish to wp.url with wp.username / wp.applicationPassword …
//   await wp.stop()
//
// MariaDB runs by hand (no system service, no config files read: --no-defaults) on a data directory under
// /dev/shm, with its own socket and port; WordPress is a private copy of /usr/share/wordpress with its own
// wp-config.php (Debian's reads /etc/wordpress), installed by install.php and served by `php -S` through
// router.php. Each server runs in its own process group, so stopping it reaches every worker it forked; a
// small watchdog per group kills the group if this process dies without stopping it (a crashed or killed
// test worker leaves nothing running). Nothing listens on anything but 127.0.0.1, and WordPress is told to
// make no outgoing HTTP request (WP_HTTP_BLOCK_EXTERNAL).
//
// Missing packages make startWordPress() throw with the command that installs them: tests that need a real
// WordPress fail, they never skip.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { cp, mkdtemp } from 'node:fs/promises'
import { connect, createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const WORDPRESS_PACKAGES = [
  'wordpress',
  'mariadb-server',
  'php-cli',
  'php-mysql',
  'php-gd',
  'php-xml',
  'php-mbstring',
  'php-curl',
] as const

export const INSTALL_COMMAND = `apt-get install -y --no-install-recommends ${WORDPRESS_PACKAGES.join(' ')}`

const HERE = fileURLToPath(new URL('.', import.meta.url))
const WORDPRESS_SOURCE = '/usr/share/wordpress'
const START_TIMEOUT_MS = 30_000

export interface StartOptions {
  /** The blog's time zone (Settings → General). Default Europe/Paris, so UTC and local times differ. */
  timezone?: string
  /** Permalink structure. Default "/%postname%/" (REST root at /wp-json/); "" for plain (?rest_route= only). */
  permalinks?: string
}

export interface StartupTimings {
  /** From the call to a site answering HTTP. */
  totalMs: number
  /** Until MariaDB accepted connections (data directory created, server started). */
  databaseMs: number
  /** wp_install() and the application passwords. */
  installMs: number
}

export interface WordPressSite {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string
  /** The private copy of WordPress (wp-content/uploads holds the media library). Gone after stop(). */
  siteDir: string
  /** The process groups of MariaDB and of the PHP web server (for checking that stop() leaves none). */
  processGroups: number[]
  /** The administrator. */
  username: string
  /** The administrator's login password (wp-login.php), not usable with the REST API. */
  password: string
  /** An application password of the administrator (Basic auth on the REST API). */
  applicationPassword: string
  /** A contributor (may write, may not publish) and an application password of theirs. */
  contributor: { username: string; applicationPassword: string }
  timings: StartupTimings
  /** Runs PHP inside the blog (WordPress loaded, the administrator as current user); resolves to what it echoes. */
  php(code: string): Promise<string>
  /** Makes the web server drop the Authorization header before WordPress sees it, as some hosts do. */
  stripAuthorization(strip: boolean): void
  /** A REST request as the administrator, for checking what the blog holds. Path like "wp/v2/posts/12?context=edit". */
  rest<T = Record<string, unknown>>(path: string, init?: { method?: string; body?: unknown }): Promise<{ status: number; body: T }>
  /** Stops both servers (every process of their groups) and deletes the site and its database. Idempotent. */
  stop(): Promise<void>
}

/** `dpkg-query` lines "<package> <status>" for these packages ("" where dpkg is missing). */
function dpkgStatuses(packages: readonly string[]): Promise<string> {
  return new Promise<string>((resolve) => {
    execFile('dpkg-query', ['-W', '-f=${Package} ${db:Status-Abbrev}\\n', ...packages], (_error, stdout) => resolve(stdout ?? ''))
  })
}

/** The packages of WORDPRESS_PACKAGES that are not installed (all of them where dpkg is missing). */
export async function missingWordPressPackages(query: (packages: readonly string[]) => Promise<string> = dpkgStatuses): Promise<string[]> {
  const statuses = await query(WORDPRESS_PACKAGES)
  const installed = new Set(
    statuses
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([, status]) => status === 'ii')
      .map(([name]) => name),
  )
  return WORDPRESS_PACKAGES.filter((name) => !installed.has(name))
}

export async function assertWordPressPackages(query?: (packages: readonly string[]) => Promise<string>): Promise<void> {
  const missing = await missingWordPressPackages(query)
  if (missing.length === 0) return
  throw new Error(
    `The WordPress integration tests need a real WordPress, built from Debian packages that are missing here ` +
      `(${missing.join(', ')}). Install them as root:\n  ${INSTALL_COMMAND}\n` +
      `(.ci/run does this on CI.) Nothing else is needed: the tests start and stop their own MariaDB and PHP servers.`,
  )
}

export async function startWordPress(options: StartOptions = {}): Promise<WordPressSite> {
  await assertWordPressPackages()
  const started = performance.now()
  const root = await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : '/tmp', 'baluchon-wp-'))
  const groups: ProcessGroup[] = []
  const cleanUp = async (): Promise<void> => {
    await Promise.all(groups.map((group) => group.stop()))
    rmSync(root, { recursive: true, force: true })
  }
  try {
    const siteDir = join(root, 'site')
    const socket = join(root, 'mysql.sock')
    const webPort = await freePort()
    const url = `http://127.0.0.1:${webPort}`
    const username = 'admin'
    const password = `login-${randomBytes(12).toString('hex')}`

    await Promise.all([
      startDatabase(root, socket).then((group) => {
        groups.push(group)
        return group
      }),
      copySite(siteDir, url, socket),
    ])
    const databaseMs = performance.now() - started

    const installStarted = performance.now()
    const installOutput = await runPhp(
      [
        join(HERE, 'install.php'),
        siteDir,
        JSON.stringify({
          socket,
          url,
          username,
          password,
          timezone: options.timezone ?? 'Europe/Paris',
          permalinks: options.permalinks ?? '/%postname%/',
        }),
      ],
      '',
    )
    const installed = JSON.parse(installOutput.trim().split('\n').pop() ?? '') as {
      applicationPassword: string
      contributorApplicationPassword: string
    }
    const installMs = performance.now() - installStarted

    const web = spawnGroup(
      'php',
      [
        '-d', 'upload_max_filesize=64M',
        '-d', 'post_max_size=64M',
        '-d', 'memory_limit=256M',
        '-d', 'display_errors=stderr',
        // The CLI has OPcache off by default: without it every request compiles WordPress again (~0.3 s).
        '-d', 'opcache.enable_cli=1',
        '-S', `127.0.0.1:${webPort}`,
        '-t', siteDir,
        join(HERE, 'router.php'),
      ],
      { cwd: siteDir, log: join(root, 'php-server.log'), env: { PHP_CLI_SERVER_WORKERS: '4' } },
    )
    groups.push(web)
    await waitFor(() => canConnect({ port: webPort, host: '127.0.0.1' }), web, 'the PHP web server')

    const authorization = `Basic ${Buffer.from(`${username}:${installed.applicationPassword}`).toString('base64')}`
    let stopped = false
    return {
      url,
      siteDir,
      processGroups: groups.flatMap((group) => (group.child.pid === undefined ? [] : [group.child.pid])),
      username,
      password,
      applicationPassword: installed.applicationPassword,
      contributor: { username: 'contributor', applicationPassword: installed.contributorApplicationPassword },
      timings: { totalMs: performance.now() - started, databaseMs, installMs },
      php: (code) => runPhp([join(HERE, 'eval.php'), siteDir, url], code),
      stripAuthorization: (strip) => {
        const flag = join(siteDir, '.strip-authorization')
        if (strip) writeFileSync(flag, '')
        else if (existsSync(flag)) unlinkSync(flag)
      },
      rest: async <T,>(path: string, init: { method?: string; body?: unknown } = {}) => {
        const [route, query] = path.split('?')
        const target = `${url}/?rest_route=/${route}${query ? `&${query}` : ''}`
        const response = await fetch(target, {
          method: init.method ?? 'GET',
          headers: { authorization, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        })
        const text = await response.text()
        return { status: response.status, body: (text ? JSON.parse(text) : null) as T }
      },
      stop: async () => {
        if (stopped) return
        stopped = true
        await cleanUp()
      },
    }
  } catch (error) {
    const logs = ['mysql.err', 'php-server.log']
      .map((name) => join(root, name))
      .filter((file) => existsSync(file))
      .map((file) => `--- ${file}\n${readFileSync(file, 'utf8').slice(-3000)}`)
      .join('\n')
    await cleanUp()
    if (error instanceof Error && logs) error.message += `\n${logs}`
    throw error
  }
}

async function startDatabase(root: string, socket: string): Promise<ProcessGroup> {
  const dataDir = join(root, 'db')
  await run('mariadb-install-db', [
    '--no-defaults',
    `--datadir=${dataDir}`,
    '--user=root',
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
  ])
  // A port we picked may be taken by the time MariaDB binds it: try again with another.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort()
    const group = spawnGroup(
      'mariadbd',
      [
        '--no-defaults',
        `--datadir=${dataDir}`,
        '--user=root',
        `--socket=${socket}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        `--pid-file=${join(root, 'mysql.pid')}`,
        `--log-error=${join(root, 'mysql.err')}`,
        '--skip-name-resolve',
        '--skip-log-bin',
        '--innodb-buffer-pool-size=32M',
        '--innodb-log-file-size=16M',
        '--performance-schema=OFF',
      ],
      { cwd: root, log: join(root, 'mysqld.out'), removeWhenOrphaned: root },
    )
    try {
      await waitFor(() => canConnect({ path: socket }), group, 'MariaDB')
      return group
    } catch (error) {
      await group.stop()
      if (attempt >= 3) throw error
    }
  }
}

/** The private copy: Debian's files, our own wp-config.php and wp-content (uploads land there). */
async function copySite(siteDir: string, url: string, socket: string): Promise<void> {
  await cp(WORDPRESS_SOURCE, siteDir, { recursive: true, verbatimSymlinks: true })
  mkdirSync(join(siteDir, 'wp-content', 'uploads'), { recursive: true })
  const salt = (): string => randomBytes(32).toString('hex')
  const php = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
  const constants: Record<string, string> = {
    DB_NAME: php('wordpress'),
    DB_USER: php('root'),
    DB_PASSWORD: php(''),
    DB_HOST: php(`localhost:${socket}`),
    DB_CHARSET: php('utf8mb4'),
    DB_COLLATE: php(''),
    WP_HOME: php(url),
    WP_SITEURL: php(url),
    // Application passwords need HTTPS, or an environment that says it is local.
    WP_ENVIRONMENT_TYPE: php('local'),
    DISABLE_WP_CRON: 'true',
    AUTOMATIC_UPDATER_DISABLED: 'true',
    WP_AUTO_UPDATE_CORE: 'false',
    WP_HTTP_BLOCK_EXTERNAL: 'true',
    WP_DEBUG: 'false',
    FS_METHOD: php('direct'),
    WP_CONTENT_DIR: php(join(siteDir, 'wp-content')),
    ...Object.fromEntries(
      ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'].map(
        (name) => [name, php(salt())],
      ),
    ),
  }
  const config = [
    '<?php',
    '// Written by test/support/wordpress/wordpress.ts for one test run.',
    ...Object.entries(constants).map(([name, value]) => `define('${name}', ${value});`),
    "$table_prefix = 'wp_';",
    "if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');",
    "require_once ABSPATH . 'wp-settings.php';",
    '',
  ].join('\n')
  writeFileSync(join(siteDir, 'wp-config.php'), config)
}

interface ProcessGroup {
  child: ChildProcess
  /** Set once the group leader exited. */
  exitCode(): number | null | undefined
  stop(): Promise<void>
}

const liveGroups = new Set<number>()
let exitHookInstalled = false

/**
 * Starts a command as the leader of a new process group, with a watchdog that kills the group if this
 * process goes away first. stop(): SIGKILL to the whole group, resolves once no process of the group is left.
 */
function spawnGroup(
  command: string,
  args: string[],
  options: { cwd: string; log: string; env?: Record<string, string>; removeWhenOrphaned?: string },
): ProcessGroup {
  if (!exitHookInstalled) {
    exitHookInstalled = true
    // A worker that exits without running afterAll (an uncaught error) still takes its servers down.
    process.on('exit', () => {
      for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL')
    })
  }
  const log = openSync(options.log, 'a')
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', log, log],
  })
  closeSync(log)
  let code: number | null | undefined
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (exitCode, signal) => {
      code = exitCode ?? (signal ? -1 : null)
      resolve()
    })
    child.once('error', () => {
      code = -1
      resolve()
    })
  })
  const pgid = child.pid
  let watchdog: ChildProcess | undefined
  if (pgid !== undefined) {
    liveGroups.add(pgid)
    watchdog = spawn(
      'sh',
      // dash's kill takes a negative number as a process group, and no "--". Once the owner is gone, the
      // watchdog also deletes the folder it names (the site and database), which no one else will.
      [
        '-c',
        'while kill -0 "$1" 2>/dev/null && kill -0 "-$2" 2>/dev/null; do sleep 0.5; done; kill -KILL "-$2" 2>/dev/null; ' +
          'if [ -n "$3" ] && ! kill -0 "$1" 2>/dev/null; then rm -rf "$3"; fi; exit 0',
        'baluchon-wordpress-watchdog',
        String(process.pid),
        String(pgid),
        options.removeWhenOrphaned ?? '',
      ],
      { detached: true, stdio: 'ignore' },
    )
    watchdog.unref()
  }
  let stopping: Promise<void> | undefined
  return {
    child,
    exitCode: () => code,
    stop: () => {
      stopping ??= (async () => {
        if (pgid === undefined) return
        // Killed outright: the site and its database are thrown away, so there is nothing to shut down cleanly.
        signalGroup(pgid, 'SIGKILL')
        while (groupAlive(pgid)) await sleep(10)
        await exited
        liveGroups.delete(pgid)
        if (watchdog?.pid !== undefined && watchdog.exitCode === null) {
          const watchdogExited = new Promise((resolve) => watchdog.once('exit', resolve))
          watchdog.ref() // or a process with nothing else to do would exit before hearing it end
          watchdog.kill('SIGKILL')
          await watchdogExited
        }
      })()
      return stopping
    },
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal)
  } catch {
    // Already gone.
  }
}

/**
 * Whether a process of the group still runs. Read from /proc rather than probed with kill(-pgid, 0): a killed
 * worker whose parent died too waits as a zombie until init reaps it, which here can take seconds, and a
 * zombie holds nothing (no port, no file).
 */
function groupAlive(pgid: number): boolean {
  let pids: string[]
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name))
  } catch {
    try {
      process.kill(-pgid, 0)
      return true
    } catch {
      return false
    }
  }
  return pids.some((pid) => {
    try {
      // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so split after the last ")".
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      return Number(pgrp) === pgid && state !== 'Z' && state !== 'X'
    } catch {
      return false
    }
  })
}

async function waitFor(ready: () => Promise<boolean>, group: ProcessGroup, what: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS
  for (;;) {
    if (await ready()) return
    if (group.exitCode() !== undefined) throw new Error(`${what} exited during start-up (code ${String(group.exitCode())})`)
    if (Date.now() > deadline) throw new Error(`${what} did not start within ${START_TIMEOUT_MS / 1000} s`)
    await sleep(20)
  }
}

function canConnect(target: { path: string } | { port: number; host: string }): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(target as never)
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} failed: ${error.message}\n${stderr}`))
      else resolve(stdout)
    })
  })
}

function runPhp(args: string[], stdin: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('php', ['-d', 'display_errors=stderr', '-d', 'memory_limit=256M', ...args], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`php ${args[0]} failed: ${error.message}\n${stderr}\n${stdout}`))
      else resolve(stdout)
    })
    child.stdin?.end(stdin)
  })
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
