// Host-level facts the screens show: app info and notices the driver must be told about.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

export type RunMode = 'simulation' | 'head-unit';

/** A message for the driver; `code` is an i18n key under "notices", `detail` is untranslated technical text. */
export interface Notice {
  id: string;
  code: 'settingsCorrupt' | 'settingsRestoredFromBackup' | 'settingsWriteFailed' | 'settingsNewerSchema' | 'storageReadOnly';
  detail: string;
  at: number;
}

export interface UiState {
  app: { version: string; mode: RunMode; transport: 'electron' | 'web' | 'none' };
  notices: Notice[];
}

const initialState: UiState = {
  app: { version: '0.0.0', mode: 'simulation', transport: 'none' },
  notices: [],
};

/** Keep the last few notices only: they are for the driver, not a log. */
const MAX_NOTICES = 5;

export const uiSlice = createSlice({
  name: 'ui',
  initialState,
  reducers: {
    hostStarted: (state, action: PayloadAction<UiState['app']>) => {
      state.app = action.payload;
    },
    noticeRaised: (state, action: PayloadAction<Notice>) => {
      state.notices = [...state.notices, action.payload].slice(-MAX_NOTICES);
    },
    noticeDismissed: (state, action: PayloadAction<{ id: string }>) => {
      state.notices = state.notices.filter((n) => n.id !== action.payload.id);
    },
  },
  selectors: {
    selectApp: (state) => state.app,
    selectNotices: (state) => state.notices,
  },
});

export const { hostStarted, noticeRaised, noticeDismissed } = uiSlice.actions;
export const { selectApp, selectNotices } = uiSlice.selectors;
