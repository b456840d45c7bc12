// The car's swap bookings on disk (one document in the user-data folder, written atomically): the live booking with the idempotency key and exact body of its request, requests whose outcome is unknown, and receipts. They belong to the car, never to a profile.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { BOOKING_STATUSES } from '../../../shared/swap/bookingMachine';
import { createBookingRequestSchema, type CreateBookingRequest } from '../../../shared/swap/protocol';
import type { SwapBookingView, SwapConfirmation, SwapReceipt } from '../../../shared/state/swapSlice';
import type { Storage } from '../storage/storage';
import type { StorageNotice, StoredDocument } from '../storage/storedDocument';

const money = z.strictObject({ amountMinor: z.number().int(), currency: z.string().min(1).max(8) });
const charge = money.extend({ reason: z.enum(['SWAP', 'LATE_CANCELLATION', 'NO_SHOW']).nullable() });
const status = z.enum(BOOKING_STATUSES);
const maybeTime = z.number().nullable();

const termsSchema = z.strictObject({
  currency: z.string(),
  swapFeeMinor: z.number(),
  energyPriceMinorPerKwh: z.number(),
  cancelUntilMinutes: z.number(),
  lateCancelFeeMinor: z.number(),
  noshowTimeoutMinutes: z.number(),
  noshowFeeMinor: z.number(),
});

export const bookingViewSchema: z.ZodType<SwapBookingView> = z.strictObject({
  networkId: z.string(),
  networkName: z.string(),
  id: z.string(),
  status,
  stationId: z.string(),
  stationName: z.string(),
  stationLat: z.number(),
  stationLon: z.number(),
  packStandard: z.string(),
  createdAt: z.number(),
  arrivalAt: z.number(),
  cancelUntil: z.number(),
  expiresAt: z.number(),
  priceEstimate: money,
  charge,
  terms: termsSchema,
  statusReason: z.string().nullable(),
  queuePosition: z.number().nullable(),
  bay: z.number().nullable(),
  newPackId: z.string().nullable(),
  newPackSocPercent: z.number().nullable(),
  swapStartedAt: maybeTime,
  swapExpectedEndAt: maybeTime,
  completedAt: maybeTime,
});

const before = { packIdBefore: z.string().nullable(), socBefore: z.number().nullable() };
const confirmationSchema: z.ZodType<SwapConfirmation> = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('waiting'), ...before }),
  z.strictObject({ state: z.literal('confirmed'), ...before, packId: z.string(), socPercent: z.number() }),
  z.strictObject({ state: z.literal('mismatch'), ...before, packId: z.string().nullable(), socPercent: z.number().nullable(), expectedPackId: z.string().nullable() }),
]);

const requestFields = {
  networkId: z.string(),
  /** The key and the exact body: a retry resends both unchanged. */
  idempotencyKey: z.string().min(1).max(255),
  body: createBookingRequestSchema,
  requestedAt: z.number(),
};

export const liveRecordSchema = z.strictObject({
  ...requestFields,
  networkName: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  stationLat: z.number(),
  stationLon: z.number(),
  /** null while the request has no answer (REQUESTED). */
  booking: bookingViewSchema.nullable(),
  /** The car's pack and SoC when it checked in (read from CAN), to confirm the swap against. */
  checkIn: z.strictObject({ packIdBefore: z.string().nullable(), socBefore: z.number().nullable(), at: z.number() }).nullable(),
  confirmation: confirmationSchema.nullable(),
});
export type LiveRecord = z.infer<typeof liveRecordSchema>;

/** A request the car gave up on without knowing whether the operator acted on it: resolved (and undone) later. */
export const unresolvedSchema = z.strictObject({ ...requestFields, reason: z.string().max(300) });
export type UnresolvedRequest = z.infer<typeof unresolvedSchema>;

const receiptSchema: z.ZodType<SwapReceipt> = z.strictObject({
  bookingId: z.string(),
  networkId: z.string(),
  networkName: z.string(),
  stationName: z.string(),
  status,
  finishedAt: z.number(),
  charge,
  packStandard: z.string(),
  newPackId: z.string().nullable(),
  newPackSocPercent: z.number().nullable(),
  confirmation: z.enum(['waiting', 'confirmed', 'mismatch']).nullable(),
  statusReason: z.string().nullable(),
});

export const MAX_HISTORY = 50;
export const MAX_UNRESOLVED = 20;

export const swapDocumentSchema = z.strictObject({
  /** The id this car books under (generated once, kept with the car). */
  vehicleId: z.string().min(1).max(128),
  live: liveRecordSchema.nullable(),
  unresolved: z.array(unresolvedSchema).max(MAX_UNRESOLVED),
  history: z.array(receiptSchema).max(MAX_HISTORY),
});
export type SwapDocument = z.infer<typeof swapDocumentSchema>;

export const SWAP_DOCUMENT = 'swap/bookings';

export function newVehicleId(): string {
  return `CABIN-${randomBytes(6).toString('hex').toUpperCase()}`;
}

export interface SwapStore {
  data(): SwapDocument;
  /** Saves the whole document; resolves once it is on disk (or pending a retry: `saved` false). */
  update(change: (doc: SwapDocument) => SwapDocument): Promise<{ saved: boolean; error?: string }>;
  notices: StorageNotice[];
}

export async function openSwapStore(storage: Storage, report: (line: string) => void): Promise<SwapStore> {
  const doc: StoredDocument<SwapDocument> = storage.document({
    name: SWAP_DOCUMENT,
    schema: swapDocumentSchema,
    schemaVersion: 1,
    defaults: () => ({ vehicleId: newVehicleId(), live: null, unresolved: [], history: [] }),
    maxBytes: 1024 * 1024,
  });
  const loaded = await doc.load();
  for (const n of loaded.notices) report(`swap: ${n.message}`);
  let current = loaded.data;
  // Writes one after another, so the file never goes back to an older state. Nothing is written until there is
  // something to keep (the vehicle id of a car that never booked may as well be new next time).
  let queue: Promise<unknown> = Promise.resolve();
  return {
    data: () => current,
    notices: loaded.notices,
    update(change) {
      current = change(current);
      const snapshot = current;
      const run = queue.then(() => doc.save(snapshot));
      queue = run.catch(() => undefined);
      return run.then((r) => (r.ok ? { saved: true } : { saved: false, error: r.error.message }));
    },
  };
}

/** A request's body with only the fields it was created with (what the key was first sent with). */
export function frozenBody(body: CreateBookingRequest): CreateBookingRequest {
  return createBookingRequestSchema.parse(body);
}
