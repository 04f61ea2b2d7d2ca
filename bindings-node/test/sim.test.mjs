// KPIs and simulation through the JavaScript API (kpis, simulate, simulateAsync, generate,
// comparisonTable): what the binding adds to the core, i.e. conversions both ways (camelCase
// keys, keys that are data left alone, JSON text, numbers with the core's exact bits), the
// built-in rule sets as the default, `{outcomes: false}`, error codes and fields (thrown by the
// sync calls, rejected by simulateAsync), simulateAsync equal to simulate, and the event loop
// turning during a big simulateAsync.
import { test } from 'node:test'
import assert from 'node:assert'
import { omnistock, thrown, turnsDuring } from './helpers.mjs'

const { kpis, simulate, simulateAsync, generate, comparisonTable } = omnistock

const outcome = (order, ruleSet, extra = {}) => ({
  order, channel: 'web', ruleSet, placed: '2026-11-02T09:00:00Z', promised: '2026-11-04',
  lines: [{ line: '1', sku: 'A', ordered: 2, delivered: 2 }],
  shipments: [{ location: 'DC', kind: 'warehouse', units: 2, shipped: '2026-11-02T15:00:00Z',
    delivered: '2026-11-03', logisticsCost: '5.00' }],
  revenue: '40', costOfGoods: '16', logisticsCost: '5.00', ...extra,
})

// SO-1 under rule sets a (from the DC, on time) and b (from a store, a day late, 1.50 cheaper);
// SO-2 (a) a pickup ready 6 hours after it was placed, 2 of its 3 units (1 out of stock). The
// same list as the Python test's.
const OUTCOMES = [
  outcome('SO-1', 'a'),
  outcome('SO-1', 'b', {
    shipments: [{ location: 'S1', kind: 'store', units: 2, shipped: '2026-11-03T15:00:00Z', delivered: '2026-11-05',
      logisticsCost: '3.50' }],
    logisticsCost: '3.50',
  }),
  outcome('SO-2', 'a', {
    channel: 'click_and_collect', placed: '2026-11-02T10:00:00Z', pickup: true, ready: '2026-11-02T16:00:00Z',
    promised: '2026-11-03', lines: [{ line: '1', sku: 'B', ordered: 3, delivered: 2, cancelled: 1 }],
    shipments: [{ location: 'S1', kind: 'store', units: 2, shipped: '2026-11-02T16:00:00Z', delivered: '2026-11-02' }],
    cancellations: [{ at: '2026-11-02T11:00:00Z', reason: 'out_of_stock', units: 1 }],
    revenue: '20', costOfGoods: '8', logisticsCost: '0',
  }),
]

test('kpis of a hand-made list: camelCase out, keys that are data kept, the core\'s floats', () => {
  const k = kpis(OUTCOMES, 'a')
  const o = k.overall
  assert.deepStrictEqual([o.orders, o.closed, o.open, o.lines, o.units], [3, 3, 0, 3, 7])
  // 6 of the 7 units demanded were delivered: the very double Rust computes (6 / 7).
  assert.strictEqual(o.fillRate.units, 6 / 7)
  assert.strictEqual(o.otif, 1 / 3, 'only SO-1 under a is filled and on time')
  assert.strictEqual(o.cancellationRate, 1 / 3)
  assert.deepStrictEqual(o.cancellations, { out_of_stock: 1 }, 'reasons are data: never renamed')
  assert.deepStrictEqual(o.clickCollectHours, { orders: 1, median: 6, p90: 6 })
  assert.strictEqual(o.shipFromStore, 0.5, 'pickups are left out: 2 units of 4 shipped from a store')
  assert.deepStrictEqual([o.revenue, o.logisticsCost, o.margin, o.marginPct], ['100', '8.50', '51.50', 0.515])
  assert.ok(!('avoidedLogisticsCost' in o))
  assert.strictEqual(k.baseline, 'a')
  assert.deepStrictEqual(Object.keys(k.byChannel).sort(), ['click_and_collect', 'web'], 'channel ids are data')
  assert.strictEqual(k.byRuleSet.b.avoidedLogisticsCost, '1.50')
  assert.deepStrictEqual(Object.keys(k.byDay), ['2026-11-02'])
  // Without a baseline (undefined or null); JSON text and snake_case keys give the same answer.
  const plain = kpis(OUTCOMES)
  assert.ok(!('baseline' in plain) && !('avoidedLogisticsCost' in plain.byRuleSet.b))
  assert.deepStrictEqual(kpis(OUTCOMES, null), plain)
  assert.deepStrictEqual(kpis(JSON.stringify(OUTCOMES)), plain)
  const snake = JSON.parse(JSON.stringify(OUTCOMES).replaceAll('"ruleSet"', '"rule_set"')
    .replaceAll('"costOfGoods"', '"cost_of_goods"').replaceAll('"logisticsCost"', '"logistics_cost"'))
  assert.deepStrictEqual(kpis(snake), plain)
  assert.deepStrictEqual(kpis([]), kpis('[]'))
})

