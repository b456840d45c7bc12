// The swap service module: `swap.*` intents, the networks the CLI (or a head unit's configuration) hands in through ports.swap, compatible stations near the car, the live booking, charge-or-swap, and swap options for the low-battery assistant.
import { haversineM } from '../../../shared/stations/geo';
import { compatibleStations, stationFromProtocol } from '../../../shared/swap/model';
import type { ProtocolStation } from '../../../shared/swap/protocol';
import { selectActiveProfile } from '../../../shared/state/profilesSlice';
import {
  chargeOrSwapCompared,
  swapActiveChanged,
  swapAvailabilityChanged,
  swapHistoryChanged,
  swapNetworksChanged,
  swapQuoteChanged,
  swapStationsArrived,
  type SwapStationView,
} from '../../../shared/state/swapSlice';
import { IntentRefused, type IntentHandlers } from '../../host/intentRouter';
import type { HostService, ServiceContext, ServiceFactory } from '../../host/service';
import { routeEstimate } from './arrival';
import { createBookingFlow, SwapRefused, type BookingFlow, type StationRef } from './bookingFlow';
import { followBookingEvents, type EventFollower } from './bookingEvents';
import { carNow, loadCarPack, type CarPackInfo } from './carContext';
import { bestCharge, bestSwap, compareChargeOrSwap, type Preference } from './chargeOrSwap';
import { readNetworksConfig } from './networksConfig';
import { createNetworks, type NetworkOffer, type SwapNetworkConfig } from './networks';
import { openSwapStore } from './swapDocument';
import { swapOptionProvider } from './swapOptions';
import { problemOf, quoteView, stationView } from './views';

/** How the CLI (simulated networks) or a head unit's configuration hands networks to the swap service (ctx.ports.swap). */
export interface SwapPort {
  /**
   * Networks that exist but start on first need (the Swap screen, a booking kept from the last run), shown as
   * connecting until they answer; `startNow` starts them at once, in the background.
   */
  offerNetworks(offer: NetworkOffer & { startNow?: boolean }): () => void;
  /** A network to use now. */
  attachNetwork(config: SwapNetworkConfig): () => void;
}

export interface SwapServiceOptions {
  /** Stations are asked again this often while the networks run (default 30 s). */
  refreshMs?: number;
  /** Per-request timeout towards an operator (default 8 s). */
  timeoutMs?: number;
  /** The wait for an answer to a booking request, retrying with its key (default 30 s, the protocol's). */
  requestWindowMs?: number;
  /** While the booking's event stream is open, the operator is also asked this often, in case an event was lost (default 30 s). */
  pollWhileFollowingMs?: number;
}

const DEFAULT_REFRESH_MS = 30_000;
const DEFAULT_POLL_WHILE_FOLLOWING_MS = 30_000;
const TICK_MS = 1000;
/** Stations farther than this from the car are not listed (nor counted as incompatible ones nearby). */
const NEARBY_M = 150_000;
const CAR_EVERY_MS = 500;
/** Charging stops are compared at the driver's target, else at this SoC. */
const DEFAULT_TARGET_SOC = 80;

