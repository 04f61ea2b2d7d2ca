// Every golden vector of testdata/golden/<concept>/<case>.json through the JavaScript API, with
// the runner semantics of core/tests/golden.rs: ops apply, atp, atp_many, atp_by_location,
// atp_timeline {sku, pool | channel, now, days}, promise {request, now}, promise_many
// {requests, now}, position, restore_snapshot, restore {data}, allocate {orders, rules, now} (also
// through allocateAsync), allocate_wave {orders, rules, now} and process_backorders {backlog,
// rules, now} (each also through its Async variant), reallocate, reallocate_offline, commit
// {plan? | step?}, release_order,
// open_orders, capacity_used, forecast {demand, method}, replenish and alerts {history,
// policies, now} (each also through its Async variant); a failing step outputs {error: {code}}; errors
// inside apply outcomes are reduced to {code}; a refused network is compared with the vector's
// top-level `error`. Outputs come back camelCase, so the expectation's keys are renamed the same
// way before comparing canonical JSON. Every apply step also runs through applyAsync (and as
// JSON text) from the same state, which must give identical outcomes and state; every
// promise_many step also runs through promiseManyAsync, which must give the same answers (or
// reject with the same code). A vector with `published.optimum` (textbook transportation
// problems) also checks that its wave's score is that optimum, as a decimal.
// The module functions are steps too (the vector's inventory is left alone): kpis {outcomes,
// baseline?}, generate {options} and simulate {scenario | step, rule_sets?} (the given
// scenario or the output of step `step`; rule_sets missing or null: the built-in ones; also
// through simulateAsync, which must give the same result or reject with the same code). Their
// outputs keep the keys that are data (channel ids in byChannel, reasons in cancellations,
// SKUs in a catalog...), so each step's expectation is renamed by the place of its op
// (helpers.mjs). Numbers compare exactly: canonical JSON writes the shortest text reading
// back to the same double, as Rust and Python do.
// A vector may carry `skip: {node: why}` for a case JavaScript cannot express.
import { test } from 'node:test'
import assert from 'node:assert'
import { basename, dirname } from 'node:path'
import { omnistock, goldenFiles, readJson, camelKeys, canonical, isOmnistockError } from './helpers.mjs'

const { Inventory } = omnistock

const stripErrors = (outcomes) => outcomes.map((o) => (o.error ? { ...o, error: { code: o.error.code } } : o))

async function applyStep(inv, events) {
  const before = inv.snapshot()
  const out = stripErrors(inv.apply(events))
  // The same events from the same state, through applyAsync and as JSON text.
  const viaAsync = Inventory.restore(before)
  assert.deepStrictEqual(stripErrors(await viaAsync.applyAsync(events)), out, 'applyAsync differs from apply')
  assert.ok(viaAsync.snapshot().equals(inv.snapshot()), 'applyAsync left another state')
  const viaText = Inventory.restore(before)
  assert.deepStrictEqual(stripErrors(viaText.apply(JSON.stringify(events))), out, 'JSON text differs from objects')
  return out
}

/** promiseMany, checked against promiseManyAsync (same answers, or the same error code). */
async function promiseManyStep(inv, requests, now) {
  const viaAsync = inv.promiseManyAsync(requests, now).then(
    (answers) => ({ answers }),
    (err) => ({ err }),
  )
  let out
  try {
    out = inv.promiseMany(requests, now)
  } catch (err) {
    const got = await viaAsync
    assert.strictEqual(got.err?.code, err.code, 'promiseManyAsync differs from promiseMany')
    throw err
  }
  const got = await viaAsync
  assert.deepStrictEqual(got.answers, out, 'promiseManyAsync differs from promiseMany')
  return out
}

/** A sync call checked against its async variant (same answer, or the same error code). */
async function withAsync(name, sync, async_) {
  const viaAsync = async_().then(
    (value) => ({ value }),
    (err) => ({ err }),
  )
  let out
  try {
    out = sync()
  } catch (err) {
    assert.strictEqual((await viaAsync).err?.code, err.code, `${name}Async differs from ${name}`)
    throw err
  }
  assert.deepStrictEqual((await viaAsync).value, out, `${name}Async differs from ${name}`)
  return out
}

