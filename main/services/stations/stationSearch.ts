// Station search over one or more indexed stores: kdbush/geokdbush nearest-first candidates (around the car or along a route), then filters and ranking.
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { AVAILABLE_CODE, NONE } from '../../../shared/stations/columns';
import { compileFilter, type CompiledFilter } from '../../../shared/stations/filters';
import { EARTH_RADIUS_M, haversineTerm, projectOnRoute, routeLine, samplesAlong } from '../../../shared/stations/geo';
import { compareRanked, createRanker, type Ranked, type Ranker } from '../../../shared/stations/ranking';
import type { DatasetFreshness, SearchResponse, StationQuery, VehicleContext } from '../../../shared/stations/search';
import type { StationStore } from './stationStore';

/** A store with its spatial index and what the freshness report says about it. */
export interface IndexedStore {
  store: StationStore;
  index: KDBush;
  freshness: DatasetFreshness;
  /** Locations superseded by the same location in a store that ranks above this one (a live feed over the offline set). */
  shadowed?: Uint8Array;
  /** Standards few of the locations have, each with an index of its own (see buildStandardIndexes). */
  byStandard?: ReadonlyMap<number, StandardIndex>;
}

/** An index over only the locations with one connector standard; `ids[j]` is the store's location for point j. */
export interface StandardIndex {
  index: KDBush;
  ids: Uint32Array;
}

export function indexStore(store: StationStore, freshness: DatasetFreshness): IndexedStore {
  return { store, index: buildIndex(store), byStandard: buildStandardIndexes(store), freshness };
}

/**
 * A standard on at most this share of the locations gets its own index. Searching the whole index with a
 * filter visits about 1/share locations per match: cheap for a common standard (GB/T DC in China), slow and
 * erratic for a rare one (CHAdeMO, NACS, ChaoJi), which is where a small index of its own pays.
 */
const OWN_INDEX_SHARE = 0.2;

/** kdbush over (longitude, latitude): Float64 so the index and the store agree on every coordinate. */
export function buildIndex(store: StationStore): KDBush {
  const index = new KDBush(Math.max(1, store.count), 64, Float64Array);
  for (let i = 0; i < store.count; i++) index.add(store.lon[i], store.lat[i]);
  // kdbush needs at least one point; an empty store gets one far from any query that no filter lets through.
  if (store.count === 0) index.add(0, -90);
  return index.finish();
}

/** An index for each standard that at most OWN_INDEX_SHARE of the locations have (their total size is bounded by that share). */
export function buildStandardIndexes(store: StationStore): Map<number, StandardIndex> {
  const counts = new Uint32Array(64);
  const mask = store.standardsMask;
  const eachBit = (i: number, visit: (bit: number) => void) => {
    for (let half = 0; half < 2; half++) {
      for (let word = mask[2 * i + half]; word !== 0; word &= word - 1) visit(half * 32 + 31 - Math.clz32(word & -word));
    }
  };
  for (let i = 0; i < store.count; i++) eachBit(i, (bit) => counts[bit]++);
  const indexes = new Map<number, StandardIndex>();
  for (let bit = 0; bit < 64; bit++) {
    if (counts[bit] === 0 || counts[bit] > store.count * OWN_INDEX_SHARE) continue;
    indexes.set(bit, { index: new KDBush(counts[bit], 64, Float64Array), ids: new Uint32Array(counts[bit]) });
  }
  if (indexes.size === 0) return indexes;
  for (let i = 0; i < store.count; i++) {
    eachBit(i, (bit) => {
      const own = indexes.get(bit);
      if (!own) return;
      const j = own.index.add(store.lon[i], store.lat[i]);
      own.ids[j] = i;
    });
  }
  for (const own of indexes.values()) own.index.finish();
  return indexes;
}

/** A query the search cannot answer as asked (time ranking without a vehicle…). */
export class SearchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchError';
  }
}

interface Candidate {
  entry: number;
  i: number;
  /** haversine term from the car (orders exactly like geokdbush). */
  term: number;
  distanceM: number;
  routeDistanceM?: number;
  /** What candidates are ordered by: the route distance along a route, else the haversine term. */
  sortKey: number;
}

const metresOf = (term: number) => 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(term)));

