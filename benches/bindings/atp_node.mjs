// Per-call cost of omnistock from Node: `atp` lookups and batched `apply`.
// A benchmark, not a test. Run from the repository root after `make test-node` (it builds the
// addon): node benches/bindings/atp_node.mjs
// Inputs come from a seeded generator; every answer is checked against the first pass.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { Inventory } = require('../../bindings-node')

const LOCATIONS = 1000
const SKUS = 100
let seed = 7
const rand = (n) => {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) % n
}

const ids = Array.from({ length: LOCATIONS }, (_, i) => (i < LOCATIONS / 10 ? `DC${String(i).padStart(4, '0')}` : `ST${String(i).padStart(4, '0')}`))
const inv = new Inventory({
  locations: ids.map((id) => ({ id, kind: id.startsWith('DC') ? 'warehouse' : 'store' })),
  pools: [{ id: 'web', members: ids.map((location) => ({ location, buffer: location.startsWith('DC') ? 0 : 2 })) }],
})
const skus = Array.from({ length: SKUS }, (_, s) => `SKU${String(s).padStart(7, '0')}`)
inv.apply(skus.flatMap((sku, s) => ids.map((location, l) => ({ type: 'receive', id: `i${s}-${l}`, location, sku, quantity: 1000 + rand(50) }))))
const expected = skus.map((s) => inv.atp(s, 'web'))

const n = 1_000_000
const order = Array.from({ length: n }, () => rand(SKUS))
let best = Infinity
for (let r = 0; r < 3; r++) {
  const t = process.hrtime.bigint()
  for (let i = 0; i < n; i++) inv.atp(skus[order[i]], 'web')
  best = Math.min(best, Number(process.hrtime.bigint() - t))
}
if (JSON.stringify(skus.map((s) => inv.atp(s, 'web'))) !== JSON.stringify(expected)) throw new Error('answers changed')
console.log(`node atp/lookup/pool_1000: ${(best / n).toFixed(0)} ns per call (${n} calls, best of 3)`)

const batch = Array.from({ length: 200_000 }, (_, k) => {
  const location = ids[rand(LOCATIONS)]
  const sku = skus[rand(SKUS)]
  return k % 2 === 0
    ? { type: 'receive', id: `b${k}`, location, sku, quantity: 1 }
    : { type: 'adjust', id: `b${k}`, location, sku, delta: -1, reason: 'bench' }
})
const t = process.hrtime.bigint()
const out = inv.apply(batch)
const el = Number(process.hrtime.bigint() - t) / 1e9
if (!out.every((o) => o.status === 'applied')) throw new Error('bench events must apply')
console.log(`node ledger/apply/100k_positions: ${(batch.length / el / 1e3).toFixed(0)}k events/s (one batch of ${batch.length})`)
