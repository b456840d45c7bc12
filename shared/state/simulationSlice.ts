// The simulated world's state for the developer control panel: scenario playback, overrides and active faults.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

export type SimFaultKind = 'disconnect' | 'frameLoss' | 'garbage' | 'stuckSignal' | 'busOff';

export interface SimFault {
  kind: SimFaultKind;
  /** Percent for frameLoss, frames/s for garbage, VSS path for stuckSignal, bus for busOff. */
  param?: number | string;
}

export interface SimStatus {
  scenario: string | null;
  playing: boolean;
  simTimeS: number;
  durationS: number | null;
  acceleration: number;
  faults: SimFault[];
  /** Human-readable list of overrides in force, e.g. "soc=20". */
  overrides: string[];
}

export interface SimulationState {
  /** False in head-unit mode or when vehicle data comes from a replay or a real gateway. */
  available: boolean;
  status: SimStatus | null;
  /** Buses the simulated vehicle uses (for bus-off). */
  buses: string[];
}

const initialState: SimulationState = { available: false, status: null, buses: [] };

export const simulationSlice = createSlice({
  name: 'simulation',
  initialState,
  reducers: {
    simulationAttached: (state, action: PayloadAction<{ buses: string[]; status: SimStatus }>) => {
      state.available = true;
      state.buses = action.payload.buses;
      state.status = action.payload.status;
    },
    simulationStatusChanged: (state, action: PayloadAction<SimStatus>) => {
      state.status = action.payload;
    },
  },
  selectors: {
    selectSimulation: (state) => state,
  },
});

export const { simulationAttached, simulationStatusChanged } = simulationSlice.actions;
export const { selectSimulation } = simulationSlice.selectors;
