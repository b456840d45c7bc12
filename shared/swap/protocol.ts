// The open swap-booking protocol's JSON (docs/swap-protocol.md): request bodies the operator checks strictly, responses the car checks before trusting them.
import { z } from 'zod';
import { BOOKING_STATUSES } from './bookingMachine';
import { PACK_STANDARD_PATTERN } from './packStandards';

export const SWAP_PROTOCOL_VERSION = '1.0';
/** Every route of version 1 lives under this prefix. */
export const SWAP_API_PREFIX = '/swap/v1';

/** Error codes, each with the HTTP status it travels with. */
export const ERROR_STATUS = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  ROUTE_NOT_FOUND: 404,
  STATION_NOT_FOUND: 404,
  UNKNOWN_STATION: 422,
  BOOKING_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  MALFORMED_JSON: 400,
  INVALID_REQUEST: 400,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  PAYLOAD_TOO_LARGE: 413,
  NO_PACK_AVAILABLE: 409,
  INVALID_TRANSITION: 409,
  BOOKING_EXPIRED: 409,
  STATION_CLOSED: 409,
  NO_BAY_FREE: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  INCOMPATIBLE_PACK_STANDARD: 422,
  ARRIVAL_IN_PAST: 422,
  ARRIVAL_TOO_FAR: 422,
  NOT_AT_STATION: 422,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ProtocolIssue {
  /** JSON path in the request body, e.g. `$.pack_standard`. */
  path: string;
  message: string;
}

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

// ---- request bodies (strict: a typo'd field is an error, not silently ignored)

const idToken = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'letters, digits and . _ : - (1 to 64 characters)');
export const packStandardToken = z.string().regex(PACK_STANDARD_PATTERN, 'an upper-case pack standard token such as GBT_40032');
const isoTime = z.iso.datetime({ offset: true });
/** Any printable text: car makers' vehicle ids (VINs, fleet numbers) follow no one pattern. */
const vehicleId = z
  .string()
  .min(1)
  .max(128)
  .refine((v) => !/\p{Cc}/u.test(v), 'printable text without control characters');
const soc = z.number().min(0).max(100);

export const createBookingRequestSchema = z.strictObject({
  station_id: idToken,
  pack_standard: packStandardToken,
  vehicle_id: vehicleId,
  /** Minutes until the car arrives (preferred: survives clock skew between car and operator). */
  eta_minutes: z.number().min(0).max(24 * 60).optional(),
  /** Absolute arrival on the car's clock; used only without eta_minutes. */
  arrival_at: isoTime.optional(),
  /** The car's state of charge now, for the price estimate. */
  soc_percent: soc.optional(),
});
export type CreateBookingRequest = z.infer<typeof createBookingRequestSchema>;

export const checkInRequestSchema = z.strictObject({
  soc_percent: soc.optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  /** Serial of the pack the car brings (it stays at the station after the swap). */
  pack_id: z.string().regex(/^[0-9]{1,10}$/).optional(),
});
export type CheckInRequest = z.infer<typeof checkInRequestSchema>;

export const startSwapRequestSchema = z.strictObject({ bay: z.number().int().min(1).optional() });
export const completeSwapRequestSchema = z.strictObject({ returned_pack_soc_percent: soc.optional() });
export const failSwapRequestSchema = z.strictObject({ reason: z.enum(['STATION_FAULT', 'SWAP_NOT_STARTED', 'SWAP_TIMED_OUT']).default('STATION_FAULT') });
export const walkInRequestSchema = z.strictObject({
  pack_standard: packStandardToken,
  vehicle_id: vehicleId.optional(),
  soc_percent: soc.optional(),
});
export const emptyRequestSchema = z.strictObject({});

// ---- responses (tolerant of fields a newer operator adds; strict about the ones the car relies on)

const money = z.object({ amount_minor: z.number().int(), currency: z.string().length(3) });
export const termsSchema = z.object({
  currency: z.string().length(3),
  swap_fee_minor: z.number().int().min(0),
  energy_price_minor_per_kwh: z.number().int().min(0),
  cancel_until_minutes: z.number().min(0),
  late_cancel_fee_minor: z.number().int().min(0),
  noshow_timeout_minutes: z.number().min(0),
  noshow_fee_minor: z.number().int().min(0),
  max_arrival_minutes: z.number().min(0),
  default_arrival_minutes: z.number().min(0),
});

