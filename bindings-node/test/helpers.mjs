// Shared by the node:test files (not a test itself).
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'

const here = dirname(fileURLToPath(import.meta.url))
/** The package folder (bindings-node/). */
export const pkg = join(here, '..')
/** The repository root. */
export const root = join(pkg, '..')
export const require = createRequire(import.meta.url)
export const omnistock = require('../index.js')

export const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'))

/** Every testdata/golden/<concept>/<case>.json, sorted. */
export function goldenFiles() {
  const base = join(root, 'testdata', 'golden')
  return readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(base, d.name))
        .filter((f) => f.endsWith('.json'))
        .map((f) => join(base, d.name, f)),
    )
    .sort()
}

const camel = (k) => k.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())

/** Renames object keys snake_case → camelCase (values untouched), as the binding does on output. */
export function camelKeys(v) {
  if (Array.isArray(v)) return v.map(camelKeys)
  if (v && typeof v === 'object') {
    // An open order's `shipped` is keyed by reservation ids: data, never renamed.
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [camel(k), k === 'shipped' ? x : camelKeys(x)]))
  }
  return v
}

/** JSON with sorted keys, for comparing outputs. */
export function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v === undefined ? null : v)
}

/** Calls fn; returns the error it throws (failing if it throws none). */
export function thrown(fn) {
  try {
    fn()
  } catch (err) {
    return err
  }
  throw new Error('expected a throw')
}

/** Whether err is an omnistock error: an Error whose code is one of ERROR_CODES. */
export const isOmnistockError = (err) => err instanceof Error && omnistock.ERROR_CODES.includes(err.code)

export const smallNetwork = () => ({
  locations: [
    { id: 'DC1', kind: 'warehouse' },
    { id: 'S1', kind: 'store' },
  ],
  channels: [
    { id: 'shop', kind: 'web', pool: 'web' },
    { id: 'cc', kind: 'click_and_collect', pool: 'cc' },
  ],
  pools: [
    { id: 'web', members: [{ location: 'DC1' }, { location: 'S1', buffer: 1 }] },
    { id: 'cc', members: [{ location: 'S1' }], maxSharePct: '50', lowStockThreshold: 2 },
  ],
})

/** n receive events of 1 unit at DC1 over 100 SKUs. */
export const receives = (n, prefix = 'e') =>
  Array.from({ length: n }, (_, i) => ({ type: 'receive', id: `${prefix}${i}`, location: 'DC1', sku: `S${i % 100}`, quantity: 1 }))

/**
 * Starts an async call and counts the event loop's turns until it settles: `start()` is called
 * after the counter is running (arguments are read on this thread), and the turns counted
 * from its return on happened while the core worked on the libuv pool. Returns the call's
 * result and those turns.
 */
export async function turnsDuring(start) {
  let ticks = 0
  let spinning = true
  const spin = () => {
    ticks += 1
    if (spinning) setImmediate(spin)
  }
  setImmediate(spin)
  const pending = start()
  const atStart = ticks
  try {
    return { result: await pending, turns: ticks - atStart }
  } finally {
    spinning = false
  }
}
