// The reservations service module: `reservations.*` intents against the charge-point operator the CLI (or a configuration) hands in through ports.reservations — the fee shown before confirming, RESERVE_NOW / CANCEL_RESERVATION with their immediate answer and asynchronous result, and the reservation kept by the car across restarts.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { haversineM } from '../../../shared/stations/geo';
import {
  reservationChanged,
  reservationOfferChanged,
  reservationsAvailabilityChanged,
  type ActiveReservation,
  type ReservationFeeView,
  type ReservationOutcome,
  type ReservationView,
} from '../../../shared/state/reservationsSlice';
import type { SwapProblem } from '../../../shared/state/swapSlice';
import { IntentRefused, type IntentHandlers } from '../../host/intentRouter';
import type { HostService, ServiceContext, ServiceFactory } from '../../host/service';
import { minorDigits } from '../swap/chargeOrSwap';
import { startCommandResults, type CommandResult, type CommandResults } from './commandResults';
import { createOcpiCommandsClient, type OcpiCommandsClient, type OcpiFailure } from './ocpiCommandsClient';
import { feeFor, reservationFee, type OcpiTariff } from './reservationFee';

/** How the CLI (the simulated operator) or a configuration hands a charge-point operator that takes commands (ctx.ports.reservations). */
export interface ReservationsPort {
  attachOperator(operator: { source: string; parties: string[]; locationsUrl: string; token: string }): () => void;
}

/** Held for the drive there plus this, between the bounds. */
const EXTRA_MINUTES = 15;
const MIN_MINUTES = 15;
const MAX_MINUTES = 60;
/** After the operator's announced timeout, a little longer for the result on its way. */
const RESULT_GRACE_MS = 2000;

const viewSchema = z.strictObject({
  id: z.string(),
  stationKey: z.string(),
  stationName: z.string(),
  locationId: z.string(),
  evseUid: z.string(),
  evseId: z.string().nullable(),
  reservedAt: z.number(),
  expiresAt: z.number(),
  fee: z.strictObject({ currency: z.string(), flatMinor: z.number(), perHourMinor: z.number(), stepMinutes: z.number(), ifUsedMinor: z.number(), ifExpiredMinor: z.number() }).nullable(),
});
const documentSchema = z.strictObject({ current: z.strictObject({ view: viewSchema, state: z.enum(['waiting', 'reserved', 'cancelling']) }).nullable() });
type Stored = z.infer<typeof documentSchema>;

export class ReservationRefused extends Error {
  constructor(readonly problem: SwapProblem) {
    super(problem.message);
    this.name = 'ReservationRefused';
  }
}

/** What a reservation cancelled after `minutes` has cost: the flat fee and the time so far, in whole steps. */
export function chargeSoFar(fee: ReservationFeeView, minutes: number): number {
  const steps = Math.ceil(Math.max(0, minutes) / fee.stepMinutes - 1e-9);
  return Math.round(fee.flatMinor + (fee.perHourMinor * steps * fee.stepMinutes) / 60);
}

const problemOf = (failure: OcpiFailure): SwapProblem => ({ key: `reservations.problems.${failure.kind}`, message: failure.message });