const tiny = generate({ size: 'tiny' })
const tinySim = simulate(tiny)

test('generate is seeded, takes its options, and gives camelCase with its data keys', () => {
  assert.deepStrictEqual(generate({ size: 'tiny', seed: 7 }), tiny, 'seed 7 is the core\'s default')
  assert.notDeepStrictEqual(generate({ size: 'tiny', seed: 8 }), tiny)
  assert.deepStrictEqual(generate('{"size": "tiny", "seed": 3}'), generate({ size: 'tiny', seed: 3 }))
  const other = generate({ size: 'tiny', stores: 2, skus: 10, days: 2, ordersPerDay: 5, start: '2026-12-01' })
  assert.deepStrictEqual([other.days, other.start], [2, '2026-12-01T00:00:00Z'])
  assert.strictEqual(other.network.locations.length, 2 + 2)
  assert.ok('cancelAfterDays' in tiny && 'lateDays' in tiny.fulfilment && !('cancel_after_days' in tiny))
  assert.ok(Object.keys(tiny.catalog).every((k) => /^SKU-\d{5}$/.test(k)), 'catalog keys are SKUs')
  assert.ok(tiny.stream.some((i) => i.order?.channel === 'click_and_collect'))
})

test('simulate runs the built-in rule sets, deterministically', () => {
  const sim = tinySim
  assert.deepStrictEqual(sim.runs.map((r) => r.name), ['priority', 'closest', 'balanced'])
  assert.deepStrictEqual(sim.runs.map((r) => r.allocation), ['order', 'order', 'wave'])
  const orders = sim.scenario.orders
  assert.ok(orders > 0)
  for (const run of sim.runs) {
    assert.strictEqual(run.kpis.overall.orders, orders)
    assert.strictEqual(run.outcomes.length, orders)
    assert.strictEqual(run.kpis.baseline, 'priority')
    assert.ok('click_and_collect' in run.kpis.byChannel)
  }
  assert.deepStrictEqual(sim.comparison.names, ['priority', 'closest', 'balanced'])
  assert.deepStrictEqual(simulate(tiny), sim, 'the same input twice gives the same result')
  assert.deepStrictEqual(simulate(JSON.stringify(tiny)), sim)
  assert.deepStrictEqual(simulate(tiny, null), sim)
  // Left out, the rule sets are the core's built-in ones, spelled out here.
  const explicit = ['priority', 'closest', { rules: 'balanced', allocation: 'wave', waveMinutes: 60 }]
  assert.deepStrictEqual(simulate(tiny, explicit), sim)
  assert.deepStrictEqual(simulate(tiny, JSON.stringify(explicit)), sim)
})

test('simulate takes rule sets in camelCase', () => {
  const sim = simulate(tiny, [
    'closest',
    { rules: { name: 'cheap-waves', preset: 'cheapest', splitLines: false }, allocation: 'wave', waveMinutes: 30 },
  ])
  assert.deepStrictEqual(sim.runs.map((r) => r.name), ['closest', 'cheap-waves'])
  assert.strictEqual(sim.runs[1].rules.splitLines, false)
  assert.strictEqual(sim.comparison.baseline, 'closest')
})

test('simulateAsync gives what simulate gives', async () => {
  assert.deepStrictEqual(await simulateAsync(tiny), tinySim)
  const lean = simulate(tiny, ['closest'], { outcomes: false })
  assert.deepStrictEqual(await simulateAsync(tiny, ['closest'], { outcomes: false }), lean)
})

test('{outcomes: false} empties the outcome lists and keeps the KPIs', () => {
  const lean = simulate(tiny, undefined, { outcomes: false })
  assert.ok(lean.runs.every((r) => r.outcomes.length === 0))
  const full = structuredClone(tinySim)
  for (const r of full.runs) r.outcomes = []
  assert.deepStrictEqual(lean, full)
  assert.deepStrictEqual(simulate(tiny, undefined, { outcomes: true }), tinySim)
})

// The example of the core's `Comparison::table` doctest, and the text it asserts.
const RUST_EXAMPLE = {
  baseline: 'a', names: ['a', 'b'],
  rows: [{ metric: 'otif', values: [0.5, 0.625], deltas: [0, 0.125] },
    { metric: 'margin', values: [10, null], deltas: [0, null] }],
}
const RUST_TEXT = 'KPI           a        b\notif      50.0%    62.5%\nmargin    10.00        -\n'

test('comparisonTable is the text Rust makes', () => {
  assert.strictEqual(comparisonTable(RUST_EXAMPLE), RUST_TEXT)
  assert.strictEqual(comparisonTable(JSON.stringify(RUST_EXAMPLE)), RUST_TEXT)
  const { comparison } = tinySim
  const text = comparisonTable(comparison)
  const lines = text.split('\n').slice(0, -1)
  assert.ok(text.startsWith('KPI') && text.endsWith('\n'))
  assert.strictEqual(lines.length, comparison.rows.length + 1)
  assert.deepStrictEqual(lines[0].split(/\s+/), ['KPI', 'priority', 'closest', 'balanced'])
  assert.deepStrictEqual(lines.slice(1).map((l) => l.split(/\s+/)[0]), comparison.rows.map((r) => r.metric))
})