export const regularHoursSchema = z.strictObject({
  /** 1 = Monday … 7 = Sunday, as OCPI. */
  weekday: z.number().int().min(1).max(7),
  period_begin: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'HH:MM'),
  period_end: z.string().regex(/^([01][0-9]|2[0-4]):[0-5][0-9]$/, 'HH:MM'),
});
export const openingTimesSchema = z.strictObject({
  twentyfourseven: z.boolean(),
  regular_hours: z.array(regularHoursSchema).optional(),
});
export type OpeningTimes = z.infer<typeof openingTimesSchema>;

const countByStandard = z.record(z.string(), z.number().int().min(0));

export const stationSchema = z.object({
  id: z.string(),
  name: z.string(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  address: z.string().nullable().optional(),
  city: z.string().nullable().optional(),
  country: z.string().nullable().optional(),
  time_zone: z.string().nullable().optional(),
  operator: z.string().nullable().optional(),
  opening_times: openingTimesSchema,
  open_now: z.boolean(),
  pack_standards: z.array(z.string()).min(1),
  bays: z.number().int().min(1),
  bays_busy: z.number().int().min(0),
  queue_length: z.number().int().min(0),
  wait_minutes: z.number().min(0),
  typical_swap_minutes: z.number().min(0),
  /** Charged packs on the shelf and not held by any booking, per standard. */
  ready_packs: countByStandard,
  charging_packs: countByStandard,
  terms: termsSchema,
  /** When the operator counted the figures above (availability freshness). */
  last_updated: isoTime,
});
export type ProtocolStation = z.infer<typeof stationSchema>;

export const stationListSchema = z.object({ stations: z.array(stationSchema), server_time: isoTime });

export const quoteSchema = z.object({
  station_id: z.string(),
  pack_standard: z.string(),
  available: z.boolean(),
  ready_packs: z.number().int().min(0),
  terms: termsSchema,
  price_estimate: money,
  late_cancel_fee: money,
  noshow_fee: money,
  arrival_at: isoTime,
  cancel_until: isoTime,
  expires_at: isoTime,
  wait_minutes: z.number().min(0),
  server_time: isoTime,
});
export type ProtocolQuote = z.infer<typeof quoteSchema>;

export const bookingSchema = z.object({
  id: z.string().min(1),
  status: z.enum(BOOKING_STATUSES),
  station_id: z.string(),
  pack_standard: z.string(),
  vehicle_id: z.string(),
  created_at: isoTime,
  updated_at: isoTime,
  arrival_at: isoTime,
  cancel_until: isoTime,
  expires_at: isoTime,
  terms: termsSchema,
  price_estimate: money,
  charge: money.extend({ reason: z.enum(['SWAP', 'LATE_CANCELLATION', 'NO_SHOW']).nullable() }),
  no_show: z.boolean(),
  status_reason: z.string().nullable(),
  queue_position: z.number().int().min(1).nullable(),
  bay: z.number().int().min(1).nullable(),
  swap: z.object({
    started_at: isoTime.nullable(),
    expected_end_at: isoTime.nullable(),
    completed_at: isoTime.nullable(),
    new_pack_id: z.string().nullable(),
    new_pack_soc_percent: z.number().nullable(),
    returned_pack_id: z.string().nullable(),
    returned_pack_soc_percent: z.number().nullable(),
  }),
  /** Sequence number of the latest status event (resume point for events). */
  event_seq: z.number().int().min(0),
  server_time: isoTime,
});
export type ProtocolBooking = z.infer<typeof bookingSchema>;

export const bookingEventSchema = z.object({
  seq: z.number().int().min(1),
  booking_id: z.string(),
  status: z.enum(BOOKING_STATUSES),
  at: isoTime,
  reason: z.string().nullable(),
});
export type ProtocolBookingEvent = z.infer<typeof bookingEventSchema>;

export const bookingEventsSchema = z.object({ events: z.array(bookingEventSchema), booking: bookingSchema });

export const versionsSchema = z.object({
  versions: z.array(z.object({ version: z.string(), url: z.string() })),
  server_time: isoTime,
});

/** Formats a zod issue path the way the protocol reports it: `$.a.b[2]`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(String(key))) out += `.${String(key)}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** A zod error as protocol issues; unknown keys are named one by one so each can be located. */
export function issuesOf(error: z.ZodError): ProtocolIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: jsonPath([...issue.path, key]), message: 'unknown field' }));
    }
    return [{ path: jsonPath(issue.path), message: issue.message }];
  });
}