export function searchStores(
  entries: readonly IndexedStore[],
  query: StationQuery,
  context: VehicleContext | undefined,
  now: number,
): SearchResponse {
  if (query.rankBy === 'time' && !context) throw new SearchError('ranking by time needs the vehicle (its SoC and charging curve)');
  const plainNearest = query.rankBy === 'distance' && query.preferOperators.length === 0;
  const need = plainNearest ? query.limit : (query.pool ?? Math.max(100, query.limit * 10));
  const filters: CompiledFilter[] = entries.map((entry) => locationFilter(entry, query, context, now));

  const candidates: Candidate[] = [];
  entries.forEach((entry, e) => {
    const found = query.along ? alongRoute(entry, filters[e], query, need, e) : nearest(entry, filters[e], query, need, e);
    for (const c of found) candidates.push(c);
  });
  candidates.sort((a, b) => a.sortKey - b.sortKey || a.entry - b.entry || a.i - b.i);
  const pool = candidates.slice(0, need);

  const rankers: Ranker[] = entries.map((entry, e) => createRanker(query, entry.store, entry.store, filters[e], context));
  const ranked: Array<Ranked & { order: number }> = [];
  for (const c of pool) {
    const r = rankers[c.entry](c.i, c.distanceM, c.routeDistanceM);
    if (r) ranked.push({ ...r, order: c.entry * 2 ** 32 + c.i });
  }
  ranked.sort(compareRanked);
  const results = ranked.slice(0, query.limit).map((r) => r.result);
  return {
    results,
    considered: pool.length,
    unreachable: results.filter((r) => r.reachable === false).length,
    datasets: entries.map((e) => e.freshness),
    at: now,
  };
}

/**
 * The query's filter over one store, with what the columns cannot answer: locations shadowed by a higher
 * store, a name (or operator) that must contain some text, and a list of wanted keys (favourites).
 */
export function locationFilter(entry: IndexedStore, query: StationQuery, context: VehicleContext | undefined, now: number): CompiledFilter {
  const filter = compileFilter(query, entry.store, context?.vehicle.standards, now);
  const { shadowed, store } = entry;
  const checks: Array<(i: number) => boolean> = [];
  if (shadowed) checks.push((i) => shadowed[i] === 0);
  if (query.keys) {
    const wanted = new Set(query.keys);
    checks.push((i) => wanted.has(store.key(i)));
  }
  if (query.nameContains) {
    const needle = foldText(query.nameContains);
    checks.push((i) => foldText(store.name(i)).includes(needle) || operatorMatches(store, i, needle));
  }
  if (checks.length === 0) return filter;
  return { ...filter, location: (i: number) => checks.every((check) => check(i)) && filter.location(i) };
}

/** Case- and width-insensitive form for name search: "ＴＥＬＤ" and "teld" match "特来电 TELD". */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('en-US');
}

function operatorMatches(store: StationStore, i: number, needle: string): boolean {
  const code = store.operator[i];
  return code !== NONE && foldText(store.operators[code]).includes(needle);
}

/** The `need` nearest matching locations of one store, ties at the cut resolved by dataset order. */
function nearest(entry: IndexedStore, filter: CompiledFilter, query: StationQuery, need: number, e: number): Candidate[] {
  const { lat, lon } = query.near;
  const { store, index } = entry;
  const maxKm = query.maxDistanceM === undefined ? Infinity : query.maxDistanceM / 1000;
  const predicate = (i: number) => i < store.count && filter.location(i);
  const term = (i: number) => haversineTerm(lat, lon, store.lat[i], store.lon[i]);
  let ids = nearestIds(entry, filter, lon, lat, need + 1, maxKm, predicate, term);
  if (ids.length > need) {
    const cut = term(ids[need - 1]);
    if (term(ids[need]) === cut) {
      // Equal distances straddle the cut: take every location at that distance, so dataset order decides.
      const radiusKm = (metresOf(cut) + 1e-3) / 1000;
      ids = around(index, lon, lat, Infinity, radiusKm, predicate).filter((i) => term(i) <= cut);
    }
  }
  const found = ids.map((i) => {
    const t = term(i);
    const distanceM = metresOf(t);
    return { entry: e, i, term: t, distanceM, sortKey: t };
  });
  found.sort((a, b) => a.term - b.term || a.i - b.i);
  if (query.maxDistanceM !== undefined) return found.filter((c) => c.distanceM <= query.maxDistanceM!).slice(0, need);
  return found.slice(0, need);
}

/**
 * The `count` nearest locations meeting `predicate`, nearest first: from the rare standards' own indexes when
 * the query wants only such standards (each gives its nearest; together they hold the nearest of all), else
 * from the whole index.
 */
function nearestIds(entry: IndexedStore, filter: CompiledFilter, lon: number, lat: number, count: number, maxKm: number, predicate: (i: number) => boolean, term: (i: number) => number): number[] {
  const own = filter.standards === null ? null : filter.standards.map((bit) => entry.byStandard?.get(bit));
  if (!own || own.length === 0 || own.some((x) => x === undefined)) return around(entry.index, lon, lat, count, maxKm, predicate);
  const found = new Set<number>();
  for (const { index, ids } of own as StandardIndex[]) {
    for (const j of around(index, lon, lat, count, maxKm, (k: number) => predicate(ids[k]))) found.add(ids[j]);
  }
  return [...found].sort((a, b) => term(a) - term(b) || a - b).slice(0, count);
}

