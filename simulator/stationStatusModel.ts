// How EVSE statuses of a simulated network change over time: sessions start and end, posts fail and get repaired, seeded.
import type { EvseStatus, Location } from '../shared/stations/model';
import { Random } from '../shared/stations/seededRandom';

/** Mean time an EVSE stays in each status before something happens, ms. */
const MEAN_STAY_MS: Record<EvseStatus, number> = {
  AVAILABLE: 25 * 60_000,
  CHARGING: 35 * 60_000,
  RESERVED: 15 * 60_000,
  BLOCKED: 20 * 60_000,
  OUTOFORDER: 8 * 3_600_000,
  INOPERATIVE: 4 * 3_600_000,
  UNKNOWN: 30 * 60_000,
  PLANNED: 30 * 24 * 3_600_000,
  REMOVED: Infinity,
};

/** Where each status goes next, by weight. */
const NEXT: Partial<Record<EvseStatus, Array<[EvseStatus, number]>>> = {
  AVAILABLE: [
    ['CHARGING', 85],
    ['RESERVED', 5],
    ['BLOCKED', 5],
    ['OUTOFORDER', 3],
    ['INOPERATIVE', 2],
  ],
  CHARGING: [
    ['AVAILABLE', 90],
    ['BLOCKED', 8],
    ['OUTOFORDER', 2],
  ],
  RESERVED: [
    ['CHARGING', 80],
    ['AVAILABLE', 20],
  ],
  BLOCKED: [['AVAILABLE', 100]],
  OUTOFORDER: [['AVAILABLE', 100]],
  INOPERATIVE: [['AVAILABLE', 100]],
  UNKNOWN: [
    ['AVAILABLE', 70],
    ['CHARGING', 30],
  ],
};

interface Pending {
  at: number;
  location: number;
  evse: number;
}

/** Advances a network's statuses to a given time; every change bumps the EVSE's and location's last_updated. */
export class StationStatusModel {
  private readonly random: Random;
  private readonly heap: Pending[] = [];
  private now: number;

  constructor(
    private readonly locations: Location[],
    seed: number,
    start: number,
  ) {
    this.random = new Random(seed ^ 0x5eed);
    this.now = start;
    locations.forEach((location, l) =>
      location.evses.forEach((evse, e) => this.push({ at: start + this.stay(evse.status), location: l, evse: e })),
    );
  }

  /** Applies every change due up to `to` (epoch ms); returns how many statuses changed. */
  advance(to: number): number {
    let changes = 0;
    while (this.heap.length && this.heap[0].at <= to) {
      const next = this.pop();
      const location = this.locations[next.location];
      const evse = location.evses[next.evse];
      const choices = NEXT[evse.status];
      if (choices) {
        const status = this.random.weighted(choices, ([, w]) => w)[0];
        const reservable = evse.capabilities.includes('RESERVABLE');
        evse.status = status === 'RESERVED' && !reservable ? 'CHARGING' : status;
        evse.status_updated = evse.last_updated = next.at;
        for (const c of evse.connectors) c.last_updated = next.at;
        location.last_updated = Math.max(location.last_updated, next.at);
        changes += 1;
      }
      this.push({ ...next, at: next.at + this.stay(evse.status) });
    }
    this.now = Math.max(this.now, to);
    return changes;
  }

  get time(): number {
    return this.now;
  }

  private stay(status: EvseStatus): number {
    const mean = MEAN_STAY_MS[status];
    if (!Number.isFinite(mean)) return Infinity;
    return Math.max(1_000, Math.round(-Math.log(Math.max(this.random.next(), 1e-9)) * mean));
  }

  private push(item: Pending): void {
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent].at <= item.at) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = item;
  }

  private pop(): Pending {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        const at = (k: number) => (k === i ? last.at : heap[k].at);
        if (l < heap.length && heap[l].at < at(smallest)) smallest = l;
        if (r < heap.length && heap[r].at < at(smallest)) smallest = r;
        if (smallest === i) break;
        heap[i] = heap[smallest];
        i = smallest;
      }
      heap[i] = last;
    }
    return top;
  }
}
