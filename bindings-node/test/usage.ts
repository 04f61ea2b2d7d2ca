// Compiled with `tsc --noEmit` (test/types.test.mjs, or `npm run typecheck`): the typings in
// index.d.ts describe the API, and they are precise enough to catch mistakes.
import {
  Inventory,
  ERROR_CODES,
  ErrorCode,
  EventOutcome,
  LocationAtp,
  Network,
  OmnistockError,
  Position,
  Reservation,
  StockEvent,
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

console.log(fromText, status, later, n, many, rows, onHand, pos, held, seen, copy, copy2, codes)
