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

/**
 * Where object keys are data, never renamed: the places of conversion.rs's `Place`, by kind
 * of document. Each place says, by snake_case key (`key`, or `any` for every key), the place of
 * the value under it, and the place of an array's items (`item`); `data` keeps its keys.
 * Anything not listed is `other`.
 */
const PLACES = {
  other: { key: { shipped: 'shipped' } },
  shipped: { data: true },
  network: { key: { services: 'services', locations: 'locations' } },
  services: { item: 'service' },
  service: { key: { transit: 'transit' } },
  transit: { key: { zones: 'zones' } },
  zones: { data: true, any: 'zoneRow' },
  zoneRow: { data: true },
  locations: { item: 'location' },
  location: { key: { shipping: 'shipping' } },
  shipping: { data: true, any: 'rate' },
  rate: { key: { zones: 'rateZones' } },
  rateZones: { data: true },
  scenario: { key: { network: 'network', catalog: 'dataMap', fulfilment: 'fulfilment' } },
  fulfilment: { key: { pick_hours: 'dataMap', reject_pct: 'dataMap' } },
  kpis: { key: { overall: 'metrics', by_channel: 'groups', by_rule_set: 'groups', by_day: 'groups' } },
  groups: { data: true, any: 'metrics' },
  metrics: { key: { cancellations: 'dataMap' } },
  simulation: { key: { runs: 'runs' } },
  runs: { item: 'run' },
  run: { key: { kpis: 'kpis', refused: 'dataMap' } },
  dataMap: { data: true },
}

/**
 * Renames object keys snake_case → camelCase (values untouched), as the binding does on
 * output: `place` is the kind of document (`'kpis'`, `'simulation'`, `'scenario'`, `'network'`,
 * or `'other'`), and keys that are data (zone codes, channel ids, reasons...) stay as they are.
 */
export function camelKeys(v, place = 'other') {
  const p = PLACES[place]
  if (Array.isArray(v)) return v.map((x) => camelKeys(x, p.item ?? 'other'))
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [p.data ? k : camel(k), camelKeys(x, p.any ?? p.key?.[k] ?? 'other')]),
    )
  }
  return v
}

/**
 * JSON with sorted keys, for comparing outputs. A number is written as JSON writes it, the
 * shortest text that reads back to the same double (so equal text is equal bits), and `-0`
 * as `-0` (JSON.stringify writes `0`).
 */
export function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`
  }
  if (Object.is(v, -0)) return '-0'
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
