// Vehicle signals keyed by VSS path, each with the time it was last seen, so screens can tell fresh from stale.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { VehicleCapabilities } from '../vehicle/vehicleCapabilities';

export type SignalValue = number | string | boolean;

export interface SignalSample {
  value: SignalValue;
  /** Epoch ms when the value was last received (not when it last changed). */
  seenAt: number;
  /** How long after `seenAt` the value counts as stale (from the DBC cycle time; 1 s by default). */
  staleAfterMs: number;
}

export interface VehicleState {
  /** Which vehicle definition the host runs with, e.g. "cabin-ev". */
  vehicleId: string | null;
  /** VSS paths this vehicle's mapping provides: screens show a tile only where the car has the data. */
  paths: string[];
  /** VSS path → the DBC "MESSAGE.SIGNAL" it is decoded from (the signal inspector shows it). */
  sources: Record<string, string>;
  /** What the vehicle definition says the car is; null until a vehicle is selected (then nothing is hidden for it). */
  capabilities: VehicleCapabilities | null;
  signals: Record<string, SignalSample>;
}

export interface SignalUpdate {
  path: string;
  value: SignalValue;
  seenAt: number;
  staleAfterMs: number;
}

const initialState: VehicleState = { vehicleId: null, paths: [], sources: {}, capabilities: null, signals: {} };


export const vehicleSlice = createSlice({
  name: 'vehicle',
  initialState,
  reducers: {
    vehicleSelected: (state, action: PayloadAction<{ vehicleId: string; paths: string[]; sources: Record<string, string>; capabilities?: VehicleCapabilities }>) => {
      state.vehicleId = action.payload.vehicleId;
      state.capabilities = action.payload.capabilities ?? null;
      state.paths = action.payload.paths;
      state.sources = action.payload.sources;
      state.signals = {};
    },
    /** Values arrived from the vehicle (already mapped to VSS, throttled and coalesced in the host). */
    signalsUpdated: (state, action: PayloadAction<SignalUpdate[]>) => {
      for (const u of action.payload) {
        state.signals[u.path] = { value: u.value, seenAt: u.seenAt, staleAfterMs: u.staleAfterMs };
      }
    },
  },
  selectors: {
    selectSignals: (state) => state.signals,
    selectVehicleId: (state) => state.vehicleId,
    selectVehiclePaths: (state) => state.paths,
    selectVehicleCapabilities: (state) => state.capabilities,
  },
});

export const { vehicleSelected, signalsUpdated } = vehicleSlice.actions;
export const { selectSignals, selectVehicleId, selectVehiclePaths, selectVehicleCapabilities } = vehicleSlice.selectors;

export type Freshness = 'fresh' | 'stale' | 'missing';

/** Whether a signal can be shown as live at `now` (epoch ms). */
export function signalFreshness(sample: SignalSample | undefined, now: number): Freshness {
  if (!sample) return 'missing';
  return now - sample.seenAt > sample.staleAfterMs ? 'stale' : 'fresh';
}