export function createSwapService(options: SwapServiceOptions = {}): ServiceFactory {
  return async (ctx: ServiceContext): Promise<HostService> => {
    const { store, storage, clock, wallClock, report, appRoot, ports } = ctx;
    const refreshMs = options.refreshMs ?? DEFAULT_REFRESH_MS;
    const doc = await openSwapStore(storage, report);
    let closed = false;
    let car: CarPackInfo | null = null;
    let carVehicleId: string | null = null;
    let started = false;
    let stationsAt = -Infinity;
    const cache = new Map<string, { stations: ProtocolStation[]; fetchedAt: number; offsetMs: number }>();
    const wakers = new Set<() => void>();

    const networks = createNetworks({ clock, wallClock, report, timeoutMs: options.timeoutMs, onChange: () => publishNetworks() });
    const toSeenAt = (epochMs: number) => clock() - (wallClock() - epochMs);
    const carState = () => carNow(store.getState().vehicle, clock());

    const flow: BookingFlow = createBookingFlow({
      doc,
      networks,
      clock,
      wallClock,
      report,
      car: carState,
      updates: () => (follower?.events.following ? 'events' : 'polling'),
      publish: (active) => store.dispatch(swapActiveChanged(active)),
      publishHistory: (history) => store.dispatch(swapHistoryChanged(history)),
      sleep: (ms) =>
        new Promise<void>((done) => {
          const wake = () => {
            clearTimeout(timer);
            wakers.delete(wake);
            done();
          };
          const timer = setTimeout(wake, ms);
          wakers.add(wake);
        }),
      closed: () => closed,
      requestWindowMs: options.requestWindowMs,
    });

    function publishNetworks(): void {
      const enabled = car?.packStandard != null && networks.list().length > 0;
      const s = store.getState().swap;
      const carView = car ? { packStandard: car.packStandard, swapStandard: car.swapStandard } : null;
      if (s.enabled !== enabled || JSON.stringify(s.car) !== JSON.stringify(carView)) store.dispatch(swapAvailabilityChanged({ enabled, car: carView }));
      store.dispatch(swapNetworksChanged(networks.views()));
    }

    /** Compatible stations from every network's last answer, nearest stop first, with the route estimate from the car. */
    function stationViews(): { stations: SwapStationView[]; incompatible: number } {
      if (!car?.packStandard) return { stations: [], incompatible: 0 };
      const now = carState();
      const energy = now.soc !== null ? { socPercent: now.soc, usableKwh: car.usableKwh, whPerKm: car.ratedWhPerKm } : null;
      const out: SwapStationView[] = [];
      let incompatible = 0;
      for (const n of networks.list()) {
        const entry = cache.get(n.id);
        if (!entry) continue;
        const position = now.position;
        // A network may span cities: only stations within a drive's reach of the car are "nearby".
        const models = entry.stations
          .map((s) => stationFromProtocol(n.id, s, entry.fetchedAt, entry.offsetMs))
          .filter((s) => !position || haversineM(position.lat, position.lon, s.lat, s.lon) <= NEARBY_M);
        const fits = compatibleStations(models, { swapStandard: car.swapStandard, usableKwh: car.usableKwh });
        incompatible += models.length - fits.length;
        for (const { station, packStandard } of fits) out.push(stationView({ id: n.id, name: n.name }, station, packStandard, { car: now.position, energy, toSeenAt }));
      }
      const minutes = (s: SwapStationView) => (s.etaMinutes ?? 1e6) + s.waitMinutes + s.typicalSwapMinutes + (s.readyPacks > 0 && s.openNow ? 0 : 1e5);
      return { stations: out.sort((a, b) => minutes(a) - minutes(b)), incompatible };
    }

    function publishStations(): void {
      store.dispatch(swapStationsArrived(stationViews()));
      compare();
    }

    async function refreshStations(): Promise<number> {
      stationsAt = clock();
      let online = 0;
      await Promise.all(
        networks.list().map(async (n) => {
          if (!n.client) return;
          const answer = await n.client.stations();
          networks.observe(n.id, answer, answer.ok ? answer.value.length : undefined);
          if (answer.ok) {
            online += 1;
            cache.set(n.id, { stations: answer.value, fetchedAt: wallClock(), offsetMs: answer.clockOffsetMs });
          } else if (answer.failure.kind === 'malformed' || answer.failure.kind === 'refused') {
            report(`swap: stations of ${n.id}: ${answer.failure.message}`);
          }
        }),
      );
      if (!closed) publishStations();
      return online;
    }

    let comparedKey = '';
    function compare(): void {
      const state = store.getState();
      if (!store.getState().swap.enabled) {
        if (state.swap.comparison) store.dispatch(chargeOrSwapCompared(null));
        return;
      }
      const profile = selectActiveProfile(state) as { charging?: { chargeOrSwap?: Preference; targetSoc?: number | null } } | null;
      const target = profile?.charging?.targetSoc ?? DEFAULT_TARGET_SOC;
      const swaps = state.swap.stations;
      const charge = bestCharge(state.stations.results, target);
      const swap = bestSwap(swaps);
      const soc = carState().soc;
      const key = JSON.stringify([swap, charge, profile?.charging?.chargeOrSwap, soc !== null && soc >= target]);
      if (key === comparedKey) return;
      comparedKey = key;
      const withoutPack = swaps.filter((s) => s.readyPacks < 1).length;
      store.dispatch(
        chargeOrSwapCompared(compareChargeOrSwap({ swap, charge, swapStationsWithoutPack: withoutPack, preference: profile?.charging?.chargeOrSwap ?? 'either', seenAt: clock(), socPercent: carState().soc, targetSoc: target })),
      );
    }

    /** Starts the offered networks once; every caller waits for the same start (and its first station list). */
    let starting: Promise<void> | null = null;
    function start(): Promise<void> {
      started = true;
      starting ??= (async () => {
        await networks.ensureStarted();
        if (closed) return;
        await refreshStations();
        await flow.reconcile();
      })();
      return starting;
    }

    // ---- following the car and the stations' results
    let seenVehicle: unknown = null;
    let seenResults: unknown = null;
    let carAt = -Infinity;
    const unsubscribe = store.subscribe(() => {
      if (closed) return;
      const state = store.getState();
      if (state.vehicle.vehicleId !== carVehicleId) {
        const id = state.vehicle.vehicleId;
        carVehicleId = id;
        void (id ? loadCarPack(appRoot, id, report) : Promise.resolve(null)).then((info) => {
          if (carVehicleId !== id) return;
          car = info && store.getState().vehicle.capabilities?.swap !== false ? info : null;
          publishNetworks();
          publishStations();
        });
      }
      if (state.vehicle !== seenVehicle && clock() - carAt >= CAR_EVERY_MS) {
        seenVehicle = state.vehicle;
        carAt = clock();
        flow.onCar();
      }
      if (state.stations.results !== seenResults) {
        seenResults = state.stations.results;
        compare();
      }
    });

    // The live booking's status events (the protocol's server-sent events), one stream at a time; polling stays as the safety net.
    let follower: { key: string; events: EventFollower } | null = null;
    const follow = () => {
      const target = closed ? null : flow.followed();
      const client = target ? networks.get(target.networkId)?.client : null;
      const key = target && client ? `${target.networkId}/${target.bookingId}` : null;
      if (follower?.key === key) return;
      const was = follower;
      follower = null;
      was?.events.close();
      if (!target || !client || !key) return;
      follower = {
        key,
        events: followBookingEvents({
          open: (lastEventId, signal) => client.events(target.bookingId, lastEventId, signal),
          onEvent: () => void flow.followUp().catch((error: Error) => report(`swap: ${error.message}`)),
          onState: () => flow.show(),
          report,
        }),
      };
    };

    let pollAt = -Infinity;
    const tick = setInterval(() => {
      if (closed) return;
      if (started && clock() - stationsAt >= refreshMs) void refreshStations();
      follow();
      const asked = flow.pollEveryMs();
      const every = asked !== null && follower?.events.following ? Math.max(asked, options.pollWhileFollowingMs ?? DEFAULT_POLL_WHILE_FOLLOWING_MS) : asked;
      if (started && every !== null && clock() - pollAt >= every) {
        pollAt = clock();
        void flow.reconcile().catch((error: Error) => report(`swap: ${error.message}`));
      }
    }, TICK_MS);
    tick.unref();

    const port: SwapPort = {
      offerNetworks(offer) {
        const detach = networks.offer(offer);
        // A booking or an unresolved request from an earlier run needs its operator now, not when the driver looks.
        const d = doc.data();
        if (offer.startNow || d.live || d.unresolved.length) void start();
        return detach;
      },
      attachNetwork(config) {
        const detach = networks.attach(config);
        // A network handed in ready to use is used at once (only offered ones wait for a need).
        if (started) void refreshStations().then(() => flow.reconcile());
        else void start();
        return detach;
      },
    };
    ports.swap = port;
    // A head unit's own networks (the simulation offers its networks through the port as well).
    const detachConfigured = (await readNetworksConfig(ctx.dataDir, report)).map((network) => port.attachNetwork(network));
    const detachProvider = ports.stations?.addOptionProvider(
      swapOptionProvider({
        enabled: () => store.getState().swap.enabled,
        started: () => started,
        stations: () => store.getState().swap.stations,
        clock,
      }),
    );

    store.dispatch(swapHistoryChanged(doc.data().history));
    flow.show();

    const refusing = async <T>(run: () => Promise<T>): Promise<T> => {
      try {
        return await run();
      } catch (error) {
        if (error instanceof SwapRefused) throw new IntentRefused(error.message, { key: error.problem.key, ...(error.problem.params && { params: error.problem.params }) });
        throw error;
      }
    };
    const needCar = (): CarPackInfo & { packStandard: string } => {
      if (!car) throw new SwapRefused({ key: 'swap.problems.noSwapCar', message: 'this car has no swappable pack (or no vehicle is connected)' });
      if (!car.packStandard) throw new SwapRefused({ key: 'swap.problems.noSwapCar', message: `the car's pack (${car.swapStandard}) is not swappable` });
      return car as CarPackInfo & { packStandard: string };
    };
    /** The station as last listed (fetched again when unknown), checked against the car's pack. */
    const stationRef = async (networkId: string, stationId: string): Promise<StationRef> => {
      const c = needCar();
      const n = networks.get(networkId);
      if (!n) throw new SwapRefused({ key: 'swap.problems.unknownNetwork', params: { network: networkId }, message: `no swap network ${networkId}` });
      if (!cache.get(networkId)?.stations.some((s) => s.id === stationId)) await refreshStations();
      const s = cache.get(networkId)?.stations.find((x) => x.id === stationId);
      if (!s) throw new SwapRefused({ key: 'swap.problems.unknownStation', params: { network: n.name }, message: `${n.name} has no station ${stationId}` });
      if (!s.pack_standards.includes(c.packStandard)) {
        throw new SwapRefused({
          key: 'swap.problems.incompatible',
          params: { station: s.name, standard: c.packStandard },
          message: `${s.name} swaps ${s.pack_standards.join(', ')}, not this car's ${c.packStandard}`,
        });
      }
      return { networkId, stationId, name: s.name, lat: s.lat, lon: s.lon, packStandards: s.pack_standards };
    };
    const etaTo = (s: { lat: number; lon: number }) => {
      const position = carState().position;
      return position ? routeEstimate(position, s).etaMinutes : undefined;
    };

    const handlers: Partial<IntentHandlers> = {
      'swap.connect': async () => {
        await start();
        if (networks.list().some((n) => n.client) && clock() - stationsAt > 2000) await refreshStations();
        await flow.reconcile();
        const list = networks.list();
        return { networks: list.length, online: list.filter((n) => n.link.state === 'online').length };
      },
      'swap.quote': ({ networkId, stationId }) =>
        refusing(async () => {
          await start();
          const c = needCar();
          const s = await stationRef(networkId, stationId);
          const n = networks.get(networkId)!;
          store.dispatch(swapQuoteChanged({ status: 'loading', networkId, stationId, stationName: s.name }));
          const eta = etaTo(s);
          const soc = carState().soc;
          const answer = networks.observe(networkId, await n.client!.quote(stationId, { packStandard: c.packStandard, ...(eta !== undefined && { etaMinutes: eta }), ...(soc !== null && { socPercent: soc }) }));
          if (!answer.ok) {
            const problem = problemOf(answer.failure, n.name);
            store.dispatch(swapQuoteChanged({ status: 'failed', networkId, stationId, stationName: s.name, problem }));
            throw new SwapRefused(problem);
          }
          const quote = quoteView({ id: n.id, name: n.name }, s.name, answer.value, eta ?? answer.value.terms.default_arrival_minutes, answer.clockOffsetMs);
          store.dispatch(swapQuoteChanged({ status: 'ready', quote, seenAt: clock() }));
          return { available: quote.available, readyPacks: quote.readyPacks };
        }),
      'swap.book': ({ networkId, stationId }) =>
        refusing(async () => {
          await start();
          const c = needCar();
          const s = await stationRef(networkId, stationId);
          const eta = etaTo(s);
          const soc = carState().soc;
          const view = await flow.book(s, {
            station_id: stationId,
            pack_standard: c.packStandard,
            ...(eta !== undefined && { eta_minutes: eta }),
            ...(soc !== null && { soc_percent: Math.min(100, Math.max(0, Math.round(soc * 10) / 10)) }),
          });
          void refreshStations();
          return { bookingId: view.id, status: view.status };
        }),
      'swap.cancel': () =>
        refusing(async () => {
          const view = await flow.cancel();
          void refreshStations();
          return { status: view?.status ?? 'CANCELLED', chargeMinor: view?.charge.amountMinor ?? 0, currency: view?.charge.currency ?? '' };
        }),
      'swap.checkIn': () => refusing(async () => ({ status: (await flow.checkIn()).status })),
      'swap.dismiss': async () => {
        const dismissed = flow.dismiss();
        if (dismissed && store.getState().swap.quote.status !== 'none') store.dispatch(swapQuoteChanged({ status: 'none' }));
        return { dismissed };
      },
    };

    return {
      name: 'swap',
      handlers,
      async close() {
        closed = true;
        clearInterval(tick);
        follow();
        unsubscribe();
        detachProvider?.();
        for (const detach of detachConfigured) detach();
        for (const wake of [...wakers]) wake();
      },
    };
  };
}

export const swapService: ServiceFactory = createSwapService();
