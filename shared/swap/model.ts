// The in-car swap model: a station from any network (epoch-ms times, freshness), a booking as the car keeps it, and which stations fit the car.
import type { BookingStatus } from './bookingMachine';
import { packStandardForCar, packStandardInfo, type CarPack } from './packStandards';
import type { OpeningTimes, ProtocolBooking, ProtocolStation } from './protocol';
import type { Charge, SwapTerms } from './terms';

/** A swap station as the car holds it: the operator's Location plus availability and how old that is. */
export interface SwapStation {
  /** Which operator (network) it belongs to; station ids are unique only within a network. */
  networkId: string;
  id: string;
  name: string;
  lat: number;
  lon: number;
  address: string | null;
  city: string | null;
  country: string | null;
  timeZone: string | null;
  operatorName: string | null;
  openingTimes: OpeningTimes;
  openNow: boolean;
  packStandards: string[];
  bays: number;
  baysBusy: number;
  queueLength: number;
  waitMinutes: number;
  typicalSwapMinutes: number;
  readyPacks: Record<string, number>;
  chargingPacks: Record<string, number>;
  terms: SwapTerms;
  /** The operator's time of the availability figures, converted to the car's clock. */
  updatedAt: number;
  /** The car's clock when it fetched them. */
  fetchedAt: number;
}

/**
 * Converts a protocol station. `clockOffsetMs` is operator time minus car time (from the response's
 * server_time), so freshness is judged on one clock even when the two disagree.
 */
export function stationFromProtocol(networkId: string, s: ProtocolStation, fetchedAt: number, clockOffsetMs = 0): SwapStation {
  return {
    networkId,
    id: s.id,
    name: s.name,
    lat: s.lat,
    lon: s.lon,
    address: s.address ?? null,
    city: s.city ?? null,
    country: s.country ?? null,
    timeZone: s.time_zone ?? null,
    operatorName: s.operator ?? null,
    openingTimes: s.opening_times,
    openNow: s.open_now,
    packStandards: [...s.pack_standards],
    bays: s.bays,
    baysBusy: s.bays_busy,
    queueLength: s.queue_length,
    waitMinutes: s.wait_minutes,
    typicalSwapMinutes: s.typical_swap_minutes,
    readyPacks: { ...s.ready_packs },
    chargingPacks: { ...s.charging_packs },
    terms: { ...s.terms },
    updatedAt: Date.parse(s.last_updated) - clockOffsetMs,
    fetchedAt,
  };
}

/** Availability older than this is shown as stale and re-fetched before booking. */
export const STATION_FRESH_MS = 2 * 60_000;

export function isStationFresh(station: SwapStation, now: number, maxAgeMs = STATION_FRESH_MS): boolean {
  return now - station.updatedAt <= maxAgeMs;
}

/** Only stations that accept the car's pack are offered; each with the standard the car would book. */
export function compatibleStations(stations: readonly SwapStation[], car: CarPack): { station: SwapStation; packStandard: string }[] {
  const standard = packStandardForCar(car);
  if (standard === null) return [];
  return stations.filter((s) => s.packStandards.includes(standard)).map((station) => ({ station, packStandard: standard }));
}

export function readyPacksFor(station: SwapStation, packStandard: string): number {
  return station.readyPacks[packStandard] ?? 0;
}

/** Usable kWh of a pack standard: the station's own figure wins, then Cabin's catalog. */
export function packKwh(packStandard: string, stationPackKwh?: Record<string, number>): number | null {
  return stationPackKwh?.[packStandard] ?? packStandardInfo(packStandard)?.usableKwh ?? null;
}

/** A booking as the car keeps it (plain JSON, epoch ms on the car's clock). */
export interface SwapBooking {
  networkId: string;
  id: string;
  status: BookingStatus;
  stationId: string;
  packStandard: string;
  vehicleId: string;
  createdAt: number;
  arrivalAt: number;
  cancelUntil: number;
  expiresAt: number;
  terms: SwapTerms;
  priceEstimateMinor: number;
  charge: Charge;
  noShow: boolean;
  statusReason: string | null;
  queuePosition: number | null;
  bay: number | null;
  newPackId: string | null;
  newPackSocPercent: number | null;
  swapStartedAt: number | null;
  swapExpectedEndAt: number | null;
  completedAt: number | null;
  eventSeq: number;
}

const time = (iso: string, offset: number) => Date.parse(iso) - offset;
const maybeTime = (iso: string | null, offset: number) => (iso === null ? null : time(iso, offset));

/** Converts a protocol booking; `clockOffsetMs` as in stationFromProtocol. */
export function bookingFromProtocol(networkId: string, b: ProtocolBooking, clockOffsetMs = 0): SwapBooking {
  return {
    networkId,
    id: b.id,
    status: b.status,
    stationId: b.station_id,
    packStandard: b.pack_standard,
    vehicleId: b.vehicle_id,
    createdAt: time(b.created_at, clockOffsetMs),
    arrivalAt: time(b.arrival_at, clockOffsetMs),
    cancelUntil: time(b.cancel_until, clockOffsetMs),
    expiresAt: time(b.expires_at, clockOffsetMs),
    terms: { ...b.terms },
    priceEstimateMinor: b.price_estimate.amount_minor,
    charge: { ...b.charge },
    noShow: b.no_show,
    statusReason: b.status_reason,
    queuePosition: b.queue_position,
    bay: b.bay,
    newPackId: b.swap.new_pack_id,
    newPackSocPercent: b.swap.new_pack_soc_percent,
    swapStartedAt: maybeTime(b.swap.started_at, clockOffsetMs),
    swapExpectedEndAt: maybeTime(b.swap.expected_end_at, clockOffsetMs),
    completedAt: maybeTime(b.swap.completed_at, clockOffsetMs),
    eventSeq: b.event_seq,
  };
}

/** Operator clock minus car clock, from a response's server_time and the request's round trip. */
export function clockOffsetMs(serverTimeIso: string, sentAt: number, receivedAt: number): number {
  return Date.parse(serverTimeIso) - (sentAt + receivedAt) / 2;
}

/**
 * Minutes a car arriving now waits for a bay: nothing while a bay is free, else one swap time for
 * each full round of the bays ahead of it.
 */
export function estimatedWaitMinutes(bays: number, baysBusy: number, queueLength: number, typicalSwapMinutes: number): number {
  const ahead = baysBusy + queueLength;
  if (ahead < bays) return 0;
  return Math.ceil((ahead - bays + 1) / bays) * typicalSwapMinutes;
}
