// The main example in JavaScript: a month of a synthetic retailer under three rule sets, the
// KPIs side by side. Same output as simulate.rs.
//
// Run from the repository root after building the Node binding
// (cd bindings-node && npm install && npm run build):
//     node examples/simulate.mjs [tiny|small|month|large]
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { generate, simulateAsync, comparisonTable } = require('../bindings-node')

const size = process.argv[2] ?? 'month'
const start = performance.now()
const scenario = generate({ size })
const sim = await simulateAsync(scenario, undefined, { outcomes: false })
const s = sim.scenario
console.log(s.name)
console.log(`${s.orders} orders, ${s.lines} lines, ${s.locations.length} locations`)
for (const run of sim.runs) {
  const c = run.counts
  console.log(
    `${run.name}: ${c.allocations} allocations, ${c.waves} waves, ${c.reallocations} reallocations, ` +
      `${c.rejections} rejections, ${c.backordersFilled} backorders filled, ` +
      `${c.replenishments} replenishments, ${c.cancellations} cancellations`,
  )
}
process.stdout.write(comparisonTable(sim.comparison))
console.error(`generated and simulated in ${((performance.now() - start) / 1000).toFixed(1)} s`)