const withScenario = (changes) => ({ ...structuredClone(tiny), ...changes })

function firstOrderTwice() {
  const s = structuredClone(tiny)
  const i = s.stream.findIndex((item) => item.type === 'order')
  s.stream.splice(i + 1, 0, structuredClone(s.stream[i]))
  return [s, i + 1]
}

const badOutcome = (line) => [outcome('SO-1', 'a', { lines: [{ line: '1', sku: 'A', ordered: 2, ...line }] })]

test('errors carry their code and field, thrown by the sync calls and rejected by simulateAsync', async () => {
  const [twice, at] = firstOrderTwice()
  const cases = [
    ['kpis', [badOutcome({ ordered: 0 })], 'invalid_quantity', '[0].lines[0].ordered'],
    ['kpis', [badOutcome({ delivered: 2, cancelled: 1 })], 'invalid_quantity', '[0].lines[0].cancelled'],
    ['kpis', [badOutcome({ ordered: 1.5 })], 'invalid_input', '[0].lines[0].ordered'],
    ['kpis', [badOutcome({ ordered: 2 ** 53 })], 'invalid_input', '[0].lines[0].ordered'],
    ['kpis', [[outcome('SO-1', 'a'), outcome('SO-1', 'a')]], 'duplicate_id', '[1].order'],
    ['kpis', [OUTCOMES, 'z'], 'invalid_input', 'baseline'],
    ['kpis', [OUTCOMES, 7], 'invalid_input', 'baseline'],
    ['kpis', [{ order: 'SO-1' }], 'invalid_input', 'outcomes'],
    ['kpis', ['[1,'], 'invalid_input', 'outcomes'],
    ['kpis', [[{ ...outcome('SO-1', 'a'), placed: 10n }]], 'invalid_input', 'outcomes'],
    // (The core names the preset under `rules` twice: its `RuleSet::from_value` error, placed
    // within the sim rule set's `rules`.)
    ['simulate', [tiny, ['fastest']], 'invalid_input', 'rule_sets[0].rules'],
    ['simulate', [tiny, ['closest', 'closest']], 'duplicate_id', 'rule_sets[1].name'],
    ['simulate', [tiny, []], 'invalid_input', 'rule_sets'],
    ['simulate', [tiny, 'closest'], 'invalid_input', 'rule_sets'],
    ['simulate', [tiny, [{ rules: 'closest', waveMinutes: 2 ** 60 }]], 'invalid_input', 'rule_sets[0].wave_minutes'],
    ['simulate', [withScenario({ days: 0 })], 'invalid_input', 'scenario.days'],
    ['simulate', [withScenario({ colour: 'red' })], 'invalid_input', 'scenario.colour'],
    ['simulate', [twice], 'duplicate_id', `scenario.stream[${at}].order.id`],
    ['simulate', ['{'], 'invalid_input', 'scenario'],
    ['simulate', [undefined], 'invalid_input', 'scenario'],
    ['simulate', [tiny, undefined, { outcome: false }], 'invalid_input', 'options.outcome'],
    ['simulate', [tiny, undefined, { outcomes: 'no' }], 'invalid_input', 'options.outcomes'],
    ['simulate', [tiny, undefined, 'lean'], 'invalid_input', 'options'],
    ['generate', [{ size: 'huge' }], 'invalid_input', 'size'],
    ['generate', [{ stores: 0 }], 'invalid_input', 'stores'],
    ['generate', [{ colour: 'red' }], 'invalid_input', 'colour'],
    ['generate', ['{'], 'invalid_input', 'options'],
    ['comparisonTable', [{ names: [] }], 'invalid_input', 'comparison'],
  ]
  for (const [fn, args, code, field] of cases) {
    const err = thrown(() => omnistock[fn](...args))
    assert.strictEqual(err.code, code, `${fn}: ${err.message}`)
    assert.strictEqual(err.data.field, field, `${fn}: ${err.message}`)
    assert.ok(err.message.startsWith(`${field}: `), err.message)
    if (fn === 'simulate') {
      await assert.rejects(simulateAsync(...args), (e) => e.code === code && e.data?.field === field)
    }
  }
})

test('the event loop keeps turning during a big simulateAsync', async () => {
  // The small retailer (10 stores, 300 SKUs, 7 days of 250 orders) under the three built-in
  // rule sets: about half a second in release mode.
  const scenario = generate({ size: 'small' })
  const { result: sim, turns } = await turnsDuring(() => simulateAsync(scenario, null, { outcomes: false }))
  assert.deepStrictEqual(sim.runs.map((r) => r.name), ['priority', 'closest', 'balanced'])
  assert.ok(turns > 0, `the event loop did not turn while simulateAsync ran (${turns} turns)`)
})
