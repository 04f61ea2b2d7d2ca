// Compiled with `tsc --noEmit` (npm run typecheck): the typings describe the API.
import { Inventory, OmnistockError, ERROR_CODES, EventOutcome, LocationAtp } from '../index'

const inv = new Inventory({
  locations: [{ id: 'DC1', kind: 'warehouse', capabilities: ['ship'] }],
  pools: [{ id: 'web', members: [{ location: 'DC1', buffer: 0 }], maxSharePct: '30' }],
})
const out: EventOutcome[] = inv.apply([{ type: 'receive', id: 'e1', location: 'DC1', sku: 'A', quantity: 1 }])
const n: number = inv.atp('A', 'web')
const rows: LocationAtp[] = inv.atpByLocation('A', 'web')
const later: Promise<EventOutcome[]> = inv.applyAsync('[]')
const copy: Inventory = Inventory.restore(inv.snapshot())
const codes: string[] = ERROR_CODES
try {
  inv.atp('A', 'nope')
} catch (e) {
  if (e instanceof OmnistockError) {
    const code: string = e.code
    console.log(code, out, n, rows, later, copy, codes)
  }
}
