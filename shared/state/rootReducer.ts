// The one reducer both the host store and the renderer replica are built from.
import { combineSlices } from '@reduxjs/toolkit';
import { brandSlice } from './brandSlice';
import { connectionSlice } from './connectionSlice';
import { profilesSlice } from './profilesSlice';
import { settingsSlice } from './settingsSlice';
import { simulationSlice } from './simulationSlice';
import { stationsSlice } from './stationsSlice';
import { swapSlice } from './swapSlice';
import { reservationsSlice } from './reservationsSlice';
import { uiSlice } from './uiSlice';
import { uxSlice } from './uxSlice';
import { vehicleSlice } from './vehicleSlice';

export const rootReducer = combineSlices(settingsSlice, uiSlice, connectionSlice, vehicleSlice, simulationSlice, uxSlice, brandSlice, profilesSlice, stationsSlice, swapSlice, reservationsSlice);

export type RootState = ReturnType<typeof rootReducer>;
