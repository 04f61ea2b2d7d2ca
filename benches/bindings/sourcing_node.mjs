// Per-order cost of sourcing from Node: `allocate` on batches of 3-line orders over a
// 1,000-location network (the same deterministic data as sourcing_python.py).
//
// A benchmark, not a test. Run from the repository root after `make test-node`:
//     node benches/bindings/sourcing_node.mjs
// Every plan is checked: each order allocated in full or with its reasons.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { Inventory } = require('../../bindings-node')

const LOCATIONS = 1000
const SKUS = 20
const ZONES = 20
const pad = (n, w) => String(n).padStart(w, '0')

function network() {
  const locations = []
  const members = []
  for (let i = 0; i < LOCATIONS; i++) {
    const dc = i < LOCATIONS / 10
    const id = dc ? `DC${pad(i, 4)}` : `ST${pad(i, 4)}`
    const zones = {}
    for (let d = 0; d < ZONES; d++) {
      zones[`Z${pad(d, 2)}`] = { base: `${5 + ((i + d) % 3)}.${pad((i * 7 + d) % 100, 2)}`, per_unit: '0.50' }
    }
    locations.push({
      id, kind: dc ? 'warehouse' : 'store', capabilities: dc ? ['ship'] : ['ship_from_store', 'pickup'],
      priority: dc ? 1 : 2, zone: `Z${pad(i % ZONES, 2)}`,
      position: { lat: 43 + ((i * 37) % 700) / 100, lon: -1 + ((i * 53) % 800) / 100 },
      capacity: { orders_per_day: dc ? 5000 : 40, units_per_day: dc ? 20000 : 120 },
      handling: { per_order: dc ? '1.10' : '2.50', per_unit: dc ? '0.20' : '0.40' },
      shipping: { standard: dc ? { distance: { base: '4.20', per_unit: '0.35', per_km: '0.004' } } : { zones } },
    })
    members.push({ location: id, buffer: dc ? 0 : 1 })
  }
  const matrix = {}
  for (let o = 0; o < ZONES; o++) {
    matrix[`Z${pad(o, 2)}`] = {}
    for (let d = 0; d < ZONES; d++) matrix[`Z${pad(o, 2)}`][`Z${pad(d, 2)}`] = 1 + ((o + d) % 3)
  }
  return {
    locations,
    channels: [{ id: 'web', kind: 'web', pool: 'web' }],
    pools: [{ id: 'web', members }],
    services: [{ id: 'standard', transit: { zones: matrix, distance_bands: [
      { max_km: 100, days: 1 }, { max_km: 600, days: 2 }, { max_km: 2000, days: 3 }] } }],
  }
}

function stock() {
  const events = []
  for (let i = 0; i < LOCATIONS; i++) {
    const dc = i < LOCATIONS / 10
    const id = dc ? `DC${pad(i, 4)}` : `ST${pad(i, 4)}`
    for (let s = 0; s < SKUS; s++) {
      if ((i * 31 + s * 17) % 2 === 0) {
        const q = dc ? 20 + ((i * s) % 200) : (i + s) % 6
        if (q > 0) events.push({ type: 'receive', id: `r-${i}-${s}`, location: id, sku: `SKU${pad(s, 2)}`, quantity: q })
      }
    }
  }
  return events
}

function orders(n, prefix) {
  const out = []
  for (let k = 0; k < n; k++) {
    const lines = [0, 1, 2].map((j) => ({ id: String(j + 1), sku: `SKU${pad((k * 7 + j * 3) % SKUS, 2)}`, quantity: 1 + ((k + j) % 3) }))
    out.push({
      id: `${prefix}-${pad(k, 5)}`, channel: 'web', service: 'standard', promised: '2026-12-01',
      destination: { zone: `Z${pad(k % ZONES, 2)}`, position: { lat: 43 + ((k * 13) % 700) / 100, lon: -1 + ((k * 29) % 800) / 100 } },
      lines, max_shipments: 3,
    })
  }
  return out
}

const inv = new Inventory(network())
if (!inv.apply(stock()).every((o) => o.status === 'applied')) throw new Error('stock not applied')
const now = '2026-11-27T09:00:00Z'
for (const batch of [1, 100]) {
  let best = Infinity
  for (let rep = 0; rep < 3; rep++) {
    let plans = 0
    let plan
    const t = process.hrtime.bigint()
    for (let b = 0; b < 200 / batch; b++) {
      plan = inv.allocate(orders(batch, `P${rep}-${b}`), 'balanced', now)
      plans += plan.orders.length
    }
    best = Math.min(best, Number(process.hrtime.bigint() - t) / plans)
    for (const op of plan.orders) {
      if (!(op.status === 'allocated' || op.status === 'partial' || op.unallocated.length)) throw new Error(op.explanation.summary)
    }
  }
  console.log(`node sourcing/allocate/pool_1000 batch ${batch}: ${(best / 1e3).toFixed(0)} µs per order (best of 3)`)
}
