// Compiled with `tsc --noEmit` (test/types.test.mjs, or `npm run typecheck`): the typings in
// index.d.ts describe the API, and they are precise enough to catch mistakes.
import {
  Inventory,
  CapacityUse,
  Committed,
  Disruption,
  OpenOrder,
  Order,
  Plan,
  RuleSet,
  Shipment,
  Backorder,
  BackorderCategory,
  PerOrder,
  Scarcity,
  ShortReason,
  Wave,
  WavePlan,
  ERROR_CODES,
  AtpBucket,
  AtpTimeline,
  ErrorCode,
  EventOutcome,
  IsoDate,
  LinePromise,
  LocationAtp,
  Network,
  OmnistockError,
  Position,
  PromiseAnswer,
  PromiseRequest,
  PromiseSource,
  Reservation,
  StockEvent,
  kpis,
  simulate,
  simulateAsync,
  generate,
  comparisonTable,
  Comparison,
  Kpis,
  Metrics,
  OrderOutcome,
  Run,
  Scenario,
  SimRules,
  Simulation,
  StreamItem,
} from '../index'

const network: Network = {
  locations: [{ id: 'DC1', kind: 'warehouse', capabilities: ['ship'] }],
  channels: [{ id: 'cc', kind: 'click_and_collect', pool: 'web' }],
  pools: [{ id: 'web', members: [{ location: 'DC1', buffer: 0 }], maxSharePct: '30', lowStockThreshold: 2 }],
}
const inv = new Inventory(network)
const fromText: Inventory = new Inventory(JSON.stringify(network))
const events: StockEvent[] = [
  { type: 'receive', id: 'e1', location: 'DC1', sku: 'A', quantity: 1 },
  { type: 'reserve', id: 'e2', reservation: 'r1', sku: 'A', quantity: 1, channel: 'cc', kind: 'soft', expiresAt: new Date() },
]
const out: EventOutcome[] = inv.apply(events)
const status: 'applied' | 'duplicate' | 'stale' | 'rejected' = out[0].status
const later: Promise<EventOutcome[]> = inv.applyAsync('[]')
const n: number = inv.atp('A', 'web')
const many: number[] = inv.atpMany(['A', 'B'], 'web')
const rows: LocationAtp[] = inv.atpByLocation('A', 'web')
const onHand: number | undefined = inv.position('DC1', 'A')?.onHand
const pos: Position | null = inv.position('DC1', 'A')
const held: Reservation[] = inv.reservations()
const seen: boolean = inv.hasApplied('e1')
const bytes: Buffer = inv.snapshot()
const copy: Inventory = Inventory.restore(bytes)
const copy2: Inventory = Inventory.restore(new Uint8Array(bytes))
const codes: string[] = ERROR_CODES
try {
  inv.atp('A', 'nope')
} catch (e) {
  const err = e as OmnistockError
  const code: ErrorCode = err.code
  const data: Record<string, string> = err.data
  console.log(code, data.pool, err.message, err instanceof Error)
}

// @ts-expect-error: a SKU is a string
inv.atp(1, 'web')
// @ts-expect-error: an event needs its type's fields
inv.apply([{ type: 'receive', id: 'e3', location: 'DC1', quantity: 1 }])
// @ts-expect-error: unknown event type
inv.apply([{ type: 'teleport', id: 'e4' }])
// @ts-expect-error: outputs are camelCase
inv.position('DC1', 'A')?.on_hand
// @ts-expect-error: not a location kind
new Inventory({ locations: [{ id: 'X', kind: 'castle' }] })

