// demo/newsroom: the state of a demo newsroom — which outlet published what, when.
//
// Time is cut into slots; in each slot every outlet publishes one item, about one of the
// slot's events (or a follow-up of an event from the two slots before). Item (outlet, i)
// is therefore a pure function of (seed, outlet, i): nothing is held in memory except a
// small cache, so a newsroom of 100,000 articles costs what its requests cost. The clock
// moves with `advance`/`publish`; items whose time has come appear in the feeds, and some
// items get a revision (a new headline and an added paragraph) some hours after publishing.
import { eventAt, type NewsEvent } from './events.ts';
import { AGENCY_COUNT, BUILT_IN_OUTLETS, outletAt, type Outlet } from './outlets.ts';
import { hash32, rngFor } from './random.ts';
import { writeArticle, type DemoArticle, type ItemPlan } from './article.ts';

export type { DemoArticle } from './article.ts';

/** The newsroom's shape. */
export interface NewsroomConfig {
  seed: number;
  outlets: number;
  /** Items each feed lists (and items each outlet has published at the start). */
  itemsPerFeed: number;
  /** The clock at the start. */
  now: Date;
}

/** Items of a flood (a source suddenly listing thousands of new items). */
export const FLOOD_ITEMS = 10_000;
/** Flood items get indexes from here on, apart from the outlet's regular items. */
export const FLOOD_BASE = 1_000_000_000;
/** The span the first `itemsPerFeed` items are spread over before `now`. */
const HISTORY_MS = 3 * 24 * 3600_000;
const MIN_SLOT_MS = 60_000;
const MAX_SLOT_MS = 6 * 3600_000;
/** Share of items that are revised later. */
const REVISION_SHARE = 0.12;
/** Items kept in the article cache (a page shows a handful of other items' headlines). */
const CACHE_SIZE = 4096;

/** A demo newsroom: outlets, their items, and the clock. */
export class Newsroom {
  readonly config: NewsroomConfig;
  readonly outlets: Outlet[];
  /** Events per slot: enough that each event gets a few outlets, not all of them. */
  readonly perSlot: number;
  readonly slotMs: number;
  /** Time of slot 0. */
  readonly t0: number;
  private clock: number;
  private readonly floods = new Map<number, number>();
  private readonly cache = new Map<string, DemoArticle>();
  /** How many articles were generated (not served from the cache): shows laziness. */
  generated = 0;

  constructor(config: NewsroomConfig) {
    if (config.outlets < 1) throw new Error('demo newsroom: outlets must be at least 1');
    if (config.itemsPerFeed < 1) throw new Error('demo newsroom: itemsPerFeed must be at least 1');
    this.config = config;
    this.outlets = Array.from({ length: config.outlets }, (_, k) => outletAt(config.seed, k));
    this.perSlot = Math.max(3, Math.ceil(config.outlets / 4));
    this.slotMs = Math.min(MAX_SLOT_MS, Math.max(MIN_SLOT_MS, Math.round(HISTORY_MS / config.itemsPerFeed / 60_000) * 60_000));
    this.clock = config.now.getTime();
    this.t0 = this.clock - config.itemsPerFeed * this.slotMs;
  }

  /** The newsroom's current time. */
  now(): Date {
    return new Date(this.clock);
  }

  /** Moves the clock forward; items whose time has come appear, due revisions happen. */
  advance(minutes: number): void {
    if (!(minutes >= 0)) throw new Error('demo newsroom: advance() takes a number of minutes >= 0');
    this.clock += Math.round(minutes * 60_000);
  }

  /** Moves the clock by `n` slots, so every outlet publishes about `n` new items. */
  publish(n = 1): void {
    this.clock += n * this.slotMs;
  }

  /** Makes an outlet list FLOOD_ITEMS new items at once (from now on). */
  flood(outlet: number): void {
    if (!this.floods.has(outlet)) this.floods.set(outlet, this.clock);
  }

  /** Publication time of item i of an outlet (before any flood). Agencies publish early in
   * a slot, the others later (so republished agency copy comes after the original). */
  publishedAt(outlet: number, i: number): number {
    const floodAt = this.floods.get(outlet);
    if (i >= FLOOD_BASE) return (floodAt ?? this.clock) - (i - FLOOD_BASE) * 1000;
    const frac = hash32(this.config.seed, 'time', outlet, i) / 2 ** 32;
    const within = outlet < AGENCY_COUNT ? 0.02 + frac * 0.25 : 0.55 + frac * 0.43;
    return this.t0 + i * this.slotMs + Math.floor(within * this.slotMs / 1000) * 1000;
  }

