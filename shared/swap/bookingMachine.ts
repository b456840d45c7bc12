// The swap-booking state machine: statuses, the events that move a booking, and the timeouts that move it by themselves.

/**
 * requested → confirmed → arrived → swapping → completed, plus the four ways a booking ends early.
 * Spelled as the protocol spells them (upper case, like OCPI's statuses).
 */
export const BOOKING_STATUSES = ['REQUESTED', 'CONFIRMED', 'ARRIVED', 'SWAPPING', 'COMPLETED', 'CANCELLED', 'EXPIRED', 'REJECTED', 'FAILED'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const TERMINAL_STATUSES: readonly BookingStatus[] = ['COMPLETED', 'CANCELLED', 'EXPIRED', 'REJECTED', 'FAILED'];
/** Statuses in which the booking holds a charged pack for the car (and, from ARRIVED on, a place in the queue). */
export const HOLDING_STATUSES: readonly BookingStatus[] = ['CONFIRMED', 'ARRIVED', 'SWAPPING'];

export function isTerminal(status: BookingStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export function holdsPack(status: BookingStatus): boolean {
  return HOLDING_STATUSES.includes(status);
}

/** Why a booking failed or expired, as a code (the car translates it; the operator logs it). */
export type FailureReason =
  | 'REQUEST_TIMED_OUT'
  | 'OPERATOR_UNREACHABLE'
  | 'SWAP_NOT_STARTED'
  | 'SWAP_TIMED_OUT'
  | 'STATION_FAULT'
  | 'NO_SHOW';

export type BookingEvent =
  | { type: 'confirm' }
  | { type: 'reject'; code: string }
  | { type: 'cancel' }
  | { type: 'arrive' }
  | { type: 'start_swap' }
  | { type: 'complete'; newPackId: string }
  | { type: 'expire' }
  | { type: 'fail'; reason: FailureReason };

export type BookingEventType = BookingEvent['type'];

/** Every allowed move, once. Anything not listed is refused. */
export const TRANSITIONS: Readonly<Record<BookingEventType, { from: readonly BookingStatus[]; to: BookingStatus }>> = {
  confirm: { from: ['REQUESTED'], to: 'CONFIRMED' },
  reject: { from: ['REQUESTED'], to: 'REJECTED' },
  // A swap under way cannot be called off from the car; the station finishes or fails it.
  cancel: { from: ['REQUESTED', 'CONFIRMED', 'ARRIVED'], to: 'CANCELLED' },
  arrive: { from: ['CONFIRMED'], to: 'ARRIVED' },
  start_swap: { from: ['ARRIVED'], to: 'SWAPPING' },
  complete: { from: ['SWAPPING'], to: 'COMPLETED' },
  // Expiry is the no-show: the hold ran out before the car checked in.
  expire: { from: ['CONFIRMED'], to: 'EXPIRED' },
  fail: { from: ['REQUESTED', 'CONFIRMED', 'ARRIVED', 'SWAPPING'], to: 'FAILED' },
};

/** The statuses an event may leave from; the operator puts these in its conditional UPDATE. */
export function allowedFrom(type: BookingEventType): readonly BookingStatus[] {
  return TRANSITIONS[type].from;
}

export function nextStatus(status: BookingStatus, type: BookingEventType): BookingStatus | null {
  const t = TRANSITIONS[type];
  return t.from.includes(status) ? t.to : null;
}

export type TransitionResult = { ok: true; status: BookingStatus } | { ok: false; code: 'INVALID_TRANSITION'; message: string };

export function transition(status: BookingStatus, event: BookingEvent): TransitionResult {
  const to = nextStatus(status, event.type);
  if (to) return { ok: true, status: to };
  return { ok: false, code: 'INVALID_TRANSITION', message: `a ${status} booking cannot ${event.type.replace('_', ' ')}` };
}

/** The clocks a booking carries (epoch ms); a field is null until the booking reaches that point. */
export interface BookingClock {
  status: BookingStatus;
  requestedAt: number;
  /** End of the hold: a car not checked in by then is a no-show. */
  expiresAt: number | null;
  arrivedAt: number | null;
  swapStartedAt: number | null;
}

/** How long each waiting status may last (ms). */
export interface BookingTimeouts {
  /** The car's wait for the operator's answer to a booking request. */
  requestMs: number;
  /** From check-in to the station starting the swap (queue included). */
  arrivedMs: number;
  /** From the swap's start to its end. */
  swapMs: number;
}

export const DEFAULT_TIMEOUTS: BookingTimeouts = { requestMs: 30_000, arrivedMs: 45 * 60_000, swapMs: 20 * 60_000 };

export interface DueTimeout {
  at: number;
  event: BookingEvent;
}

/** When the booking moves by itself next, and to what; null for terminal statuses. */
export function nextTimeout(b: BookingClock, timeouts: BookingTimeouts = DEFAULT_TIMEOUTS): DueTimeout | null {
  switch (b.status) {
    case 'REQUESTED':
      return { at: b.requestedAt + timeouts.requestMs, event: { type: 'fail', reason: 'REQUEST_TIMED_OUT' } };
    case 'CONFIRMED':
      return b.expiresAt === null ? null : { at: b.expiresAt, event: { type: 'expire' } };
    case 'ARRIVED':
      return b.arrivedAt === null ? null : { at: b.arrivedAt + timeouts.arrivedMs, event: { type: 'fail', reason: 'SWAP_NOT_STARTED' } };
    case 'SWAPPING':
      return b.swapStartedAt === null ? null : { at: b.swapStartedAt + timeouts.swapMs, event: { type: 'fail', reason: 'SWAP_TIMED_OUT' } };
    default:
      return null;
  }
}

/** The timeout event due at `now`, if any (a deadline is inclusive: at `at` it has passed). */
export function dueTimeout(b: BookingClock, now: number, timeouts: BookingTimeouts = DEFAULT_TIMEOUTS): BookingEvent | null {
  const next = nextTimeout(b, timeouts);
  return next && now >= next.at ? next.event : null;
}
