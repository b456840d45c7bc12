// The car's one live swap booking through its life: book (key and body stored before sending; retried with both; a double tap joins the request in flight), follow it, check in by geofence, confirm the swap from CAN, cancel, and reconcile after a restart or an outage — never a phantom booking.
import { randomUUID } from 'node:crypto';
import { isTerminal } from '../../../shared/swap/bookingMachine';
import type { CreateBookingRequest } from '../../../shared/swap/protocol';
import type { ActiveSwap, OperatorLink, SwapBookingView, SwapProblem, SwapReceipt } from '../../../shared/state/swapSlice';
import { confirmSwap, hasArrived, routeEstimate } from './arrival';
import type { CarNow } from './carContext';
import type { Network, Networks } from './networks';
import { isTransport } from './networks';
import type { OperatorAnswer, OperatorFailure } from './operatorClient';
import { MAX_HISTORY, MAX_UNRESOLVED, type LiveRecord, type SwapStore, type UnresolvedRequest } from './swapDocument';
import { bookingView, problemOf } from './views';

/** The car's wait for an answer to a booking request (the protocol's REQUESTED timeout), retrying with the same key. */
export const REQUEST_WINDOW_MS = 30_000;
const RETRY_FIRST_MS = 500;
/** Connection refused this many times in a row: the operator is down, said at once rather than after the whole window. */
const UNREACHABLE_ATTEMPTS = 3;
const RETRY_MAX_MS = 4000;
/** A refused check-in (too far, a glitch) is tried again after this. */
const CHECK_IN_RETRY_MS = 10_000;

/** Refusals the driver is told about (thrown to the intent as NOT_ALLOWED with the translated reason). */
export class SwapRefused extends Error {
  constructor(readonly problem: SwapProblem) {
    super(problem.message);
    this.name = 'SwapRefused';
  }
}

export interface StationRef {
  networkId: string;
  stationId: string;
  name: string;
  lat: number;
  lon: number;
  packStandards: string[];
}

export interface FlowContext {
  doc: SwapStore;
  networks: Networks;
  clock: () => number;
  wallClock: () => number;
  report: (line: string) => void;
  car: () => CarNow;
  publish: (active: ActiveSwap) => void;
  publishHistory: (history: SwapReceipt[]) => void;
  sleep: (ms: number) => Promise<void>;
  closed: () => boolean;
  /** Whether the live booking's event stream is open (shown with the booking). */
  updates: () => 'events' | 'polling';
  /** The wait for an answer to a new request (default REQUEST_WINDOW_MS). */
  requestWindowMs?: number;
}

interface Transient {
  attempt: number;
  since: number;
  link: OperatorLink;
  checkIn: Extract<ActiveSwap, { status: 'booked' }>['checkIn'];
  checkInAfter: number;
  refused: { networkName: string; stationName: string; problem: SwapProblem } | null;
  completedSeenAt: number | null;
}

export interface BookingFlow {
  book(station: StationRef, body: Omit<CreateBookingRequest, 'vehicle_id'>): Promise<SwapBookingView>;
  cancel(): Promise<SwapBookingView | null>;
  checkIn(): Promise<SwapBookingView>;
  dismiss(): boolean;
  /** Asks the operator about the live booking and resolves requests whose outcome was lost. */
  reconcile(): Promise<void>;
  /** The car moved or a CAN value changed: route estimate, geofence check-in, swap confirmation. */
  onCar(): void;
  /** Publishes the active booking as the store shows it. */
  show(): void;
  /** How soon the live booking should be asked about again (ms), or null with nothing live. */
  pollEveryMs(): number | null;
  /** The booking whose status events are worth following: live and not yet final. */
  followed(): { networkId: string; bookingId: string } | null;
  /** A status event arrived: ask the operator again, after any request already on its way (it may predate the change). */
  followUp(): Promise<void>;
}

