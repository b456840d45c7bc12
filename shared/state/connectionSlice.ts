// Where vehicle data comes from and whether it is flowing: what the status bar's connection badge shows.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

export type GatewayLink =
  | { status: 'none' }
  | { status: 'connecting'; url: string; attempt: number }
  | { status: 'connected'; url: string; since: number; gateway: string }
  | { status: 'lost'; url: string; since: number; reason: string };

export interface GatewayDiagnostics {
  frames: number;
  bytes: number;
  dropped: number;
  malformed: number;
  unknownIds: number;
  reconnects: number;
}

export interface ConnectionState {
  gateway: GatewayLink;
  diagnostics: GatewayDiagnostics;
}

const initialState: ConnectionState = {
  gateway: { status: 'none' },
  diagnostics: { frames: 0, bytes: 0, dropped: 0, malformed: 0, unknownIds: 0, reconnects: 0 },
};

export const connectionSlice = createSlice({
  name: 'connection',
  initialState,
  reducers: {
    gatewayLinkChanged: (state, action: PayloadAction<GatewayLink>) => {
      state.gateway = action.payload;
    },
    gatewayDiagnosticsSampled: (state, action: PayloadAction<GatewayDiagnostics>) => {
      state.diagnostics = action.payload;
    },
  },
  selectors: {
    selectGatewayLink: (state) => state.gateway,
    selectDiagnostics: (state) => state.diagnostics,
  },
});

export const { gatewayLinkChanged, gatewayDiagnosticsSampled } = connectionSlice.actions;
export const { selectGatewayLink, selectDiagnostics } = connectionSlice.selectors;
