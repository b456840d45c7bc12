// Battery-swap booking as the screens see it: the networks and how they answer, compatible stations nearby, the car's one live booking (a discriminated union), the quote before confirming, charge-or-swap, and receipts.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { BookingStatus } from '../swap/bookingMachine';

/** A host message for the driver: an i18n key with its values, and the untranslated technical line. */
export interface SwapProblem {
  key: string;
  params?: Record<string, string | number>;
  message: string;
}

export interface Money {
  amountMinor: number;
  currency: string;
}

export type NetworkLink =
  | { state: 'connecting' }
  | { state: 'online'; seenAt: number; stations: number }
  | { state: 'unreachable'; since: number; problem: SwapProblem };

export interface SwapNetworkView {
  id: string;
  name: string;
  link: NetworkLink;
  /** Operator clock minus car clock, ms (from server_time and the round trip). */
  clockOffsetMs: number;
}

/** A station that takes the car's pack, as the list and the Home card show it. */
export interface SwapStationView {
  networkId: string;
  networkName: string;
  id: string;
  name: string;
  lat: number;
  lon: number;
  distanceM: number | null;
  /** Minutes to drive there (road distance at town speed), null while the car's position is unknown. */
  etaMinutes: number | null;
  /** SoC on arrival, %, when the car's SoC is known. */
  arrivalSoc: number | null;
  packStandard: string;
  readyPacks: number;
  chargingPacks: number;
  waitMinutes: number;
  queueLength: number;
  typicalSwapMinutes: number;
  openNow: boolean;
  priceEstimate: Money;
  /** When the operator counted its availability, on the host's clock (for its age). */
  updatedSeenAt: number;
}

export interface SwapTermsView {
  currency: string;
  swapFeeMinor: number;
  energyPriceMinorPerKwh: number;
  cancelUntilMinutes: number;
  lateCancelFeeMinor: number;
  noshowTimeoutMinutes: number;
  noshowFeeMinor: number;
}

/** What the driver sees before confirming: terms, price and the booking's clock if booked now. */
export interface SwapQuoteView {
  networkId: string;
  networkName: string;
  stationId: string;
  stationName: string;
  packStandard: string;
  available: boolean;
  readyPacks: number;
  etaMinutes: number;
  waitMinutes: number;
  /** Epoch ms on the car's clock. */
  arrivalAt: number;
  cancelUntil: number;
  expiresAt: number;
  priceEstimate: Money;
  lateCancelFee: Money;
  noShowFee: Money;
  terms: SwapTermsView;
}

export type SwapQuoteState =
  | { status: 'none' }
  | { status: 'loading'; networkId: string; stationId: string; stationName: string }
  | { status: 'ready'; quote: SwapQuoteView; seenAt: number }
  | { status: 'failed'; networkId: string; stationId: string; stationName: string; problem: SwapProblem };

/** A booking as the car keeps it; times are epoch ms on the car's clock (operator times corrected for skew). */
export interface SwapBookingView {
  networkId: string;
  networkName: string;
  id: string;
  status: BookingStatus;
  stationId: string;
  stationName: string;
  stationLat: number;
  stationLon: number;
  packStandard: string;
  createdAt: number;
  arrivalAt: number;
  cancelUntil: number;
  expiresAt: number;
  priceEstimate: Money;
  charge: Money & { reason: 'SWAP' | 'LATE_CANCELLATION' | 'NO_SHOW' | null };
  terms: SwapTermsView;
  statusReason: string | null;
  queuePosition: number | null;
  bay: number | null;
  newPackId: string | null;
  newPackSocPercent: number | null;
  swapStartedAt: number | null;
  swapExpectedEndAt: number | null;
  completedAt: number | null;
}

/** What the car read from its own CAN bus about the swap: the pack it came with, and the one it has now. */
export type SwapConfirmation =
  | { state: 'waiting'; packIdBefore: string | null; socBefore: number | null }
  /** The car reports the pack the station named, with its charge. */
  | { state: 'confirmed'; packIdBefore: string | null; socBefore: number | null; packId: string; socPercent: number }
  /** The car reports a different pack (or none changed) than the operator says it installed. */
  | { state: 'mismatch'; packIdBefore: string | null; socBefore: number | null; packId: string | null; socPercent: number | null; expectedPackId: string | null };

export type OperatorLink = { state: 'live'; seenAt: number } | { state: 'unreachable'; since: number; problem: SwapProblem };

export type ActiveSwap =
  | { status: 'none' }
  /** The request is on its way (or being retried with its idempotency key); nothing is booked yet. */
  | { status: 'requesting'; networkId: string; networkName: string; stationId: string; stationName: string; since: number; attempt: number }
  | {
      status: 'booked';
      booking: SwapBookingView;
      link: OperatorLink;
      /** How the car hears of the operator's changes: its event stream, as they happen, or by asking every few seconds. */
      updates: 'events' | 'polling';
      /** Distance and minutes to the station from the car now; null while its position is unknown. */
      route: { distanceM: number; etaMinutes: number } | null;
      /** Check-in by geofence: not there yet, sending it, or refused (with why). */
      checkIn: { state: 'away' } | { state: 'sending' } | { state: 'failed'; problem: SwapProblem } | { state: 'done' };
      confirmation: SwapConfirmation | null;
    }
  /** Ended: completed, cancelled, expired or failed. Kept on screen until the driver dismisses it. */
  | { status: 'finished'; booking: SwapBookingView; confirmation: SwapConfirmation | null }
  /** The request was refused or could not be made: nothing is booked. */
  | { status: 'refused'; networkName: string; stationName: string; problem: SwapProblem };

