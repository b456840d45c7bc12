// Intents of the swap service: connect to the networks, quote a station (terms before confirming), book, cancel, check in, and put a finished booking away. All are taps: none needs typing, so they stay allowed while driving.
import { z } from 'zod';
import { BOOKING_STATUSES } from '../swap/bookingMachine';
import type { IntentSpec } from './contract';

/** A network's id as the host knows it (the simulation's "voltswap", a configured operator's name). */
export const networkIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'a network id: lower-case letters, digits, - and _');
/** A station id as the protocol spells it. */
export const swapStationIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'a station id: letters, digits and . _ : -');

const stationRef = z.strictObject({ networkId: networkIdSchema, stationId: swapStationIdSchema });
const status = z.enum(BOOKING_STATUSES);
/** A tap carries at most two short ids: anything bigger is refused before parsing. */
const TAP_BUDGET = { maxBytes: 512, maxEntries: 8, maxDepth: 2, maxStringLength: 80 };

export const swapIntents = {
  /** The swap screen opened: start the networks if they are not yet, and fetch compatible stations now. */
  'swap.connect': {
    request: z.strictObject({}),
    response: z.strictObject({ networks: z.number().int().min(0), online: z.number().int().min(0) }),
    budget: TAP_BUDGET,
  },
  /** The terms, price and booking clock for one station, shown before the driver confirms (also in the store). */
  'swap.quote': {
    request: stationRef,
    response: z.strictObject({ available: z.boolean(), readyPacks: z.number().int().min(0) }),
    budget: TAP_BUDGET,
  },
  /**
   * Books a charged pack and a bay, arriving at the route ETA. One live booking per car: a second tap while the
   * first is on its way answers the same request; another station while one is booked is refused.
   */
  'swap.book': {
    request: stationRef,
    response: z.strictObject({ bookingId: z.string(), status }),
    budget: TAP_BUDGET,
  },
  /** Cancels the live booking (free until cancel-until, then the late fee the terms showed). */
  'swap.cancel': {
    request: z.strictObject({}),
    response: z.strictObject({ status, chargeMinor: z.number().int().min(0), currency: z.string() }),
    budget: TAP_BUDGET,
  },
  /** Checks in by hand (the geofence does it by itself on arrival). */
  'swap.checkIn': {
    request: z.strictObject({}),
    response: z.strictObject({ status }),
    budget: TAP_BUDGET,
  },
  /** Puts away a finished booking or a refusal (its receipt stays in the history). */
  'swap.dismiss': {
    request: z.strictObject({}),
    response: z.strictObject({ dismissed: z.boolean() }),
    budget: TAP_BUDGET,
  },
} as const satisfies Record<string, IntentSpec>;