export function createReservationsService(options: { resultGraceMs?: number } = {}): ServiceFactory {
  return async (ctx: ServiceContext): Promise<HostService> => {
    const { store, storage, clock, wallClock, report, ports } = ctx;
    const doc = storage.document<Stored>({ name: 'reservations/active', schema: documentSchema, schemaVersion: 1, defaults: () => ({ current: null }) });
    const loaded = await doc.load();
    let stored = loaded.data;
    let operator: { parties: string[]; client: OcpiCommandsClient } | null = null;
    let results: Promise<CommandResults> | null = null;
    let tariffs: Map<string, OcpiTariff> | null = null;
    const timers = new Set<NodeJS.Timeout>();
    let closed = false;

    const set = (active: ActiveReservation) => store.dispatch(reservationChanged(active));
    const save = async (next: Stored) => {
      stored = next;
      const r = await doc.save(next);
      if (!r.ok) report(`reservations: not saved (${r.error.message}); kept in memory and retried`);
    };
    const after = (ms: number, run: () => void) => {
      const t = setTimeout(() => {
        timers.delete(t);
        if (!closed) run();
      }, ms);
      t.unref();
      timers.add(t);
      return () => {
        clearTimeout(t);
        timers.delete(t);
      };
    };
    const need = () => {
      if (!operator) throw new ReservationRefused({ key: 'reservations.problems.noOperator', message: 'no charge-point operator that takes reservations is connected' });
      return operator;
    };
    const receiver = () => (results ??= startCommandResults(report));

    function locate(stationKey: string): { party: string; locationId: string } {
      const m = /^([A-Z]{2}\*[A-Z0-9]{3})\/(.+)$/.exec(stationKey);
      if (!m || !need().parties.includes(m[1])) {
        throw new ReservationRefused({ key: 'reservations.problems.notReservable', message: `${stationKey}: its operator does not take reservations from this car` });
      }
      return { party: m[1], locationId: m[2] };
    }

    async function feeOf(client: OcpiCommandsClient, tariffIds: string[], minutes: number): Promise<ReservationFeeView | null> {
      if (!tariffs) {
        const answer = await client.tariffs();
        if (!answer.ok) throw new ReservationRefused(problemOf(answer.failure));
        tariffs = new Map(answer.value.map((t) => [t.id, t]));
      }
      for (const id of tariffIds) {
        const t = tariffs.get(id);
        const fee = t && reservationFee(t);
        if (!fee) continue;
        const minor = (major: number) => Math.round(major * 10 ** minorDigits(fee.currency));
        const { ifUsed, ifExpired } = feeFor(fee, minutes);
        return { currency: fee.currency, flatMinor: minor(fee.reserved.flat), perHourMinor: minor(fee.reserved.perHour), stepMinutes: fee.reserved.stepSeconds / 60, ifUsedMinor: minor(ifUsed), ifExpiredMinor: minor(ifExpired) };
      }
      return null;
    }

    /** Sends a command and follows it: the immediate answer, then the result or the timeout. */
    async function command(type: 'RESERVE_NOW' | 'CANCEL_RESERVATION', view: ReservationView, onResult: (outcome: ReservationOutcome, text: string) => void): Promise<{ result: ReservationOutcome; timeoutS: number }> {
      const { client } = need();
      const r = await receiver();
      let settled = false;
      let cancelTimer: () => void = () => undefined;
      const pending = r.expect(type, (result: CommandResult) => {
        if (settled) return;
        settled = true;
        cancelTimer();
        onResult(result.result, result.message?.[0]?.text ?? '');
      });
      const body =
        type === 'RESERVE_NOW'
          ? {
              response_url: pending.url,
              token: { country_code: 'CN', party_id: 'CAB', uid: `CABIN-${view.id.slice(0, 20)}`, type: 'APP_USER', contract_id: `CN-CAB-${view.id.slice(0, 12)}`, issuer: 'Cabin', valid: true, whitelist: 'ALLOWED', last_updated: new Date(wallClock()).toISOString() },
              expiry_date: new Date(view.expiresAt).toISOString(),
              reservation_id: view.id,
              location_id: view.locationId,
              evse_uid: view.evseUid,
            }
          : { response_url: pending.url, reservation_id: view.id };
      const answer = type === 'RESERVE_NOW' ? await client.reserveNow(body) : await client.cancelReservation(body);
      if (!answer.ok) {
        pending.forget();
        settled = true;
        const outcome: ReservationOutcome = answer.failure.kind === 'refused' ? 'REJECTED' : answer.failure.kind === 'unreachable' ? 'UNREACHABLE' : answer.failure.kind === 'lost' ? 'TIMEOUT' : 'FAILED';
        onResult(outcome, answer.failure.message);
        return { result: outcome, timeoutS: 0 };
      }
      const { result, timeout, message } = answer.value;
      if (result !== 'ACCEPTED') {
        pending.forget();
        settled = true;
        onResult(result, message?.[0]?.text ?? '');
        return { result, timeoutS: timeout };
      }
      const waitMs = timeout * 1000 + (options.resultGraceMs ?? RESULT_GRACE_MS);
      cancelTimer = after(waitMs, () => {
        if (settled) return;
        settled = true;
        pending.forget();
        onResult('TIMEOUT', `no ${type} result within ${timeout} s`);
      });
      return { result, timeoutS: timeout };
    }

    const refusedProblem = (outcome: ReservationOutcome, text: string): SwapProblem => ({ key: `reservations.outcomes.${outcome}`, message: `${outcome}${text ? `: ${text}` : ''}` });

    function reserve(view: ReservationView) {
      set({ status: 'waiting', reservation: view, timeoutAt: clock() + 60_000 });
      return command('RESERVE_NOW', view, (outcome, text) => {
        if (outcome === 'ACCEPTED') {
          void save({ current: { view, state: 'reserved' } });
          set({ status: 'reserved', reservation: view });
          report(`reservations: ${view.id} at ${view.stationName} (${view.evseUid}) reserved until ${new Date(view.expiresAt).toISOString()}`);
          after(Math.max(0, view.expiresAt - wallClock()), () => expire(view));
          return;
        }
        report(`reservations: ${view.id} at ${view.stationName} (${view.evseUid}) not reserved: ${outcome} ${text}`);
        void save({ current: null });
        set({ status: 'refused', stationName: view.stationName, evseUid: view.evseUid, outcome, problem: refusedProblem(outcome, text) });
        // A reservation whose result never came may exist at the charge point after all: cancelled, never left behind.
        if (outcome === 'TIMEOUT') void command('CANCEL_RESERVATION', view, () => undefined).catch(() => undefined);
      }).then((first) => {
        if (first.result === 'ACCEPTED') {
          const a = store.getState().reservations.active;
          if (a.status === 'waiting' && a.reservation.id === view.id) set({ ...a, timeoutAt: clock() + first.timeoutS * 1000 });
        }
        return first;
      });
    }

    function expire(view: ReservationView): void {
      const a = store.getState().reservations.active;
      if (a.status !== 'reserved' || a.reservation.id !== view.id) return;
      void save({ current: null });
      set({ status: 'ended', reservation: view, outcome: 'expired', charge: view.fee ? { amountMinor: view.fee.ifExpiredMinor, currency: view.fee.currency } : null });
    }

    /** After a restart: a reservation still running is shown; a command without its result is sent again (same reservation_id replaces, OCPI). */
    function reconcile(): void {
      const current = stored.current;
      if (!current) return;
      const { view, state } = current;
      if (view.expiresAt <= wallClock()) {
        void save({ current: null });
        set({ status: 'ended', reservation: view, outcome: 'expired', charge: view.fee ? { amountMinor: view.fee.ifExpiredMinor, currency: view.fee.currency } : null });
        return;
      }
      if (state === 'reserved') {
        set({ status: 'reserved', reservation: view });
        after(view.expiresAt - wallClock(), () => expire(view));
        return;
      }
      if (!operator) {
        set({ status: state === 'waiting' ? 'waiting' : 'cancelling', reservation: view, timeoutAt: clock() + 60_000 });
        return;
      }
      if (state === 'waiting') void reserve(view).catch((error: Error) => report(`reservations: ${error.message}`));
      else void cancel(view).catch((error: Error) => report(`reservations: ${error.message}`));
    }

    function cancel(view: ReservationView) {
      set({ status: 'cancelling', reservation: view, timeoutAt: clock() + 60_000 });
      void save({ current: { view, state: 'cancelling' } });
      return command('CANCEL_RESERVATION', view, (outcome, text) => {
        if (outcome === 'ACCEPTED' || outcome === 'UNKNOWN_RESERVATION' || outcome === 'CANCELED_RESERVATION') {
          void save({ current: null });
          set({ status: 'ended', reservation: view, outcome: 'cancelled', charge: view.fee ? { amountMinor: chargeSoFar(view.fee, (wallClock() - view.reservedAt) / 60_000), currency: view.fee.currency } : null });
          return;
        }
        // Not cancelled: the reservation stands, and the driver can try again.
        report(`reservations: cancelling ${view.id} failed: ${outcome} ${text}`);
        void save({ current: { view, state: 'reserved' } });
        set({ status: 'reserved', reservation: view });
      });
    }

    const port: ReservationsPort = {
      attachOperator(config) {
        const attached = { parties: config.parties, client: createOcpiCommandsClient({ locationsUrl: config.locationsUrl, token: config.token }) };
        operator = attached;
        tariffs = null;
        store.dispatch(reservationsAvailabilityChanged({ parties: config.parties }));
        report(`reservations: ${config.source} takes reservations for ${config.parties.join(', ')}`);
        reconcile();
        return () => {
          if (operator !== attached) return;
          operator = null;
          store.dispatch(reservationsAvailabilityChanged({ parties: [] }));
        };
      },
    };
    ports.reservations = port;
    // What the car held when it stopped is shown at once; commands wait for the operator.
    if (stored.current) reconcile();

    const refusing = async <T>(run: () => Promise<T>): Promise<T> => {
      try {
        return await run();
      } catch (error) {
        if (error instanceof ReservationRefused) throw new IntentRefused(error.message, { key: error.problem.key });
        throw error;
      }
    };

    const handlers: Partial<IntentHandlers> = {
      'reservations.offer': ({ stationKey }) =>
        refusing(async () => {
          const { client } = need();
          const { locationId } = locate(stationKey);
          store.dispatch(reservationOfferChanged({ status: 'loading', stationKey }));
          const answer = await client.location(locationId);
          if (!answer.ok) {
            const problem = problemOf(answer.failure);
            store.dispatch(reservationOfferChanged({ status: 'failed', stationKey, problem }));
            throw new ReservationRefused(problem);
          }
          const loc = answer.value;
          const evses = (loc.evses ?? []).filter((e) => e.capabilities?.includes('RESERVABLE'));
          const signals = store.getState().vehicle.signals;
          const lat = signals['Vehicle.CurrentLocation.Latitude']?.value;
          const lon = signals['Vehicle.CurrentLocation.Longitude']?.value;
          const km = typeof lat === 'number' && typeof lon === 'number' ? (haversineM(lat, lon, Number(loc.coordinates.latitude), Number(loc.coordinates.longitude)) * 1.25) / 1000 : 0;
          const minutes = Math.min(MAX_MINUTES, Math.max(MIN_MINUTES, Math.ceil((km / 50) * 60) + EXTRA_MINUTES));
          const fee = await feeOf(client, [...new Set(evses.flatMap((e) => e.connectors.flatMap((c) => c.tariff_ids ?? [])))], minutes);
          store.dispatch(
            reservationOfferChanged({
              status: 'ready',
              offer: {
                stationKey,
                stationName: loc.name ?? loc.id,
                locationId,
                evses: evses.map((e) => {
                  const c = e.connectors[0];
                  return { uid: e.uid, evseId: e.evse_id ?? null, status: e.status, statusSeenAt: clock(), standard: c?.standard ?? null, powerKw: c?.max_electric_power ? Math.round(c.max_electric_power / 1000) : null };
                }),
                fee,
                minutes,
                expiresAt: wallClock() + minutes * 60_000,
              },
            }),
          );
          return { evses: evses.length };
        }),
      'reservations.reserve': ({ stationKey, evseUid }) =>
        refusing(async () => {
          need();
          const a = store.getState().reservations.active;
          if (a.status === 'waiting' || a.status === 'reserved' || a.status === 'cancelling') {
            if (a.reservation.stationKey === stationKey && a.reservation.evseUid === evseUid) return { result: 'ACCEPTED' as const, timeoutS: 0 };
            throw new ReservationRefused({ key: 'reservations.problems.alreadyReserved', message: `a reservation at ${a.reservation.stationName} is live; cancel it first` });
          }
          const offer = store.getState().reservations.offer;
          if (offer.status !== 'ready' || offer.offer.stationKey !== stationKey) throw new ReservationRefused({ key: 'reservations.problems.noOffer', message: 'open the station’s reservable chargers first (the fee is shown before reserving)' });
          const evse = offer.offer.evses.find((e) => e.uid === evseUid);
          if (!evse) throw new ReservationRefused({ key: 'reservations.problems.unknownEvse', message: `${stationKey} has no reservable EVSE ${evseUid}` });
          const { locationId } = locate(stationKey);
          const view: ReservationView = {
            id: randomUUID().replace(/-/g, '').slice(0, 32),
            stationKey,
            stationName: offer.offer.stationName,
            locationId,
            evseUid,
            evseId: evse.evseId,
            reservedAt: wallClock(),
            expiresAt: wallClock() + offer.offer.minutes * 60_000,
            fee: offer.offer.fee,
          };
          // On disk before it is sent: a restart finds it and sends the same reservation_id again.
          await save({ current: { view, state: 'waiting' } });
          return reserve(view);
        }),
      'reservations.cancel': () =>
        refusing(async () => {
          const a = store.getState().reservations.active;
          if (a.status !== 'reserved' && a.status !== 'waiting') throw new ReservationRefused({ key: 'reservations.problems.nothingToCancel', message: 'there is no reservation to cancel' });
          return { result: (await cancel(a.reservation)).result };
        }),
      'reservations.dismiss': async () => {
        const a = store.getState().reservations.active;
        const dismissible = a.status === 'ended' || a.status === 'refused';
        if (dismissible) set({ status: 'none' });
        if (store.getState().reservations.offer.status !== 'none') store.dispatch(reservationOfferChanged({ status: 'none' }));
        return { dismissed: dismissible };
      },
    };

    return {
      name: 'reservations',
      handlers,
      async close() {
        closed = true;
        for (const t of timers) clearTimeout(t);
        timers.clear();
        const r = await results?.catch(() => null);
        await r?.close();
      },
    };
  };
}

export const reservationsService: ServiceFactory = createReservationsService();
