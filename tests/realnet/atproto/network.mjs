// A real atproto network on loopback for the end-to-end tests: PLC directory, PDS, Bluesky AppView
// (plus the Ozone and bsync services the AppView needs), from @atproto/dev-env, on free ports.
//
// Run with the Node 22 that install.sh puts in the cache:
//
//   ATPROTO_INSTALL_DIR=<path printed by install.sh> \
//   DB_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/<an empty database> \
//   <ATPROTO_INSTALL_DIR>/node_modules/node/bin/node network.mjs
//
// Environment:
//   ATPROTO_INSTALL_DIR  required: the install folder (holds node_modules/@atproto/dev-env)
//   DB_POSTGRES_URL      required: PostgreSQL for the AppView, bsync and Ozone
//   DB_POSTGRES_SCHEMA   optional, default "net": the schemas are appview_<it>, bsync_<it>, ozone_<it>
//   ATP_DATA_DIR         optional: folder for the PDS's SQLite files and blobs (the caller removes
//                        it); without it a temporary folder is made here and removed on close
//   LOG_ENABLED=true     optional: the services' own logs (pino JSON lines, LOG_LEVEL)
//
// When the network is ready, ONE JSON line goes to stdout, starting with {"ready":true (this script's
// and the libraries' console output goes to stderr; with LOG_ENABLED=true, some services' pino
// loggers still write JSON lines to stdout, so readers look for the "ready" line):
//   {"ready": true, "pds": url, "appview": url, "plc": url, "ozone": url, "appview_did": ...,
//    "pds_did": ..., "ozone_did": ..., "handle_domain": ".test", "admin_password": ..., ...}
// It then stays up until stdin closes or SIGTERM / SIGINT arrives, closes the network
// (network.close()) and exits 0. No mock data is seeded: tests create their own accounts.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'

const started = Date.now()
const stdoutWrite = process.stdout.write.bind(process.stdout)
// Keep stdout for the one ready line: library output goes to stderr.
console.log = console.info = console.debug = console.error

function die(message) {
  process.stderr.write(`network.mjs: ${message}\n`)
  process.exit(1)
}

const installDir = process.env.ATPROTO_INSTALL_DIR
if (!installDir) die('ATPROTO_INSTALL_DIR is not set (run install.sh; it prints the folder)')
if (!process.env.DB_POSTGRES_URL) die('DB_POSTGRES_URL is not set (an empty PostgreSQL database for the AppView)')
const major = Number(process.versions.node.split('.')[0])
if (major < 22) die(`Node ${process.version} is too old: @atproto/dev-env needs Node 22 (use the one install.sh installs)`)

const require = createRequire(path.join(installDir, 'package.json'))
let devEnvEntry
try {
  devEnvEntry = require.resolve('@atproto/dev-env')
} catch (err) {
  die(`@atproto/dev-env is not installed under ${installDir} (run install.sh): ${err.message}`)
}
const { TestNetwork, ADMIN_PASSWORD } = await import(devEnvEntry)
const devEnvVersion = JSON.parse(
  fs.readFileSync(path.join(path.dirname(devEnvEntry), '..', 'package.json'), 'utf8'),
).version

// The services' own logs (LOG_ENABLED=true, LOG_LEVEL=...) go to stderr unless LOG_DESTINATION says where
// (this covers the loggers of @atproto/common; the PLC server's request log still writes to stdout).
process.env.LOG_DESTINATION ??= '/dev/stderr'

// dev-env asserts REDIS_HOST is set and passes it on, but no service of this network uses Redis.
process.env.REDIS_HOST ??= '127.0.0.1:6379'

// The PDSes put their SQLite files and blobs under os.tmpdir(); point that at our own folder so
// nothing is left behind. (dev-env's free-port reservations were placed when it was imported, in
// the shared temporary folder, so parallel networks still do not pick the same port.)
let dataDir = process.env.ATP_DATA_DIR
const ownDataDir = !dataDir
if (ownDataDir) dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atproto-net-'))
fs.mkdirSync(dataDir, { recursive: true })
process.env.TMPDIR = dataDir

let network
let closing = null

function removeDataDir() {
  if (ownDataDir) fs.rmSync(dataDir, { recursive: true, force: true })
}

async function shutdown(why) {
  if (closing) return closing
  closing = (async () => {
    process.stderr.write(`network.mjs: closing (${why})\n`)
    const timer = setTimeout(() => {
      process.stderr.write('network.mjs: close took over 30s, exiting anyway\n')
      removeDataDir()
      process.exit(1)
    }, 30_000)
    let code = 0
    try {
      if (network) await network.close()
    } catch (err) {
      process.stderr.write(`network.mjs: error while closing: ${err?.stack ?? err}\n`)
      code = 1
    }
    clearTimeout(timer)
    removeDataDir()
    process.exit(code)
  })()
  return closing
}

process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))
process.stdin.on('end', () => shutdown('stdin closed'))
process.stdin.on('error', () => shutdown('stdin error'))
process.stdin.resume()
process.on('unhandledRejection', (err) => {
  process.stderr.write(`network.mjs: unhandled rejection: ${err?.stack ?? err}\n`)
})

try {
  network = await TestNetwork.create({
    dbPostgresUrl: process.env.DB_POSTGRES_URL,
    dbPostgresSchema: process.env.DB_POSTGRES_SCHEMA || 'net',
    // No ports given: dev-env picks free ones for every service.
    pds: { enableDidDocWithSession: true },
  })
} catch (err) {
  process.stderr.write(`network.mjs: the network did not start: ${err?.stack ?? err}\n`)
  removeDataDir()
  process.exit(1)
}
if (closing) {
  await closing
} else {
  const ready = {
    ready: true,
    pds: network.pds.url,
    appview: network.bsky.url,
    plc: network.plc.url,
    ozone: network.ozone.url,
    pds_did: network.pds.ctx.cfg.service.did,
    appview_did: network.bsky.serverDid,
    ozone_did: network.ozone.ctx.cfg.service.did,
    handle_domain: network.pds.ctx.cfg.identity.serviceHandleDomains[0],
    admin_password: ADMIN_PASSWORD, // HTTP basic auth as "admin" on the PDS's admin endpoints
    data_dir: dataDir,
    node: process.version,
    dev_env: devEnvVersion,
    pid: process.pid,
    startup_seconds: (Date.now() - started) / 1000,
  }
  stdoutWrite(JSON.stringify(ready) + '\n')
}