export function createBookingFlow(ctx: FlowContext): BookingFlow {
  const { doc, networks, clock, wallClock, report } = ctx;
  const t: Transient = { attempt: 0, since: clock(), link: { state: 'live', seenAt: clock() }, checkIn: { state: 'away' }, checkInAfter: 0, refused: null, completedSeenAt: null };
  let inFlight: { stationKey: string; promise: Promise<SwapBookingView> } | null = null;
  let checkingIn: Promise<SwapBookingView> | null = null;
  let reconciling: Promise<void> | null = null;
  /** A question asked because of an event, not yet sent (it waits for the one on its way). */
  let followingUp: Promise<void> | null = null;

  const live = () => doc.data().live;
  const networkOf = (id: string): Network => {
    const n = networks.get(id);
    if (!n?.client) throw new SwapRefused({ key: 'swap.problems.networkNotReady', params: { network: n?.name ?? id }, message: `network ${id} is not connected` });
    return n;
  };

  function show(): void {
    const record = live();
    if (!record) {
      ctx.publish(t.refused ? { status: 'refused', ...t.refused } : { status: 'none' });
      return;
    }
    if (!record.booking) {
      ctx.publish({ status: 'requesting', networkId: record.networkId, networkName: record.networkName, stationId: record.stationId, stationName: record.stationName, since: t.since, attempt: t.attempt });
      return;
    }
    if (isTerminal(record.booking.status)) {
      ctx.publish({ status: 'finished', booking: record.booking, confirmation: record.confirmation });
      return;
    }
    const position = ctx.car().position;
    ctx.publish({
      status: 'booked',
      booking: record.booking,
      link: t.link,
      updates: ctx.updates(),
      route: position ? routeEstimate(position, { lat: record.stationLat, lon: record.stationLon }) : null,
      checkIn: record.booking.status === 'CONFIRMED' ? t.checkIn : { state: 'done' },
      confirmation: record.confirmation,
    });
  }

  const noteLink = <T>(answer: OperatorAnswer<T>, networkId: string): OperatorAnswer<T> => {
    networks.observe(networkId, answer);
    if (answer.ok) t.link = { state: 'live', seenAt: clock() };
    else if (isTransport(answer.failure) && t.link.state !== 'unreachable') t.link = { state: 'unreachable', since: clock(), problem: problemOf(answer.failure, networks.get(networkId)?.name ?? networkId) };
    return answer;
  };

  function receiptOf(record: LiveRecord, b: SwapBookingView): SwapReceipt {
    return {
      bookingId: b.id,
      networkId: b.networkId,
      networkName: b.networkName,
      stationName: b.stationName,
      status: b.status,
      finishedAt: b.completedAt ?? wallClock(),
      charge: b.charge,
      packStandard: b.packStandard,
      newPackId: b.newPackId,
      newPackSocPercent: b.newPackSocPercent,
      confirmation: record.confirmation?.state ?? null,
      statusReason: b.statusReason,
    };
  }

  /** Stores a new view of the live booking; a booking that just ended gets its receipt. */
  async function storeBooking(view: SwapBookingView, key: string): Promise<void> {
    const before = live();
    // Only the request this answer belongs to (a cancelled request's late answer goes to the unresolved list).
    if (!before || before.idempotencyKey !== key || (before.booking && before.booking.id !== view.id)) return;
    const ended = isTerminal(view.status) && !(before.booking && isTerminal(before.booking.status));
    if (view.status === 'COMPLETED' && t.completedSeenAt === null) t.completedSeenAt = clock();
    const record: LiveRecord = { ...before, booking: view };
    if (view.status === 'SWAPPING' || view.status === 'COMPLETED') record.confirmation = confirmed(record);
    await doc.update((d) => ({
      ...d,
      live: record,
      history: ended ? [receiptOf(record, view), ...d.history.filter((r) => r.bookingId !== view.id)].slice(0, MAX_HISTORY) : d.history,
    }));
    if (ended) {
      report(`swap: booking ${view.id} at ${view.stationName} ended ${view.status}${view.statusReason ? ` (${view.statusReason})` : ''}, charge ${view.charge.amountMinor} ${view.charge.currency}`);
      ctx.publishHistory(doc.data().history);
    }
    show();
  }

  function confirmed(record: LiveRecord) {
    const b = record.booking!;
    const now = ctx.car();
    const before = record.checkIn ?? { packIdBefore: null, socBefore: null };
    return confirmSwap({ packIdBefore: before.packIdBefore, socBefore: before.socBefore }, { packId: now.packId, socPercent: now.soc }, b, t.completedSeenAt === null ? 0 : clock() - t.completedSeenAt);
  }

  const viewOf = (record: LiveRecord, answer: { value: Parameters<typeof bookingView>[2]; clockOffsetMs: number }) =>
    bookingView({ id: record.networkId, name: record.networkName }, { name: record.stationName, lat: record.stationLat, lon: record.stationLon }, answer.value, answer.clockOffsetMs);

  /**
   * Sends the stored request (same key, identical body) until the operator answers or the window closes. Never
   * sent at all (connection refused every time): nothing can have been booked. Sent but unanswered: the outcome is
   * unknown, so the request is kept aside and resolved once the operator answers (a booking it made is cancelled).
   */
  async function send(record: LiveRecord, windowMs: number): Promise<SwapBookingView> {
    const started = clock();
    let maybeSent = false;
    let delay = RETRY_FIRST_MS;
    let lastFailure: OperatorFailure | null = null;
    for (t.attempt = 1; ; t.attempt += 1) {
      if (live()?.idempotencyKey !== record.idempotencyKey) {
        throw new SwapRefused({ key: 'swap.problems.cancelled', message: `request ${record.idempotencyKey} was called off; its outcome is resolved later` });
      }
      show();
      const n = networks.get(record.networkId);
      const answer = n?.client ? noteLink(await n.client.book(record.idempotencyKey, record.body), record.networkId) : null;
      if (ctx.closed()) throw new SwapRefused({ key: 'swap.problems.closing', message: 'the car is shutting down; the request is kept and resolved at the next start' });
      if (answer?.ok) {
        const view = viewOf(record, answer);
        report(`swap: booked ${view.id} at ${record.stationName} (${record.networkId}), ${answer.replayed ? 'answer replayed for' : 'created with'} key ${record.idempotencyKey}, attempt ${t.attempt}`);
        await storeBooking(view, record.idempotencyKey);
        if (live()?.idempotencyKey !== record.idempotencyKey) throw new SwapRefused({ key: 'swap.problems.cancelled', message: `request ${record.idempotencyKey} was called off; booking ${view.id} is cancelled` });
        return view;
      }
      const failure: OperatorFailure = answer ? answer.failure : { kind: 'unreachable', message: `network ${record.networkId} is not connected` };
      lastFailure = failure;
      const retryable = failure.kind === 'lost' || failure.kind === 'malformed' || failure.kind === 'unreachable' || (failure.kind === 'refused' && (failure.status === 503 || failure.status === 500));
      if (failure.kind === 'lost' || failure.kind === 'malformed') maybeSent = true;
      if (!retryable) {
        // The operator refused: a refused request stores nothing there, so nothing is left to undo.
        await doc.update((d) => (d.live?.idempotencyKey === record.idempotencyKey ? { ...d, live: null } : d));
        return refuse(record, problemOf(failure, record.networkName));
      }
      if (clock() - started + delay > windowMs) break;
      // Refused connections only: nothing reached the operator, and the driver is told so within seconds.
      if (!maybeSent && failure.kind === 'unreachable' && t.attempt >= UNREACHABLE_ATTEMPTS && Number.isFinite(windowMs)) break;
      await ctx.sleep(delay);
      delay = Math.min(RETRY_MAX_MS, delay * 2);
    }
    const problem = problemOf(lastFailure!, record.networkName);
    if (maybeSent) {
      await doc.update((d) => ({ ...d, live: d.live?.idempotencyKey === record.idempotencyKey ? null : d.live, unresolved: [...d.unresolved, unresolvedOf(record, lastFailure!.message)].slice(-MAX_UNRESOLVED) }));
      report(`swap: no answer to booking request ${record.idempotencyKey} at ${record.stationName}; kept to resolve (a booking made meanwhile will be cancelled)`);
    } else {
      await doc.update((d) => (d.live?.idempotencyKey === record.idempotencyKey ? { ...d, live: null } : d));
    }
    // A request that may have been acted on is said so: nothing booked now, and anything made is undone later.
    return refuse(record, { ...problem, key: lastFailure!.kind === 'malformed' ? problem.key : maybeSent ? 'swap.problems.noAnswer' : problem.key });
  }

  function refuse(record: LiveRecord, problem: SwapProblem): never {
    t.refused = { networkName: record.networkName, stationName: record.stationName, problem };
    report(`swap: booking at ${record.stationName} not made: ${problem.message}`);
    show();
    throw new SwapRefused(problem);
  }

  const unresolvedOf = (r: LiveRecord, reason: string): UnresolvedRequest => ({ networkId: r.networkId, idempotencyKey: r.idempotencyKey, body: r.body, requestedAt: r.requestedAt, reason: reason.slice(0, 300) });

  async function resolveUnresolved(): Promise<void> {
    for (const u of doc.data().unresolved) {
      const n = networks.get(u.networkId);
      if (!n?.client || n.link.state === 'connecting') continue;
      const answer = noteLink(await n.client.book(u.idempotencyKey, u.body), u.networkId);
      if (!answer.ok && isTransport(answer.failure)) continue;
      if (answer.ok && !isTerminal(answer.value.status)) {
        // The driver was told nothing was booked: a booking that exists after all is not left holding a pack.
        const cancelled = await n.client.cancel(answer.value.id);
        if (!cancelled.ok && isTransport(cancelled.failure)) continue;
        report(`swap: a booking made while its answer was lost (${answer.value.id}, key ${u.idempotencyKey}) was cancelled${cancelled.ok ? '' : `: ${cancelled.failure.message}`}`);
      } else report(`swap: lost booking request ${u.idempotencyKey} resolved: ${answer.ok ? answer.value.status : answer.failure.message}`);
      await doc.update((d) => ({ ...d, unresolved: d.unresolved.filter((x) => x.idempotencyKey !== u.idempotencyKey) }));
    }
  }

  async function refreshLive(): Promise<void> {
    const record = live();
    if (!record) return;
    if (!record.booking) {
      // Found at start (or after an outage) with no answer: the same key again answers what was made, if anything.
      // Not awaited: it keeps trying (same key, same body) until the operator answers.
      if (!inFlight) void book(null, record).catch(() => undefined);
      return;
    }
    if (isTerminal(record.booking.status)) {
      if (record.booking.status === 'COMPLETED' && record.confirmation?.state === 'waiting') await storeBooking(record.booking, record.idempotencyKey);
      return;
    }
    const n = networks.get(record.networkId);
    if (!n?.client) return;
    const answer = noteLink(await n.client.get(record.booking.id), record.networkId);
    if (answer.ok) await storeBooking(viewOf(record, answer), record.idempotencyKey);
    else if (answer.failure.kind === 'refused' && answer.failure.code === 'BOOKING_NOT_FOUND') {
      // The operator does not know it (another database, a wiped one): shown as failed, never silently kept or dropped.
      await storeBooking({ ...record.booking, status: 'FAILED', statusReason: 'BOOKING_NOT_FOUND' }, record.idempotencyKey);
    } else {
      report(`swap: booking ${record.booking.id}: ${answer.failure.message}`);
      show();
    }
  }

  /** One question to the operator at a time; a second caller joins the one on its way. */
  function reconcile(): Promise<void> {
    reconciling ??= (async () => {
      try {
        await refreshLive();
        await resolveUnresolved();
      } finally {
        reconciling = null;
      }
    })();
    return reconciling;
  }

  /** Starts a request (or resumes a stored one); set in flight at once, so a second tap joins it. */
  function book(request: { station: StationRef; body: Omit<CreateBookingRequest, 'vehicle_id'> } | null, existing?: LiveRecord): Promise<SwapBookingView> {
    const station = existing ? { networkId: existing.networkId, stationId: existing.stationId } : request!.station;
    const key = `${station.networkId}/${station.stationId}`;
    const promise = begin(request, existing).finally(() => {
      if (inFlight?.promise === promise) inFlight = null;
    });
    inFlight = { stationKey: key, promise };
    return promise;
  }

  async function begin(request: { station: StationRef; body: Omit<CreateBookingRequest, 'vehicle_id'> } | null, existing?: LiveRecord): Promise<SwapBookingView> {
    let record: LiveRecord;
    if (existing) record = existing;
    else {
      const { station, body } = request!;
      const network = networkOf(station.networkId);
      t.refused = null;
      record = {
        networkId: station.networkId,
        networkName: network.name,
        stationId: station.stationId,
        stationName: station.name,
        stationLat: station.lat,
        stationLon: station.lon,
        idempotencyKey: randomUUID(),
        body: { ...body, vehicle_id: doc.data().vehicleId },
        requestedAt: wallClock(),
        booking: null,
        checkIn: null,
        confirmation: null,
      };
      // On disk before it is sent: a restart mid-request finds the key and the body and retries with both.
      await doc.update((d) => ({ ...d, live: record }));
    }
    t.since = clock();
    t.attempt = 0;
    t.checkIn = { state: 'away' };
    t.completedSeenAt = null;
    return send(record, existing ? Number.POSITIVE_INFINITY : (ctx.requestWindowMs ?? REQUEST_WINDOW_MS));
  }

  async function doCheckIn(record: LiveRecord, booking: SwapBookingView): Promise<SwapBookingView> {
    const n = networkOf(record.networkId);
    const car = ctx.car();
    if (!record.checkIn) {
      const checkIn = { packIdBefore: car.packId, socBefore: car.soc, at: wallClock() };
      await doc.update((d) => (d.live ? { ...d, live: { ...d.live, checkIn } } : d));
    }
    t.checkIn = { state: 'sending' };
    show();
    const body = {
      ...(car.soc !== null ? { soc_percent: Math.min(100, Math.max(0, Math.round(car.soc * 10) / 10)) } : {}),
      ...(car.position ? { lat: car.position.lat, lon: car.position.lon } : {}),
      ...(car.packId !== null && /^[0-9]{1,10}$/.test(car.packId) ? { pack_id: car.packId } : {}),
    };
    const answer = noteLink(await n.client!.checkIn(booking.id, body), record.networkId);
    if (answer.ok) {
      t.checkIn = { state: 'done' };
      const current = live();
      if (current) await storeBooking(viewOf(current, answer), current.idempotencyKey);
      report(`swap: checked in for ${booking.id} at ${record.stationName}`);
      return live()?.booking ?? booking;
    }
    const problem = problemOf(answer.failure, record.networkName);
    t.checkIn = { state: 'failed', problem };
    t.checkInAfter = clock() + CHECK_IN_RETRY_MS;
    show();
    if (answer.failure.kind === 'refused' && answer.failure.code === 'BOOKING_EXPIRED') await refreshLive();
    throw new SwapRefused(problem);
  }

  return {
    async book(station, body) {
      const record = live();
      const key = `${station.networkId}/${station.stationId}`;
      if (inFlight && inFlight.stationKey === key) return inFlight.promise;
      if (inFlight) throw new SwapRefused({ key: 'swap.problems.alreadyBooked', params: { station: record?.stationName ?? station.name }, message: 'another booking request is on its way' });
      if (record && (!record.booking || !isTerminal(record.booking.status))) {
        if (record.booking && `${record.networkId}/${record.stationId}` === key) return record.booking;
        throw new SwapRefused({ key: 'swap.problems.alreadyBooked', params: { station: record.stationName }, message: `a booking at ${record.stationName} is live; cancel it before booking elsewhere` });
      }
      // No await before this: a second tap in the same tick already finds the request in flight.
      return book({ station, body });
    },
    async cancel() {
      const record = live();
      if (!record) throw new SwapRefused({ key: 'swap.problems.nothingToCancel', message: 'there is no live booking to cancel' });
      if (!record.booking) {
        // Still waiting for an answer: stop waiting; whatever the operator made of it is resolved and undone later.
        await doc.update((d) => ({ ...d, live: null, unresolved: [...d.unresolved, unresolvedOf(record, 'cancelled by the driver before the answer')].slice(-MAX_UNRESOLVED) }));
        inFlight = null;
        show();
        return null;
      }
      if (isTerminal(record.booking.status)) return record.booking;
      const n = networkOf(record.networkId);
      const answer = noteLink(await n.client!.cancel(record.booking.id), record.networkId);
      if (!answer.ok) {
        if (answer.failure.kind === 'refused') await refreshLive();
        else show();
        throw new SwapRefused(problemOf(answer.failure, record.networkName));
      }
      await storeBooking(viewOf(record, answer), record.idempotencyKey);
      return live()?.booking ?? null;
    },
    async checkIn() {
      const record = live();
      if (!record?.booking || record.booking.status !== 'CONFIRMED') {
        if (record?.booking && (record.booking.status === 'ARRIVED' || record.booking.status === 'SWAPPING')) return record.booking;
        throw new SwapRefused({ key: 'swap.problems.nothingToCheckIn', message: 'there is no confirmed booking to check in for' });
      }
      checkingIn ??= doCheckIn(record, record.booking).finally(() => (checkingIn = null));
      return checkingIn;
    },
    dismiss() {
      const record = live();
      if (t.refused && !record) {
        t.refused = null;
        show();
        return true;
      }
      if (!record?.booking || !isTerminal(record.booking.status)) return false;
      void doc.update((d) => ({ ...d, live: null }));
      t.refused = null;
      show();
      return true;
    },
    reconcile,
    onCar() {
      const record = live();
      const b = record?.booking;
      if (!record || !b) return;
      if (b.status === 'CONFIRMED' && !checkingIn && clock() >= t.checkInAfter) {
        const car = ctx.car();
        if (car.position && hasArrived({ ...car.position, speedKmh: car.speedKmh }, { lat: record.stationLat, lon: record.stationLon })) {
          checkingIn = doCheckIn(record, b)
            .catch((error: Error) => {
              report(`swap: check-in: ${error.message}`);
              return b;
            })
            .finally(() => (checkingIn = null));
          return;
        }
      }
      if ((b.status === 'SWAPPING' || b.status === 'COMPLETED') && record.confirmation?.state !== 'confirmed') {
        const next = confirmed(record);
        if (JSON.stringify(next) !== JSON.stringify(record.confirmation)) {
          void doc.update((d) => (d.live ? { ...d, live: { ...d.live, confirmation: next } } : d)).then(() => {
            if (isTerminal(b.status)) ctx.publishHistory(updateReceipt(next.state, b.id));
            show();
          });
          return;
        }
      }
      if (b.status === 'CONFIRMED') show();
    },
    show,
    followed() {
      const record = live();
      const b = record?.booking;
      return record && b && !isTerminal(b.status) ? { networkId: record.networkId, bookingId: b.id } : null;
    },
    followUp() {
      // The operator sends two events per change (its status, then the whole booking): both join one question.
      followingUp ??= (async () => {
        await reconciling?.catch(() => undefined);
        followingUp = null;
        return reconcile();
      })();
      return followingUp;
    },
    pollEveryMs() {
      const b = live()?.booking;
      if (!live()) return doc.data().unresolved.length ? 15_000 : null;
      if (!b) return 3000;
      if (isTerminal(b.status)) return b.status === 'COMPLETED' && live()?.confirmation?.state === 'waiting' ? 2000 : doc.data().unresolved.length ? 15_000 : null;
      return b.status === 'CONFIRMED' ? 5000 : 2000;
    },
  };

  /** The receipt learns what the car read after the swap. */
  function updateReceipt(state: 'waiting' | 'confirmed' | 'mismatch', bookingId: string): SwapReceipt[] {
    const history = doc.data().history.map((r) => (r.bookingId === bookingId ? { ...r, confirmation: state } : r));
    void doc.update((d) => ({ ...d, history }));
    return history;
  }
}