async function run(vector) {
  let inv
  try {
    inv = new Inventory(vector.input.network)
  } catch (err) {
    if (isOmnistockError(err)) return { error: { code: err.code } }
    throw err
  }
  const out = []
  let lastPlan = null
  for (const step of vector.input.steps ?? []) {
    let v
    try {
      switch (step.op) {
        case 'apply':
          v = await applyStep(inv, step.events)
          break
        case 'atp':
          v = inv.atp(step.sku, step.pool)
          break
        case 'atp_many':
          v = inv.atpMany(step.skus, step.pool)
          break
        case 'atp_by_location':
          v = inv.atpByLocation(step.sku, step.pool)
          break
        case 'atp_timeline':
          v =
            step.channel !== undefined
              ? inv.atpTimelineForChannel(step.sku, step.channel, step.now, step.days)
              : inv.atpTimeline(step.sku, step.pool, step.now, step.days)
          break
        case 'promise':
          v = inv.promise(step.request, step.now)
          break
        case 'promise_many':
          v = await promiseManyStep(inv, step.requests, step.now)
          break
        case 'position':
          v = inv.position(step.location, step.sku)
          break
        case 'allocate': {
          // allocateAsync must give the same plan (or reject with the same code).
          const viaAsync = inv.allocateAsync(step.orders, step.rules, step.now).then(
            (plan) => ({ plan }),
            (err) => ({ err }),
          )
          try {
            v = inv.allocate(step.orders, step.rules, step.now)
          } catch (err) {
            assert.strictEqual((await viaAsync).err?.code, err.code, 'allocateAsync differs from allocate')
            throw err
          }
          assert.deepStrictEqual((await viaAsync).plan, v, 'allocateAsync differs from allocate')
          lastPlan = v
          break
        }
        case 'allocate_wave':
          v = lastPlan = await withAsync(
            'allocateWave',
            () => inv.allocateWave(step.orders, step.rules, step.now),
            () => inv.allocateWaveAsync(step.orders, step.rules, step.now),
          )
          break
        case 'process_backorders':
          v = lastPlan = await withAsync(
            'processBackorders',
            () => inv.processBackorders(step.backlog, step.rules, step.now),
            () => inv.processBackordersAsync(step.backlog, step.rules, step.now),
          )
          break
        case 'reallocate':
          v = lastPlan = inv.reallocate(step.order, step.event, step.now)
          break
        case 'reallocate_offline':
          v = lastPlan = inv.reallocateOffline(step.location, step.now)
          break
        case 'commit':
          v = inv.commit(step.plan !== undefined ? step.plan : step.step !== undefined ? out[step.step] : lastPlan)
          break
        case 'release_order':
          v = inv.releaseOrder(step.order)
          break
        case 'open_orders':
          v = inv.openOrders()
          break
        case 'capacity_used':
          v = inv.capacityUsed(step.location, step.date)
          break
        case 'forecast':
          v = omnistock.forecast(step.demand, step.method)
          break
        case 'replenish':
          v = await withAsync(
            'replenish',
            () => inv.replenish(step.history, step.policies, step.now),
            () => inv.replenishAsync(step.history, step.policies, step.now),
          )
          break
        case 'alerts':
          v = await withAsync(
            'alerts',
            () => inv.alerts(step.history, step.policies, step.now),
            () => inv.alertsAsync(step.history, step.policies, step.now),
          )
          break
        case 'kpis':
          v = omnistock.kpis(step.outcomes, step.baseline)
          break
        case 'generate':
          v = omnistock.generate(step.options)
          break
        case 'simulate': {
          // The scenario as the binding gave it (camelCase) when it is an earlier step's output.
          const scenario = step.scenario !== undefined ? step.scenario : out[step.step]
          v = await withAsync(
            'simulate',
            () => omnistock.simulate(scenario, step.rule_sets),
            () => omnistock.simulateAsync(scenario, step.rule_sets),
          )
          break
        }
        case 'restore':
          inv = Inventory.restore(Buffer.from(step.data ?? '', 'utf8'))
          v = null
          break
        case 'restore_snapshot': {
          const bytes = inv.snapshot()
          inv = Inventory.restore(bytes)
          assert.ok(inv.snapshot().equals(bytes), 'snapshot → restore → snapshot must be identical')
          v = null
          break
        }
        default:
          throw new Error(`unknown op ${step.op}`)
      }
    } catch (err) {
      if (!isOmnistockError(err)) throw err
      v = { error: { code: err.code } }
    }
    out.push(v)
  }
  return { expected: out }
}

/** A decimal string in one canonical form, so equal decimals compare equal ('153.6750' and '153.675' → '153675e-3'). */
function decimal(text) {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text)
  assert.ok(m, `not a decimal: ${text}`)
  const frac = (m[3] ?? '').replace(/0+$/, '')
  const digits = (m[2] + frac).replace(/^0+(?=\d)/, '')
  return `${digits === '0' ? '' : m[1]}${digits}e-${frac.length}`
}

/** Textbook problems (as the Rust runner): the first wave step's score is the published optimum. */
function checkPublishedOptimum(vector, outputs) {
  const optimum = vector.published?.optimum
  if (typeof optimum !== 'string') return
  const scores = (outputs ?? []).filter((o) => o && typeof o.wave === 'object' && o.wave).map((o) => o.wave.score)
  assert.ok(scores.length > 0, 'no wave step, but a published optimum')
  assert.strictEqual(decimal(scores[0]), decimal(optimum), `the wave's score ${scores[0]} is not the published optimum ${optimum}`)
}

const files = goldenFiles()

test('golden vectors are found', () => {
  assert.ok(files.length > 0, 'no file in testdata/golden/<concept>/')
})

for (const file of files) {
  const vector = readJson(file)
  test(`${basename(dirname(file))}/${basename(file, '.json')}`, { skip: vector.skip?.node }, async () => {
    assert.ok(vector.description, 'no description')
    const got = await run(vector)
    if (vector.error) {
      assert.deepStrictEqual(got, { error: vector.error })
    } else {
      assert.strictEqual(got.error, undefined, `network refused: ${JSON.stringify(got.error)}`)
      const places = { kpis: 'kpis', simulate: 'simulation', generate: 'scenario' }
      const steps = vector.input.steps ?? []
      const expected = vector.expected.map((e, i) => camelKeys(e, places[steps[i]?.op] ?? 'other'))
      assert.strictEqual(canonical(got.expected), canonical(expected))
    }
    checkPublishedOptimum(vector, got.expected)
  })
}
