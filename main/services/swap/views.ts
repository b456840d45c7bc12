// Protocol answers turned into what the store carries: bookings and quotes on the car's clock (skew removed), stations with the route estimate, and operator failures as the driver's messages.
import { bookingFromProtocol, packKwh, type SwapStation } from '../../../shared/swap/model';
import type { ProtocolBooking, ProtocolQuote } from '../../../shared/swap/protocol';
import { priceEstimateMinor, type SwapTerms } from '../../../shared/swap/terms';
import type { SwapBookingView, SwapProblem, SwapQuoteView, SwapStationView, SwapTermsView } from '../../../shared/state/swapSlice';
import { arrivalSocAt, routeEstimate, type CarPoint, type EnergyNow } from './arrival';
import type { OperatorFailure } from './operatorClient';

export function termsView(t: SwapTerms): SwapTermsView {
  return {
    currency: t.currency,
    swapFeeMinor: t.swap_fee_minor,
    energyPriceMinorPerKwh: t.energy_price_minor_per_kwh,
    cancelUntilMinutes: t.cancel_until_minutes,
    lateCancelFeeMinor: t.late_cancel_fee_minor,
    noshowTimeoutMinutes: t.noshow_timeout_minutes,
    noshowFeeMinor: t.noshow_fee_minor,
  };
}

export interface NetworkRef {
  id: string;
  name: string;
}

export function bookingView(network: NetworkRef, station: { name: string; lat: number; lon: number }, b: ProtocolBooking, offsetMs: number): SwapBookingView {
  const m = bookingFromProtocol(network.id, b, offsetMs);
  return {
    networkId: network.id,
    networkName: network.name,
    id: m.id,
    status: m.status,
    stationId: m.stationId,
    stationName: station.name,
    stationLat: station.lat,
    stationLon: station.lon,
    packStandard: m.packStandard,
    createdAt: m.createdAt,
    arrivalAt: m.arrivalAt,
    cancelUntil: m.cancelUntil,
    expiresAt: m.expiresAt,
    priceEstimate: { amountMinor: m.priceEstimateMinor, currency: m.terms.currency },
    charge: { amountMinor: m.charge.amount_minor, currency: m.charge.currency, reason: m.charge.reason },
    terms: termsView(m.terms),
    statusReason: m.statusReason,
    queuePosition: m.queuePosition,
    bay: m.bay,
    newPackId: m.newPackId,
    newPackSocPercent: m.newPackSocPercent,
    swapStartedAt: m.swapStartedAt,
    swapExpectedEndAt: m.swapExpectedEndAt,
    completedAt: m.completedAt,
  };
}

export function quoteView(network: NetworkRef, stationName: string, q: ProtocolQuote, etaMinutes: number, offsetMs: number): SwapQuoteView {
  const t = (iso: string) => Date.parse(iso) - offsetMs;
  return {
    networkId: network.id,
    networkName: network.name,
    stationId: q.station_id,
    stationName,
    packStandard: q.pack_standard,
    available: q.available,
    readyPacks: q.ready_packs,
    etaMinutes,
    waitMinutes: q.wait_minutes,
    arrivalAt: t(q.arrival_at),
    cancelUntil: t(q.cancel_until),
    expiresAt: t(q.expires_at),
    priceEstimate: { amountMinor: q.price_estimate.amount_minor, currency: q.price_estimate.currency },
    lateCancelFee: { amountMinor: q.late_cancel_fee.amount_minor, currency: q.late_cancel_fee.currency },
    noShowFee: { amountMinor: q.noshow_fee.amount_minor, currency: q.noshow_fee.currency },
    terms: termsView(q.terms),
  };
}

/**
 * A station that takes the car's pack, with the route estimate from the car. `toSeenAt` turns an epoch time on
 * the car's clock into the host's monotonic clock (ages).
 */
export function stationView(
  network: NetworkRef,
  m: SwapStation,
  packStandard: string,
  ctx: { car: CarPoint | null; energy: EnergyNow | null; toSeenAt: (epochMs: number) => number },
): SwapStationView {
  const route = ctx.car ? routeEstimate(ctx.car, m) : null;
  const arrival = route && ctx.energy ? arrivalSocAt(ctx.energy, route.distanceM) : null;
  const kwh = packKwh(packStandard) ?? FALLBACK_PACK_KWH;
  return {
    networkId: network.id,
    networkName: network.name,
    id: m.id,
    name: m.name,
    lat: m.lat,
    lon: m.lon,
    distanceM: route?.distanceM ?? null,
    etaMinutes: route?.etaMinutes ?? null,
    arrivalSoc: arrival === null ? null : Math.round(arrival * 10) / 10,
    packStandard,
    readyPacks: m.readyPacks[packStandard] ?? 0,
    chargingPacks: m.chargingPacks[packStandard] ?? 0,
    waitMinutes: m.waitMinutes,
    queueLength: m.queueLength,
    typicalSwapMinutes: m.typicalSwapMinutes,
    openNow: m.openNow,
    priceEstimate: { amountMinor: priceEstimateMinor(m.terms, kwh, arrival === null ? undefined : Math.max(0, arrival)), currency: m.terms.currency },
    updatedSeenAt: ctx.toSeenAt(m.updatedAt),
  };
}

/** A pack standard Cabin's catalog does not know is priced as a mid-size pack (as the operator does). */
const FALLBACK_PACK_KWH = 60;

/** Operator error codes the driver gets a sentence for; any other code is shown as "refused" with the code. */
const REFUSALS = new Set([
  'NO_PACK_AVAILABLE',
  'INCOMPATIBLE_PACK_STANDARD',
  'STATION_CLOSED',
  'UNKNOWN_STATION',
  'STATION_NOT_FOUND',
  'BOOKING_NOT_FOUND',
  'BOOKING_EXPIRED',
  'INVALID_TRANSITION',
  'NOT_AT_STATION',
  'ARRIVAL_TOO_FAR',
  'ARRIVAL_IN_PAST',
  'UNAUTHORIZED',
  'IDEMPOTENCY_KEY_REUSED',
  'SERVICE_UNAVAILABLE',
]);

/** An operator failure as the driver's message: what happened, on which network, and that nothing was booked where that is so. */
export function problemOf(failure: OperatorFailure, network: string): SwapProblem {
  switch (failure.kind) {
    case 'unreachable':
      return { key: 'swap.problems.unreachable', params: { network }, message: `${network}: ${failure.message}` };
    case 'lost':
      return { key: 'swap.problems.lost', params: { network }, message: `${network}: ${failure.message}` };
    case 'malformed':
      return { key: 'swap.problems.malformed', params: { network }, message: `${network}: ${failure.message}` };
    case 'refused': {
      const code = REFUSALS.has(failure.code) ? failure.code : 'OTHER';
      return { key: `swap.problems.refused.${code}`, params: { network, code: failure.code }, message: `${network}: HTTP ${failure.status} ${failure.code}: ${failure.message}` };
    }
  }
}
