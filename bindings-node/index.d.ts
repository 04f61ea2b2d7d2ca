/** omnistock for Node.js: the same engine and answers as the Rust crate and the Python package. */

/** Every stable error code (the list in testdata/error_codes.json). */
export declare const ERROR_CODES: string[]

/** An omnistock error: `code` is stable, `data` names the fields involved. */
export declare class OmnistockError extends Error {
  readonly code: string
  readonly data: Record<string, string>
}

export type LocationKind = 'warehouse' | 'store' | 'drop_ship' | 'marketplace' | 'third_party'
export type Capability = 'ship' | 'pickup' | 'ship_from_store'
export type ChannelKind = 'web' | 'marketplace' | 'store' | 'click_and_collect'

export interface Location {
  id: string
  kind: LocationKind
  position?: { lat: number; lon: number }
  zone?: string
  capabilities?: Capability[]
  /** Lower is preferred. */
  priority?: number
  /** Default true. */
  enabled?: boolean
}

export interface Channel {
  id: string
  kind: ChannelKind
  pool: string
}

export interface PoolMember {
  location: string
  /** Units held back from this pool at this location. */
  buffer?: number
}

export interface Pool {
  id: string
  members: PoolMember[]
  /** 0..=100 with at most two decimals (a string keeps it exact). */
  maxSharePct?: string | number
  lowStockThreshold?: number
}

export interface Network {
  locations?: Location[]
  channels?: Channel[]
  pools?: Pool[]
}

/** A stock event; `type` selects the kind. Keys may be camelCase or snake_case. */
export type StockEvent =
  | { type: 'receive'; id: string; location: string; sku: string; quantity: number }
  | { type: 'adjust'; id: string; location: string; sku: string; delta: number; reason: string }
  | { type: 'count'; id: string; location: string; sku: string; quantity: number; seq: number }
  | {
      type: 'reserve'
      id: string
      reservation: string
      sku: string
      quantity: number
      pool?: string
      channel?: string
      location?: string
      kind: 'soft' | 'hard'
      /** RFC 3339, soft reservations only. */
      expiresAt?: string
    }
  | { type: 'release'; id: string; reservation: string; quantity?: number }
  | { type: 'fulfil'; id: string; reservation: string; quantity?: number; location?: string }
  | { type: 'expire'; id: string; now: string }
  | { type: 'supply_add'; id: string; supply: string; location: string; sku: string; quantity: number; expected: string }
  | { type: 'supply_receive'; id: string; supply: string; quantity?: number }
  | { type: 'supply_cancel'; id: string; supply: string }
  | { type: 'transfer'; id: string; supply: string; from: string; to: string; sku: string; quantity: number; expected: string }

export interface ErrorInfo {
  code: string
  message: string
  context?: Record<string, string>
}

export interface AvailabilityChange {
  sku: string
  pool: string
  before: number
  after: number
  signal?: 'out_of_stock' | 'back_in_stock' | 'low_stock'
}

export interface EventOutcome {
  id: string | null
  status: 'applied' | 'duplicate' | 'stale' | 'rejected'
  changes?: AvailabilityChange[]
  expired?: string[]
  error?: ErrorInfo
}

export interface LocationAtp {
  location: string
  onHand: number
  reserved: number
  buffer: number
  sellable: number
  atp: number
  enabled: boolean
}

export interface Position {
  location: string
  sku: string
  onHand: number
  reserved: number
  inbound: number
  lastCountSeq?: number
}

export interface Reservation {
  id: string
  sku: string
  pool: string
  channel?: string
  location?: string
  quantity: number
  kind: 'soft' | 'hard'
  expiresAt?: string
}

/** The whole stock state: a validated network and its ledger. */
export declare class Inventory {
  /** Throws `OmnistockError` if the network is invalid. */
  constructor(network: Network | string)
  /** Applies events in order; one outcome per event. */
  apply(events: StockEvent[] | object[] | string): EventOutcome[]
  /** Like `apply`, off the event loop. */
  applyAsync(events: StockEvent[] | object[] | string): Promise<EventOutcome[]>
  /** ATP now for a SKU through a pool. Throws `unknown_pool`. */
  atp(sku: string, pool: string): number
  /** ATP for many SKUs through one pool, in order. */
  atpMany(skus: string[], pool: string): number[]
  /** Per-location breakdown of a pool for one SKU. */
  atpByLocation(sku: string, pool: string): LocationAtp[]
  /** One position, or null. Throws `unknown_location`. */
  position(location: string, sku: string): Position | null
  /** Outstanding reservations, by id. */
  reservations(): Reservation[]
  /** Whether an event id has been applied. */
  hasApplied(eventId: string): boolean
  /** The whole state as bytes. */
  snapshot(): Buffer
  /** Rebuilds an inventory from `snapshot()` bytes. Throws `invalid_snapshot`. */
  static restore(data: Buffer | Uint8Array): Inventory
}
