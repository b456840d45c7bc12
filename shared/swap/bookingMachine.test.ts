// The booking state machine: every (status, event) pair, terminal and holding statuses, and every timeout at, before and after its deadline.
import { describe, expect, it } from 'vitest';
import {
  BOOKING_STATUSES,
  DEFAULT_TIMEOUTS,
  TRANSITIONS,
  allowedFrom,
  dueTimeout,
  holdsPack,
  isTerminal,
  nextStatus,
  nextTimeout,
  transition,
  type BookingClock,
  type BookingEvent,
  type BookingEventType,
  type BookingStatus,
} from './bookingMachine';

/** The whole table, written out independently of TRANSITIONS: [from, event] → to. */
const EXPECTED: Record<BookingStatus, Partial<Record<BookingEventType, BookingStatus>>> = {
  REQUESTED: { confirm: 'CONFIRMED', reject: 'REJECTED', cancel: 'CANCELLED', fail: 'FAILED' },
  CONFIRMED: { cancel: 'CANCELLED', arrive: 'ARRIVED', expire: 'EXPIRED', fail: 'FAILED' },
  ARRIVED: { cancel: 'CANCELLED', start_swap: 'SWAPPING', fail: 'FAILED' },
  SWAPPING: { complete: 'COMPLETED', fail: 'FAILED' },
  COMPLETED: {},
  CANCELLED: {},
  EXPIRED: {},
  REJECTED: {},
  FAILED: {},
};

const events: Record<BookingEventType, BookingEvent> = {
  confirm: { type: 'confirm' },
  reject: { type: 'reject', code: 'NO_PACK_AVAILABLE' },
  cancel: { type: 'cancel' },
  arrive: { type: 'arrive' },
  start_swap: { type: 'start_swap' },
  complete: { type: 'complete', newPackId: '30000001' },
  expire: { type: 'expire' },
  fail: { type: 'fail', reason: 'STATION_FAULT' },
};

describe('transitions', () => {
  const pairs = BOOKING_STATUSES.flatMap((from) => (Object.keys(events) as BookingEventType[]).map((type) => [from, type] as const));

  it.each(pairs)('%s + %s', (from, type) => {
    const expected = EXPECTED[from][type] ?? null;
    expect(nextStatus(from, type)).toBe(expected);
    const result = transition(from, events[type]);
    if (expected) expect(result).toEqual({ ok: true, status: expected });
    else expect(result).toMatchObject({ ok: false, code: 'INVALID_TRANSITION', message: expect.stringContaining(from) });
  });

  it('allowedFrom lists exactly the statuses each event leaves from', () => {
    for (const type of Object.keys(TRANSITIONS) as BookingEventType[]) {
      const from = BOOKING_STATUSES.filter((s) => EXPECTED[s][type]);
      expect([...allowedFrom(type)].sort()).toEqual([...from].sort());
    }
  });

  it('the happy path runs requested → confirmed → arrived → swapping → completed', () => {
    let status: BookingStatus = 'REQUESTED';
    for (const type of ['confirm', 'arrive', 'start_swap', 'complete'] as const) {
      const r = transition(status, events[type]);
      if (!r.ok) throw new Error(r.message);
      status = r.status;
    }
    expect(status).toBe('COMPLETED');
  });

  it('names terminal and pack-holding statuses', () => {
    expect(BOOKING_STATUSES.filter(isTerminal)).toEqual(['COMPLETED', 'CANCELLED', 'EXPIRED', 'REJECTED', 'FAILED']);
    expect(BOOKING_STATUSES.filter(holdsPack)).toEqual(['CONFIRMED', 'ARRIVED', 'SWAPPING']);
    // Nothing leaves a terminal status.
    for (const s of BOOKING_STATUSES.filter(isTerminal)) expect(Object.keys(EXPECTED[s])).toEqual([]);
  });
});

describe('timeouts', () => {
  const t0 = Date.UTC(2026, 11, 2, 9, 0, 0);
  const clock = (status: BookingStatus, extra: Partial<BookingClock> = {}): BookingClock => ({
    status,
    requestedAt: t0,
    expiresAt: null,
    arrivedAt: null,
    swapStartedAt: null,
    ...extra,
  });

  it.each([
    ['REQUESTED', clock('REQUESTED'), t0 + DEFAULT_TIMEOUTS.requestMs, { type: 'fail', reason: 'REQUEST_TIMED_OUT' }],
    ['CONFIRMED', clock('CONFIRMED', { expiresAt: t0 + 900_000 }), t0 + 900_000, { type: 'expire' }],
    ['ARRIVED', clock('ARRIVED', { arrivedAt: t0 + 60_000 }), t0 + 60_000 + DEFAULT_TIMEOUTS.arrivedMs, { type: 'fail', reason: 'SWAP_NOT_STARTED' }],
    ['SWAPPING', clock('SWAPPING', { swapStartedAt: t0 + 120_000 }), t0 + 120_000 + DEFAULT_TIMEOUTS.swapMs, { type: 'fail', reason: 'SWAP_TIMED_OUT' }],
  ] as const)('%s moves by itself at its deadline, not a millisecond before', (_name, b, at, event) => {
    expect(nextTimeout(b)).toEqual({ at, event });
    expect(dueTimeout(b, at - 1)).toBeNull();
    expect(dueTimeout(b, at)).toEqual(event);
    expect(dueTimeout(b, at + 3_600_000)).toEqual(event);
    // The event it produces is a legal move from that status.
    expect(transition(b.status, event).ok).toBe(true);
  });

  it('uses the timeouts it is given', () => {
    const b = clock('ARRIVED', { arrivedAt: t0 });
    expect(dueTimeout(b, t0 + 1000, { ...DEFAULT_TIMEOUTS, arrivedMs: 1000 })).toEqual({ type: 'fail', reason: 'SWAP_NOT_STARTED' });
    expect(dueTimeout(b, t0 + 999, { ...DEFAULT_TIMEOUTS, arrivedMs: 1000 })).toBeNull();
  });

  it('terminal statuses and missing clocks have no timeout', () => {
    for (const s of BOOKING_STATUSES.filter(isTerminal)) expect(nextTimeout(clock(s, { expiresAt: t0 }))).toBeNull();
    expect(nextTimeout(clock('CONFIRMED'))).toBeNull();
    expect(nextTimeout(clock('ARRIVED'))).toBeNull();
    expect(nextTimeout(clock('SWAPPING'))).toBeNull();
  });
});