  /** Regular items published so far by an outlet. */
  count(outlet: number): number {
    const k = Math.floor((this.clock - this.t0) / this.slotMs);
    if (k < 0) return 0;
    return this.publishedAt(outlet, k) <= this.clock ? k + 1 : k;
  }

  /** Indexes an outlet's main feed lists, newest first. */
  feedIndexes(outlet: number): number[] {
    const n = this.count(outlet);
    const out: number[] = [];
    if (this.floods.has(outlet)) for (let j = 0; j < FLOOD_ITEMS; j++) out.push(FLOOD_BASE + j);
    for (let i = n - 1; i >= Math.max(0, n - this.config.itemsPerFeed); i--) out.push(i);
    return out;
  }

  /** Whether item i of an outlet exists at the current time. */
  exists(outlet: number, i: number): boolean {
    if (outlet < 0 || outlet >= this.outlets.length || !Number.isInteger(i) || i < 0) return false;
    if (i >= FLOOD_BASE) return this.floods.has(outlet) && i < FLOOD_BASE + FLOOD_ITEMS;
    return i < this.count(outlet);
  }

  event(id: number): NewsEvent {
    return eventAt(this.config.seed, id);
  }

  /** What item i of an outlet is about: an event and development, or agency copy. */
  plan(outlet: number, i: number): ItemPlan {
    const seed = this.config.seed;
    const o = this.outlets[outlet]!;
    const slot = i >= FLOOD_BASE ? Math.max(0, this.count(outlet) - 1) : i;
    const r = rngFor(seed, 'plan', outlet, i);
    const agencies = Math.min(AGENCY_COUNT, this.outlets.length);
    if (!o.agency && i < FLOOD_BASE && agencies > 0 && this.outlets.length > 2 && r.chance(o.wireShare)) {
      const agency = r.int(0, agencies - 1);
      const src = this.plan(agency, i);
      return { ...src, wire: { agency, index: i } };
    }
    const roll = r.next();
    let back = roll < 0.65 ? 0 : roll < 0.9 ? 1 : 2;
    if (slot - back < 0) back = 0;
    const b = hash32(seed, 'b', outlet, i) % this.perSlot;
    const eventId = (slot - back) * this.perSlot + b;
    const ev = this.event(eventId);
    if (back >= ev.developments.length) back = 0;
    return { eventId: back === 0 ? slot * this.perSlot + b : eventId, development: back, wire: null };
  }

  /** Item i of an outlet as it stands at the current time (revised once its revision is
   * due). Throws for items that do not exist; check `exists` first. */
  article(outlet: number, i: number): DemoArticle {
    const published = this.publishedAt(outlet, i);
    const revisedAt = this.revisionAt(outlet, i, published);
    const revision = revisedAt !== null && revisedAt <= this.clock ? 1 : 0;
    const key = `${outlet}:${i}:${revision}:${i >= FLOOD_BASE ? published : ''}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    this.generated++;
    const plan = this.plan(outlet, i);
    const a = writeArticle({
      seed: this.config.seed, outlet: this.outlets[outlet]!, index: i, plan, event: this.event(plan.eventId),
      published: new Date(published), revisedAt: revision ? new Date(revisedAt!) : null,
      agency: plan.wire ? this.article(plan.wire.agency, plan.wire.index) : null,
      agencyOutlet: plan.wire ? this.outlets[plan.wire.agency]! : null,
    });
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, a);
    return a;
  }

  /** When item i gets its revision, or null if it never does. */
  private revisionAt(outlet: number, i: number, published: number): number | null {
    if (i >= FLOOD_BASE) return null;
    const r = rngFor(this.config.seed, 'revision', outlet, i);
    if (!r.chance(REVISION_SHARE)) return null;
    const delay = Math.max(20 * 60_000, Math.round((0.5 + r.next() * 2) * this.slotMs / 60_000) * 60_000);
    return published + delay;
  }

  /** Number of hand-written outlets (the rest are generated variants). */
  static readonly builtInOutlets = BUILT_IN_OUTLETS;
}