/** Matching locations within the corridor of the route ahead of the car, nearest along the route first. */
function alongRoute(entry: IndexedStore, filter: CompiledFilter, query: StationQuery, need: number, e: number): Candidate[] {
  const { store, index } = entry;
  const along = query.along!;
  const line = routeLine(along.points);
  const car = projectOnRoute(line, query.near.lat, query.near.lon);
  const corridor = along.corridorM;
  // Any point within the corridor of the route is within corridor + step/2 of some sample.
  const step = corridor;
  const radiusKm = (corridor + step / 2 + 1) / 1000;
  const seen = new Set<number>();
  const predicate = (i: number) => i < store.count && !seen.has(i) && filter.location(i);
  const found: Candidate[] = [];
  for (const sample of samplesAlong(line, step)) {
    if (sample.alongM < car.alongM - step) continue;
    for (const i of around(index, sample.lon, sample.lat, Infinity, radiusKm, predicate)) {
      seen.add(i);
      const p = projectOnRoute(line, store.lat[i], store.lon[i]);
      if (p.offM > corridor || p.alongM < car.alongM) continue;
      const routeDistanceM = p.alongM - car.alongM + p.offM;
      if (query.maxDistanceM !== undefined && routeDistanceM > query.maxDistanceM) continue;
      const term = haversineTerm(query.near.lat, query.near.lon, store.lat[i], store.lon[i]);
      found.push({ entry: e, i, term, distanceM: metresOf(term), routeDistanceM, sortKey: routeDistanceM });
    }
  }
  found.sort((a, b) => a.sortKey - b.sortKey || a.i - b.i);
  return found.slice(0, need);
}

/** Marker flags of a map point. */
export const POINT_AVAILABLE = 1;
export const POINT_FAST = 2;
export const POINT_UNREACHABLE = 4;
/** From this power up a connector counts as fast (DC rapid), W. */
const FAST_W = 50_000;

export interface BoxPoints {
  lat: number[];
  lon: number[];
  /** POINT_* bits per point. */
  flags: number[];
  keys: string[];
  /** More matched than `max`: the nearest to the box centre were kept. */
  truncated: boolean;
}

/**
 * Every location in a box that meets the query (the map's markers): position, key and a few flags, nothing
 * per connector. Up to `max`, nearest the box centre first when there are more.
 */
export function pointsInBox(
  entries: readonly IndexedStore[],
  query: StationQuery,
  context: VehicleContext | undefined,
  now: number,
  box: { south: number; west: number; north: number; east: number },
  max: number,
): BoxPoints {
  const found: Array<{ entry: number; i: number; term: number }> = [];
  const centreLat = (box.south + box.north) / 2;
  const centreLon = (box.west + box.east) / 2;
  const filters = entries.map((entry) => locationFilter(entry, query, context, now));
  entries.forEach((entry, e) => {
    for (const i of entry.index.range(box.west, box.south, box.east, box.north)) {
      if (i >= entry.store.count || !filters[e].location(i)) continue;
      found.push({ entry: e, i, term: haversineTerm(centreLat, centreLon, entry.store.lat[i], entry.store.lon[i]) });
    }
  });
  const truncated = found.length > max;
  if (truncated) found.sort((a, b) => a.term - b.term);
  const out: BoxPoints = { lat: [], lon: [], flags: [], keys: [], truncated };
  const rangeM = context ? reachM(context) : Infinity;
  const roadFactor = context?.roadFactor ?? 1.25;
  for (const { entry: e, i } of found.slice(0, max)) {
    const { store } = entries[e];
    const pairs = filters[e].connectors(i);
    let flags = 0;
    for (let k = 0; k < pairs.length; k += 2) {
      if (store.evseStatus[pairs[k]] === AVAILABLE_CODE) flags |= POINT_AVAILABLE;
      if (store.connPowerW[pairs[k + 1]] >= FAST_W) flags |= POINT_FAST;
    }
    const lat = store.lat[i];
    const lon = store.lon[i];
    if (context && metresOf(haversineTerm(query.near.lat, query.near.lon, lat, lon)) * roadFactor > rangeM) flags |= POINT_UNREACHABLE;
    out.lat.push(lat);
    out.lon.push(lon);
    out.flags.push(flags);
    out.keys.push(store.key(i));
  }
  return out;
}

/** Road metres the car can drive before its reserve (the ranking's reachability, as a distance). */
function reachM(context: VehicleContext): number {
  const whPerKm = context.whPerKm ?? context.vehicle.ratedWhPerKm;
  const usable = Math.max(0, context.socPercent - (context.reservePercent ?? 10));
  return ((usable / 100) * context.vehicle.usableKwh * 1000 * 1000) / whPerKm;
}
