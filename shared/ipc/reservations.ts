// Intents of the reservations service: the reservable chargers of a station with the fee (shown before confirming), reserve one (OCPI RESERVE_NOW), cancel (CANCEL_RESERVATION), and put an ended one away. Taps only, allowed while driving.
import { z } from 'zod';
import type { IntentSpec } from './contract';

const stationKey = z.string().min(1).max(300);
const TAP_BUDGET = { maxBytes: 1024, maxEntries: 8, maxDepth: 2, maxStringLength: 300 };

export const RESERVATION_OUTCOMES = [
  'ACCEPTED',
  'REJECTED',
  'NOT_SUPPORTED',
  'UNKNOWN_SESSION',
  'CANCELED_RESERVATION',
  'EVSE_OCCUPIED',
  'EVSE_INOPERATIVE',
  'FAILED',
  'TIMEOUT',
  'UNKNOWN_RESERVATION',
  'UNREACHABLE',
] as const;

export const reservationsIntents = {
  /** The station's reservable chargers, fresh from its operator, with what reserving one costs (also in the store). */
  'reservations.offer': {
    request: z.strictObject({ stationKey }),
    response: z.strictObject({ evses: z.number().int().min(0) }),
    budget: TAP_BUDGET,
  },
  /** Sends RESERVE_NOW; answers the operator's immediate CommandResponse. The charge point's result follows in the store. */
  'reservations.reserve': {
    request: z.strictObject({ stationKey, evseUid: z.string().min(1).max(36) }),
    response: z.strictObject({ result: z.enum(RESERVATION_OUTCOMES), timeoutS: z.number().min(0) }),
    budget: TAP_BUDGET,
  },
  /** Sends CANCEL_RESERVATION for the car's reservation. */
  'reservations.cancel': {
    request: z.strictObject({}),
    response: z.strictObject({ result: z.enum(RESERVATION_OUTCOMES) }),
    budget: TAP_BUDGET,
  },
  /** Puts away an ended or refused reservation (and the offer). */
  'reservations.dismiss': {
    request: z.strictObject({}),
    response: z.strictObject({ dismissed: z.boolean() }),
    budget: TAP_BUDGET,
  },
} as const satisfies Record<string, IntentSpec>;