// Time-phased ATP and delivery promises.
const timed: Network = {
  locations: [
    {
      id: 'DC1',
      kind: 'warehouse',
      zone: 'FR_69',
      capabilities: ['ship'],
      timeZone: 'Europe/Paris',
      cutoff: '14:00',
      processing: { days: 1 },
      workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
      holidays: ['2026-12-25'],
    },
    { id: 'S1', kind: 'store', capabilities: ['pickup'], processing: { hours: 2 } },
  ],
  channels: [{ id: 'web', kind: 'web', pool: 'online' }],
  pools: [
    {
      id: 'online',
      members: [{ location: 'DC1' }, { location: 'S1' }],
      quotas: [{ channel: 'web', quantity: 5, period: 'week' }],
      timeZone: 'Europe/Paris',
    },
  ],
  services: [{ id: 'standard', transit: { zones: { FR_69: { northEast: 2 } }, distanceBands: [{ maxKm: 300, days: 1 }] } }],
  lanes: [{ from: 'DC1', to: 'S1', days: 2 }],
}
const inv2 = new Inventory(timed)
inv2.apply([
  { type: 'reserve', id: 'e9', reservation: 'r9', sku: 'A', quantity: 1, channel: 'web', kind: 'hard', due: '2026-12-01' },
])
const timeline: AtpTimeline = inv2.atpTimeline('A', 'online', '2026-11-30T09:00:00Z', 7)
const bucket: AtpBucket = timeline.buckets[0]
const day: IsoDate = bucket.date
const left: number | undefined = inv2.atpTimelineForChannel('A', 'web', new Date(), 7).buckets[0].quotaLeft
const delivery: PromiseRequest = {
  id: 'cart-1',
  channel: 'web',
  lines: [{ sku: 'A', quantity: 2 }],
  destination: { zone: 'northEast' },
  service: 'standard',
  shipComplete: true,
  latest: '2026-12-10',
}
const pickup: PromiseRequest = { channel: 'web', lines: [{ id: 'l1', sku: 'A', quantity: 1 }], pickup: 'S1' }
const answer: PromiseAnswer = inv2.promise(delivery, new Date())
const when: IsoDate | undefined = answer.date
const line: LinePromise = answer.lines[0]
const source: PromiseSource | undefined = line.sources[0]
const answers: PromiseAnswer[] = inv2.promiseMany([delivery, pickup], '2026-11-30T09:00:00Z')
const pending: Promise<PromiseAnswer[]> = inv2.promiseManyAsync([delivery, pickup], new Date())
const fromJson: PromiseAnswer = inv2.promise(JSON.stringify(pickup), '2026-11-30T09:00:00Z')

// @ts-expect-error: days is a number
inv2.atpTimeline('A', 'online', new Date(), '7')
// @ts-expect-error: now is a string or a Date
inv2.atpTimeline('A', 'online', Date.now(), 7)
// @ts-expect-error: a delivery needs a service
inv2.promise({ channel: 'web', lines: [{ sku: 'A', quantity: 1 }], destination: { zone: 'northEast' } }, new Date())
// @ts-expect-error: a delivery or a pickup, not both
inv2.promise({ channel: 'web', lines: [], destination: { zone: 'X' }, service: 'standard', pickup: 'S1' }, new Date())
// @ts-expect-error: outputs are camelCase
timeline.buckets[0].cumulative_atp
// @ts-expect-error: not a weekday
new Inventory({ locations: [{ id: 'X', kind: 'store', workingDays: ['monday'] }] })

console.log(fromText, status, later, n, many, rows, onHand, pos, held, seen, copy, copy2, codes)
console.log(day, left, when, source, answers, pending, fromJson)

// Sourcing.
const so: Order = { id: 'SO-1', channel: 'web', service: 'standard', destination: { zone: 'A' },
  lines: [{ id: '1', sku: 'A', quantity: 2, category: 'bulky' }], promised: '2026-12-01', maxShipments: 2 }
const cc: Order = { id: 'SO-2', channel: 'web', pickup: 'S1', lines: [{ id: '1', sku: 'A', quantity: 1 }] }
const rules: RuleSet = { name: 'web', preset: 'cheapest', weights: { split: '3.5', lateDay: 2 }, splitLines: false }
const plan: Plan = inv2.allocate([so, cc], 'balanced', '2026-11-30T09:00:00Z')
const planned: Promise<Plan> = inv2.allocateAsync([so], rules, new Date())
const firstShipment: Shipment | undefined = plan.orders[0].shipments[0]
const done: Committed = inv2.commit(plan)
const moved: Plan = inv2.reallocate('SO-1', { type: 'short_pick', location: 'S1', line: '1', quantity: 1 }, new Date())
const off: Plan = inv2.reallocateOffline('S1', new Date())
const opened: OpenOrder[] = inv2.openOrders()
const one: OpenOrder | null = inv2.openOrder('SO-1')
const used: CapacityUse = inv2.capacityUsed('S1', '2026-11-30')
const released: Committed = inv2.releaseOrder('SO-1')
const disruption: Disruption = { type: 'reject', location: 'S1' }
// @ts-expect-error: outputs are camelCase
plan.orders[0].explanation.runner_up
console.log(planned, firstShipment, done, moved, off, opened, one, used, released, disruption)

