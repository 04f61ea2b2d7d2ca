// The main example in JavaScript: same data and same output as quickstart.rs.
//
// Run from the repository root after building the Node binding
// (cd bindings-node && npm install && npm run build):
//     node examples/quickstart.mjs
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { Inventory } = require('../bindings-node')

const data = (name) => JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8'))

function describe(o) {
  let line = `${o.id ?? '?'}: ${o.status}`
  if (o.error) line += ` (${o.error.code})`
  for (const c of o.changes ?? []) {
    line += ` | ${c.pool} ${c.sku} ${c.before} -> ${c.after}`
    if (c.signal) line += ` ${c.signal}`
  }
  if (o.expired?.length) line += ` | expired ${o.expired.join(', ')}`
  return line
}

const network = data('network.json')
const inv = new Inventory(network)
for (const o of inv.apply(data('events.json'))) console.log(describe(o))
console.log('ATP by channel')
for (const ch of network.channels) {
  const parts = ['JEANS-32', 'TSHIRT-M'].map((sku) => `${sku} ${inv.atp(sku, ch.pool)}`)
  console.log(`  ${ch.id} (pool ${ch.pool}): ${parts.join(', ')}`)
}
console.log('online pool by location, TSHIRT-M')
for (const row of inv.atpByLocation('TSHIRT-M', 'online')) {
  console.log(
    `  ${row.location}: on hand ${row.onHand}, reserved ${row.reserved}, ` +
      `buffer ${row.buffer}, sellable ${row.sellable}, atp ${row.atp}`,
  )
}
const ask = data('promise.json')
const t = ask.timeline
const timeline = inv.atpTimeline(t.sku, t.pool, ask.now, t.days)
console.log(`${t.sku} through ${t.pool}, promisable by day (changes only)`)
let last = null
for (const b of timeline.buckets) {
  if (last !== b.promisable) {
    console.log(`  ${b.date}: ${b.promisable} (supply ${b.supply}, demand ${b.demand})`)
    last = b.promisable
  }
}
const p = inv.promise(ask.request, ask.now)
console.log(`promise ${p.id ?? '?'}: promised ${p.promised}, date ${p.date ?? 'none'}, shipments ${p.shipments}`)
for (const line of p.lines) {
  console.log(`  ${line.sku} x${line.quantity}: ${line.promised} promised`)
  for (const s of line.sources) {
    console.log(
      `    ${s.location} x${s.quantity} (reserve due ${s.due}), ships ${s.ships}, arrives ${s.date}: ${s.reasons.join('; ')}`,
    )
  }
}

// Sourcing: allocate three orders, commit the plan, then a store rejects an order.
function printPlan(title, plan) {
  console.log(`${title} (rules ${plan.rules.name})`)
  for (const op of plan.orders) {
    console.log(`  ${op.order.id} ${op.status}: ${op.explanation.summary}`)
    for (const s of op.shipments) {
      const lines = s.lines.map((l) => `${l.sku} x${l.quantity}`).join(', ')
      console.log(
        `    ${s.location} ships ${s.ships}, arrives ${s.date}: ${lines}; shipping ${s.cost.shipping}, handling ${s.cost.handling}`,
      )
    }
    for (const u of op.unallocated) console.log(`    unallocated ${u.sku} x${u.quantity}: ${u.reason}`)
    for (const d of op.explanation.dropped) console.log(`    dropped ${d.location}: ${d.reason}`)
  }
}
const job = data('orders.json')
const plan = inv.allocate(job.orders, job.rules, job.now)
printPlan('allocation', plan)
const done = inv.commit(plan)
console.log(`committed ${done.orders.join(', ')}: ${done.reservations.length} reservations`)
const order = job.reject.order
const at = plan.orders.find((o) => o.order.id === order).shipments[0].location
const moved = inv.reallocate(order, { ...job.reject.event, location: at }, job.now)
printPlan(`reallocation of ${order} after ${at} rejects it`, moved)
inv.commit(moved)
for (const o of inv.openOrders()) {
  const parts = o.shipments.map((s) => `${s.location} x${s.lines.reduce((a, l) => a + l.quantity, 0)}`)
  console.log(`open ${o.order.id}: ${parts.join(', ')}`)
}
