// Replenishment through JavaScript: camelCase columns, async parity (results and error codes),
// and the event loop turning during a big replenishAsync.
import { test } from 'node:test'
import assert from 'node:assert'
import { omnistock, turnsDuring } from './helpers.mjs'

const { Inventory, forecast } = omnistock
const NOW = '2026-11-27T09:00:00Z'

function storeNetwork(stores) {
  const ids = ['DC', ...Array.from({ length: stores }, (_, i) => `S${i}`)]
  return {
    locations: ids.map((id) => ({ id, kind: id === 'DC' ? 'warehouse' : 'store' })),
    pools: [{ id: 'all', members: ids.map((location) => ({ location })) }],
    lanes: ids.slice(1).map((to) => ({ from: 'DC', to, days: 2 })),
  }
}

const policies = {
  defaults: { type: 'reorder_point', source: 'DC', forecast: { method: 'ses', alpha: 0.3 } },
  rules: [{ location: 'DC', supplier: 'ACME', leadTimeDays: 5 }],
}

test('columns with lostSales give what rows give', () => {
  const inv = new Inventory(storeNetwork(1))
  inv.apply([
    { type: 'receive', id: 'e1', location: 'DC', sku: 'A', quantity: 100 },
    { type: 'receive', id: 'e2', location: 'S0', sku: 'A', quantity: 3 },
  ])
  const dates = ['2026-11-24', '2026-11-25', '2026-11-26']
  const rows = dates.map((date, i) => ({ location: 'S0', sku: 'A', date, sales: 2, lostSales: i }))
  const columns = { location: ['S0', 'S0', 'S0'], sku: ['A', 'A', 'A'], date: dates, sales: [2, 2, 2], lostSales: [0, 1, 2] }
  const a = inv.replenish(rows, policies, NOW)
  assert.deepStrictEqual(inv.replenish(columns, policies, NOW), a)
  assert.strictEqual(a.proposals[0].numbers.demandPerDay > 2, true)
})

test('replenishAsync and alertsAsync reject with the codes the sync calls throw', async () => {
  const inv = new Inventory(storeNetwork(1))
  const bad = { rules: [{ sku: 'A', packSize: 0 }] }
  assert.throws(() => inv.replenish([], bad, NOW), (e) => e.code === 'invalid_quantity' && e.data.field === 'policies.rules[0].pack_size')
  await assert.rejects(inv.replenishAsync([], bad, NOW), (e) => e.code === 'invalid_quantity')
  await assert.rejects(inv.alertsAsync([{ location: 'S0', sku: 'A', date: '2026-11-27', sales: 1 }], {}, NOW),
    (e) => e.code === 'invalid_history')
  assert.throws(() => forecast([1, 2], { method: 'ses', alpha: 0 }), (e) => e.code === 'invalid_policy')
})

test('the event loop keeps turning during a big replenishAsync', async () => {
  const inv = new Inventory(storeNetwork(50))
  const skus = Array.from({ length: 400 }, (_, k) => `SKU${k}`)
  inv.apply(skus.map((sku, k) => ({ type: 'receive', id: `r${k}`, location: 'DC', sku, quantity: 1000 })))
  const columns = { location: [], sku: [], date: [], sales: [] }
  for (let i = 0; i < 50; i++) {
    for (const sku of skus) {
      for (let d = 1; d <= 30; d++) {
        columns.location.push(`S${i}`)
        columns.sku.push(sku)
        columns.date.push(`2026-10-${String(d).padStart(2, '0')}`)
        columns.sales.push((i + d) % 5)
      }
    }
  }
  const { result: out, turns } = await turnsDuring(() => inv.replenishAsync(columns, policies, NOW))
  assert.strictEqual(out.proposals.length, 50 * 400)
  assert.ok(turns > 0, `the event loop did not turn while replenishAsync ran (${turns} turns)`)
})
