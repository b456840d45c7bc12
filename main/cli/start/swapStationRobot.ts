// In simulation, the swap station's robot for the car's own booking: once the checked-in car stands in P at the station it starts the swap on the operator (station token) and puts the pack the operator named into the simulated car, then reports completion when the car's swap ends — in step with accelerated simulated time.
import type { RunningSwapNetwork } from '../../../simulator/swapNetworks';
import type { SimSource } from '../../../simulator/simSource';
import { haversineM } from '../../../shared/stations/geo';
import { bookingSchema } from '../../../shared/swap/protocol';
import type { Host } from '../../host/createHost';

/** The car must stand in the bay: this close to the station. */
const IN_BAY_M = 300;
/** A refused start (every bay busy, an operator hiccup) is tried again after this. */
const RETRY_MS = 3000;

export interface SwapStationRobot {
  close(): void;
}

interface Job {
  bookingId: string;
  network: RunningSwapNetwork;
  phase: 'starting' | 'swapping' | 'completing' | 'done';
  /** The car's event-log length when its swap began: completion is looked for after it. */
  eventsBefore: number;
  retryAt: number;
}

export function startSwapStationRobot(host: Host, sim: SimSource, networks: readonly RunningSwapNetwork[], report: (line: string) => void): SwapStationRobot {
  let job: Job | null = null;
  let closed = false;

  const post = async (network: RunningSwapNetwork, bookingId: string, step: 'start' | 'complete' | 'fail', body: unknown) => {
    const res = await fetch(`${network.url}/swap/v1/bookings/${encodeURIComponent(bookingId)}/swap/${step}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${network.stationToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(8000),
    });
    const json: unknown = await res.json().catch(() => null);
    return { status: res.status, json };
  };

  async function start(j: Job, station: { lat: number; lon: number }): Promise<void> {
    const vehicle = sim.runner.vehicle;
    const signals = sim.signals();
    const at = { lat: Number(signals['Vehicle.CurrentLocation.Latitude']), lon: Number(signals['Vehicle.CurrentLocation.Longitude']) };
    // Not in the bay and parked yet: the next status tick looks again.
    if (vehicle.gear !== 'P' || vehicle.swap.active || haversineM(at.lat, at.lon, station.lat, station.lon) > IN_BAY_M) return;
    const answer = await post(j.network, j.bookingId, 'start', {});
    const parsed = bookingSchema.safeParse(answer.json);
    if (answer.status !== 200 || !parsed.success) {
      report(`swap station: could not start the swap of ${j.bookingId} (HTTP ${answer.status}); trying again`);
      j.retryAt = Date.now() + RETRY_MS;
      return;
    }
    const b = parsed.data.swap;
    const minutes = b.started_at && b.expected_end_at ? (Date.parse(b.expected_end_at) - Date.parse(b.started_at)) / 60_000 : 4;
    j.eventsBefore = vehicle.events.length;
    const swapped = vehicle.startSwap({ packId: Number(b.new_pack_id), socPercent: b.new_pack_soc_percent ?? 95, durationS: Math.max(1, Math.round(minutes * 60)) });
    if (!swapped.ok) {
      await post(j.network, j.bookingId, 'fail', { reason: 'STATION_FAULT' });
      report(`swap station: the car refused the swap (${swapped.error}); booking ${j.bookingId} failed`);
      j.phase = 'done';
      return;
    }
    j.phase = 'swapping';
    report(`swap station: swapping ${j.bookingId}: pack ${b.new_pack_id} at ${b.new_pack_soc_percent} % going in`);
  }

  async function complete(j: Job): Promise<void> {
    j.phase = 'completing';
    const answer = await post(j.network, j.bookingId, 'complete', {});
    report(`swap station: swap of ${j.bookingId} complete (HTTP ${answer.status})`);
    j.phase = 'done';
  }

  let busy = false;
  const run = (work: Promise<void>) => {
    busy = true;
    void work.catch((error: Error) => report(`swap station: ${error.message}`)).finally(() => (busy = false));
  };

  // Driven by the simulation's status ticks (about four a second while it runs).
  const tick = () => {
    if (closed || busy) return;
    if (job?.phase === 'swapping') {
      if (sim.runner.vehicle.events.slice(job.eventsBefore).some((e) => e.kind === 'swap-completed')) run(complete(job));
      return;
    }
    const active = host.store.getState().swap.active;
    if (active.status !== 'booked' || active.booking.status !== 'ARRIVED') return;
    const booking = active.booking;
    if (job?.bookingId === booking.id && (job.phase !== 'starting' || Date.now() < job.retryAt)) return;
    const network = networks.find((n) => n.id === booking.networkId);
    if (!network) return;
    if (job?.bookingId !== booking.id) job = { bookingId: booking.id, network, phase: 'starting', eventsBefore: 0, retryAt: 0 };
    run(start(job, { lat: booking.stationLat, lon: booking.stationLon }));
  };
  const off = sim.onStatus(tick);
  return {
    close() {
      closed = true;
      off();
    },
  };
}
