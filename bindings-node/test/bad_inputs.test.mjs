// The bad-input matrix of testdata/bad_inputs/cases.json through the JavaScript API (Rust and
// Python run the same file): each case gets its code, names its field when the case says so,
// and leaves the state byte-identical. A case may carry `skip: {node: why}`.
import { test } from 'node:test'
import assert from 'node:assert'
import { join } from 'node:path'
import { isOmnistockError, omnistock, readJson, root } from './helpers.mjs'

const NOW = '2026-11-27T09:00:00Z' // `now` of the sourcing queries
const { Inventory } = omnistock
const doc = readJson(join(root, 'testdata', 'bad_inputs', 'cases.json'))

function base() {
  const inv = new Inventory(doc.network)
  assert.ok(inv.apply(doc.setup).every((o) => o.status === 'applied'))
  return inv
}

/** The error a case gets, as {code, message, context}, or null if it is accepted. */
function run(inv, c) {
  const caught = (fn) => {
    try {
      fn()
    } catch (err) {
      if (!isOmnistockError(err)) throw err
      return { code: err.code, message: err.message, context: err.data }
    }
    return null
  }
  if (c.network) return caught(() => new Inventory(c.network))
  if (c.event) {
    const [out] = inv.apply([c.event])
    if (out.status !== 'rejected') return null
    return { code: out.error.code, message: out.error.message, context: out.error.context ?? {} }
  }
  const q = c.query
  return caught(() => {
    switch (q.op) {
      case 'atp':
        return inv.atp(q.sku, q.pool)
      case 'atp_many':
        return inv.atpMany(q.skus, q.pool)
      case 'atp_by_location':
        return inv.atpByLocation(q.sku, q.pool)
      case 'position':
        return inv.position(q.location, q.sku)
      case 'apply_text':
        return inv.apply(q.text)
      case 'restore':
        return Inventory.restore(Buffer.from(q.text))
      case 'allocate':
        return inv.allocate(q.orders, q.rules, NOW)
      case 'allocate_wave':
        return inv.allocateWave(q.orders, q.rules, NOW)
      case 'process_backorders':
        return inv.processBackorders(q.backlog, q.rules, NOW)
      case 'commit':
        return inv.commit(q.plan)
      case 'reallocate':
        return inv.reallocate(q.order, q.event, NOW)
      case 'release_order':
        return inv.releaseOrder(q.order)
      case 'replenish':
        return inv.replenish(q.history, q.policies, NOW)
      case 'alerts':
        return inv.alerts(q.history, q.policies, NOW)
      case 'forecast':
        return omnistock.forecast(q.demand, q.method)
      case 'kpis':
        return omnistock.kpis(q.outcomes, q.baseline)
      case 'simulate':
        return omnistock.simulate(q.scenario, q.rule_sets, { outcomes: false })
      case 'generate':
        return omnistock.generate(q.options)
      default:
        throw new Error(`unknown op ${q.op}`)
    }
  })
}

test('the matrix has cases', () => {
  assert.ok(doc.cases.length > 0)
})

for (const c of doc.cases) {
  test(c.name, { skip: c.skip?.node }, () => {
    const inv = base()
    const before = inv.snapshot()
    const got = run(inv, c)
    assert.ok(got, 'accepted')
    assert.strictEqual(got.code, c.code, got.message)
    assert.ok(got.message)
    if (c.field) {
      assert.strictEqual(got.context.field, c.field, got.message)
      assert.ok(got.message.includes(c.field), got.message)
    }
    assert.ok(inv.snapshot().equals(before), 'the state changed')
  })
}
