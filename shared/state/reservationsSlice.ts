// Charger reservations (OCPI RESERVE_NOW / CANCEL_RESERVATION) as the screens see them: the offer with its fee before confirming, and the car's one reservation as a discriminated union from sending to the operator's result.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Money, SwapProblem } from './swapSlice';

/** What the operator answered at once (CommandResponse) or later (CommandResult), plus what the car decided itself. */
export type ReservationOutcome =
  | 'ACCEPTED'
  | 'REJECTED'
  | 'NOT_SUPPORTED'
  | 'UNKNOWN_SESSION'
  | 'CANCELED_RESERVATION'
  | 'EVSE_OCCUPIED'
  | 'EVSE_INOPERATIVE'
  | 'FAILED'
  | 'TIMEOUT'
  | 'UNKNOWN_RESERVATION'
  | 'UNREACHABLE';

/** The fee as the driver reads it before confirming (minor units). */
export interface ReservationFeeView {
  currency: string;
  flatMinor: number;
  perHourMinor: number;
  stepMinutes: number;
  /** The most this reservation costs if the car comes. */
  ifUsedMinor: number;
  /** What it costs if it runs out unused. */
  ifExpiredMinor: number;
}

export interface ReservableEvse {
  uid: string;
  evseId: string | null;
  status: string;
  /** When the operator last said so, on the host's clock. */
  statusSeenAt: number;
  standard: string | null;
  powerKw: number | null;
}

export interface ReservationOffer {
  stationKey: string;
  stationName: string;
  locationId: string;
  evses: ReservableEvse[];
  /** null: this operator does not charge for reservations. */
  fee: ReservationFeeView | null;
  minutes: number;
  /** Epoch ms: the reservation would hold until then. */
  expiresAt: number;
}

export interface ReservationView {
  id: string;
  stationKey: string;
  stationName: string;
  locationId: string;
  evseUid: string;
  evseId: string | null;
  reservedAt: number;
  expiresAt: number;
  fee: ReservationFeeView | null;
}

export type ReservationOfferState =
  | { status: 'none' }
  | { status: 'loading'; stationKey: string }
  | { status: 'ready'; offer: ReservationOffer }
  | { status: 'failed'; stationKey: string; problem: SwapProblem };

export type ActiveReservation =
  | { status: 'none' }
  /** RESERVE_NOW accepted for processing; the charge point's result is awaited until `timeoutAt` (host clock). */
  | { status: 'waiting'; reservation: ReservationView; timeoutAt: number }
  | { status: 'reserved'; reservation: ReservationView }
  | { status: 'cancelling'; reservation: ReservationView; timeoutAt: number }
  | { status: 'ended'; reservation: ReservationView; outcome: 'cancelled' | 'expired'; charge: Money | null }
  | { status: 'refused'; stationName: string; evseUid: string; outcome: ReservationOutcome; problem: SwapProblem };

export interface ReservationsState {
  /** A charge-point operator that takes commands is connected. */
  available: boolean;
  /** The parties ("CN*TLD") whose stations it reserves: station keys start with one of them. */
  parties: string[];
  offer: ReservationOfferState;
  active: ActiveReservation;
}

const initialState: ReservationsState = { available: false, parties: [], offer: { status: 'none' }, active: { status: 'none' } };

export const reservationsSlice = createSlice({
  name: 'reservations',
  initialState,
  reducers: {
    reservationsAvailabilityChanged: (state, action: PayloadAction<{ parties: string[] }>) => {
      state.parties = action.payload.parties;
      state.available = action.payload.parties.length > 0;
    },
    reservationOfferChanged: (state, action: PayloadAction<ReservationOfferState>) => {
      state.offer = action.payload;
    },
    reservationChanged: (state, action: PayloadAction<ActiveReservation>) => {
      state.active = action.payload;
    },
  },
  selectors: {
    selectReservations: (state) => state,
    selectActiveReservation: (state) => state.active,
    selectReservationOffer: (state) => state.offer,
  },
});

export const { reservationsAvailabilityChanged, reservationOfferChanged, reservationChanged } = reservationsSlice.actions;
export const { selectReservations, selectActiveReservation, selectReservationOffer } = reservationsSlice.selectors;

/** A reservation the car holds or is asking for (a card belongs on Home). */
export function hasLiveReservation(state: { reservations: ReservationsState }): boolean {
  const s = state.reservations.active.status;
  return s === 'waiting' || s === 'reserved' || s === 'cancelling';
}