// Waves and backorders.
const waveRules: RuleSet = { name: 'wave', preset: 'cheapest', scarcity: 'fair_share', allowLater: true }
const wave: WavePlan = inv2.allocateWave([so, cc], waveRules, '2026-11-30T09:00:00Z')
const waveLater: Promise<WavePlan> = inv2.allocateWaveAsync(JSON.stringify([so]), 'cheapest', new Date())
const report: Wave = wave.wave
const bound: string | undefined = report.lowerBound
const perOrder: PerOrder | undefined = report.perOrder
const splitOrders: number = report.splitOrders
const asPlan: Plan = wave
const waveDone: Committed = inv2.commit(wave)
const backlog: Backorder[] = [{ order: 'SO-1', category: 'win' }, { new: so }, { order: 'SO-2' }]
const category: BackorderCategory | undefined = backlog[0].category
const redone: WavePlan = inv2.processBackorders(backlog, waveRules, new Date())
const redoneLater: Promise<WavePlan> = inv2.processBackordersAsync(JSON.stringify(backlog), 'priority', new Date())
const reason: ShortReason = 'scarcity'
const policy: Scarcity = 'priority'
// @ts-expect-error: an entry names a committed order or gives a new one, not both
inv2.processBackorders([{ order: 'SO-1', new: so }], 'cheapest', new Date())
// @ts-expect-error: not a backorder category
inv2.processBackorders([{ order: 'SO-1', category: 'keep' }], 'cheapest', new Date())
// @ts-expect-error: not a scarcity policy
inv2.allocateWave([so], { name: 'x', scarcity: 'random' }, new Date())
// @ts-expect-error: outputs are camelCase
wave.wave.split_orders
console.log(waveLater, bound, perOrder, splitOrders, asPlan, waveDone, category, redone, redoneLater, reason, policy)

// KPIs and simulation.
const outcomes: OrderOutcome[] = [{ order: 'SO-1', channel: 'web', ruleSet: 'closest', placed: '2026-11-02T09:00:00Z',
  lines: [{ line: '1', sku: 'A', ordered: 2, delivered: 1, cancelled: 1 }],
  cancellations: [{ at: '2026-11-02T10:00:00Z', reason: 'out_of_stock', units: 1 }], revenue: '20' }]
const kpiReport: Kpis = kpis(outcomes)
const againstBase: Kpis = kpis(JSON.stringify(outcomes), 'closest')
const overall: Metrics = kpiReport.overall
const fill: number | null = overall.fillRate.units
const p90: number | undefined = overall.clickCollectHours?.p90
const margin: string = overall.margin
const web: Metrics | undefined = kpiReport.byChannel.web
const scenario: Scenario = generate({ size: 'tiny', seed: 3, ordersPerDay: 10, start: '2026-11-01' })
const anyScenario: Scenario = generate()
const item: StreamItem | undefined = scenario.stream?.[0]
const ruleSets: SimRules[] = ['closest', { rules: { name: 'w', preset: 'cheapest' }, allocation: 'wave', waveMinutes: 30 }]
const sim: Simulation = simulate(scenario, ruleSets, { outcomes: false })
const simDefault: Simulation = simulate(JSON.stringify(scenario))
const simLater: Promise<Simulation> = simulateAsync(scenario, null, { outcomes: true })
const run: Run = sim.runs[0]
const firstOutcome: OrderOutcome | undefined = run.outcomes[0]
const comparison: Comparison = sim.comparison
const table: string = comparisonTable(comparison)
// @ts-expect-error: not a size
generate({ size: 'huge' })
// @ts-expect-error: rule sets are a list
simulate(scenario, 'closest' as SimRules)
// @ts-expect-error: not an allocation
simulate(scenario, [{ rules: 'closest', allocation: 'batch' }])
// @ts-expect-error: outputs are camelCase
sim.runs[0].kpis.overall.fill_rate
console.log(againstBase, fill, p90, margin, web, anyScenario, item, simDefault, simLater, firstOutcome, table)