/** A finished booking with what it cost: the driver's record. */
export interface SwapReceipt {
  bookingId: string;
  networkId: string;
  networkName: string;
  stationName: string;
  status: BookingStatus;
  finishedAt: number;
  charge: Money & { reason: 'SWAP' | 'LATE_CANCELLATION' | 'NO_SHOW' | null };
  packStandard: string;
  newPackId: string | null;
  newPackSocPercent: number | null;
  /** What the car itself read after the swap (its CAN bus). */
  confirmation: SwapConfirmation['state'] | null;
  statusReason: string | null;
}

/** One side of the comparison: where, and minutes and money until the car is on its way again. */
export interface StopOption {
  name: string;
  networkOrOperator: string | null;
  driveMinutes: number;
  waitMinutes: number;
  /** Charging or swapping. */
  stopMinutes: number;
  totalMinutes: number;
  cost: Money | null;
  /** SoC when leaving, %. */
  leaveSoc: number;
  arrivalSoc: number | null;
  /** The charger's station key, or the swap station as networkId/stationId. */
  key: string;
  reservable?: boolean;
}

export type ChargeOrSwapReason =
  | { code: 'swapFaster'; minutes: number }
  | { code: 'chargeFaster'; minutes: number }
  | { code: 'aboutSameTime' }
  | { code: 'swapCheaper'; amount: Money }
  | { code: 'chargeCheaper'; amount: Money }
  | { code: 'costsNotComparable' }
  | { code: 'preference'; prefers: 'charge' | 'swap' }
  | { code: 'noSwap' }
  | { code: 'noCharger' }
  | { code: 'swapNoPack' }
  | { code: 'notNeeded' };

export interface ChargeOrSwap {
  verdict: 'swap' | 'charge' | 'either' | 'none';
  reasons: ChargeOrSwapReason[];
  swap: StopOption | null;
  charge: StopOption | null;
  seenAt: number;
}

export interface SwapCarView {
  /** The protocol standard the car books (null: a fixed pack, nothing to swap). */
  packStandard: string | null;
  /** The vehicle's swap standard as declared. */
  swapStandard: string;
}

export interface SwapState {
  /** Swap is offered for this car (its pack follows a swap standard) and networks were given. */
  enabled: boolean;
  car: SwapCarView | null;
  networks: SwapNetworkView[];
  stations: SwapStationView[];
  /** Stations nearby that do not take this car's pack (never offered; counted so the screen can say why). */
  incompatibleStations: number;
  quote: SwapQuoteState;
  active: ActiveSwap;
  history: SwapReceipt[];
  comparison: ChargeOrSwap | null;
}

/** Receipts kept in the store (the document keeps as many). */
export const MAX_RECEIPTS = 30;
export const MAX_STORED_STATIONS = 12;

const initialState: SwapState = {
  enabled: false,
  car: null,
  networks: [],
  stations: [],
  incompatibleStations: 0,
  quote: { status: 'none' },
  active: { status: 'none' },
  history: [],
  comparison: null,
};

export const swapSlice = createSlice({
  name: 'swap',
  initialState,
  reducers: {
    swapAvailabilityChanged: (state, action: PayloadAction<{ enabled: boolean; car: SwapCarView | null }>) => {
      state.enabled = action.payload.enabled;
      state.car = action.payload.car;
    },
    swapNetworksChanged: (state, action: PayloadAction<SwapNetworkView[]>) => {
      state.networks = action.payload;
    },
    swapStationsArrived: (state, action: PayloadAction<{ stations: SwapStationView[]; incompatible: number }>) => {
      state.stations = action.payload.stations.slice(0, MAX_STORED_STATIONS);
      state.incompatibleStations = action.payload.incompatible;
    },
    swapQuoteChanged: (state, action: PayloadAction<SwapQuoteState>) => {
      state.quote = action.payload;
    },
    swapActiveChanged: (state, action: PayloadAction<ActiveSwap>) => {
      state.active = action.payload;
    },
    swapHistoryChanged: (state, action: PayloadAction<SwapReceipt[]>) => {
      state.history = action.payload.slice(0, MAX_RECEIPTS);
    },
    chargeOrSwapCompared: (state, action: PayloadAction<ChargeOrSwap | null>) => {
      state.comparison = action.payload;
    },
  },
  selectors: {
    selectSwap: (state) => state,
    selectActiveSwap: (state) => state.active,
    selectSwapStations: (state) => state.stations,
    selectSwapQuote: (state) => state.quote,
    selectSwapHistory: (state) => state.history,
    selectChargeOrSwap: (state) => state.comparison,
    selectSwapNetworks: (state) => state.networks,
  },
});

export const { swapAvailabilityChanged, swapNetworksChanged, swapStationsArrived, swapQuoteChanged, swapActiveChanged, swapHistoryChanged, chargeOrSwapCompared } = swapSlice.actions;
export const { selectSwap, selectActiveSwap, selectSwapStations, selectSwapQuote, selectSwapHistory, selectChargeOrSwap, selectSwapNetworks } = swapSlice.selectors;

/** A booking the car holds now (a card belongs on Home). */
export function hasLiveBooking(state: { swap: SwapState }): boolean {
  const a = state.swap.active;
  return a.status === 'requesting' || a.status === 'booked';
}

/** Every network still connecting (none answered yet): the screen says "connecting to networks". */
export function networksConnecting(state: { swap: SwapState }): boolean {
  const n = state.swap.networks;
  return n.length > 0 && n.every((x) => x.link.state === 'connecting');
}
