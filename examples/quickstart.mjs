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
