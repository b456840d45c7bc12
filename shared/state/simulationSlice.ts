// The simulated world's state for the developer control panel: scenario playback, the overrides and the faults in force.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { ActiveFault, FaultKind } from '../simulation/faults';
import type { AppliedOverride } from '../simulation/overrides';

/** Playback, overrides and faults as the panel shows them (the sim source's own status carries more). */
export interface SimulationStatus {
  /** Scenario name; null when parked. */
  scenario: string | null;
  playing: boolean;
  /** Scenario (simulated) time since its start, s. */
  simTimeS: number;
  /** null for the parked car, which has no end. */
  durationS: number | null;
  acceleration: number;
  faults: ActiveFault[];
  /** Control-panel overrides since the scenario (re)started, oldest first. */
  overrides: AppliedOverride[];
}

export interface SimulationState {
  /** False in head-unit mode or when vehicle data comes from a replay or a real gateway. */
  available: boolean;
  status: SimulationStatus | null;
  /** Buses the simulated vehicle uses (for bus-off). */
  buses: string[];
}

const initialState: SimulationState = { available: false, status: null, buses: [] };

export const simulationSlice = createSlice({
  name: 'simulation',
  initialState,
  reducers: {
    simulationAttached: (state, action: PayloadAction<{ buses: string[]; status: SimulationStatus }>) => {
      state.available = true;
      state.buses = action.payload.buses;
      state.status = action.payload.status;
    },
    simulationStatusChanged: (state, action: PayloadAction<SimulationStatus>) => {
      state.status = action.payload;
    },
  },
  selectors: {
    selectSimulation: (state) => state,
    selectActiveFaults: (state): readonly ActiveFault[] => state.status?.faults ?? NO_FAULTS,
    selectAppliedOverrides: (state): readonly AppliedOverride[] => state.status?.overrides ?? NO_OVERRIDES,
  },
});

const NO_FAULTS: readonly ActiveFault[] = [];
const NO_OVERRIDES: readonly AppliedOverride[] = [];

export const { simulationAttached, simulationStatusChanged } = simulationSlice.actions;
export const { selectSimulation, selectActiveFaults, selectAppliedOverrides } = simulationSlice.selectors;

/** Whether a fault of `kind` is in force (from the panel or the scenario). */
export function isFaultActive(faults: readonly ActiveFault[], kind: FaultKind): boolean {
  return faults.some((fault) => fault.kind === kind);
}
