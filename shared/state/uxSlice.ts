// The driving restrictions in force, decided by the host's engine and shared with every screen (the same answer everywhere).
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { UNKNOWN_RESTRICTIONS, type UxRestrictions } from '../ux/restrictions';

export interface UxState {
  restrictions: UxRestrictions;
}

// Before the host has judged anything, everything is restricted: the engine fails closed.
const initialState: UxState = { restrictions: UNKNOWN_RESTRICTIONS };

export const uxSlice = createSlice({
  name: 'ux',
  initialState,
  reducers: {
    /** The engine's answer changed (the car stopped, started moving, or its inputs went stale). */
    restrictionsChanged: (state, action: PayloadAction<UxRestrictions>) => {
      state.restrictions = action.payload;
    },
  },
  selectors: {
    selectUxRestrictions: (state) => state.restrictions,
  },
});

export const { restrictionsChanged } = uxSlice.actions;
export const { selectUxRestrictions } = uxSlice.selectors;
