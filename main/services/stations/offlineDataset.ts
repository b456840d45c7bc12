// Where the shipped offline station dataset lives (scripts/generateStations.ts writes it from shared/stations/offlineNetwork).
import { resolve } from 'node:path';

export { OFFLINE_AT, OFFLINE_SEED } from '../../../shared/stations/offlineNetwork';

/** The generated network for the simulated regions (Guangzhou, Shanghai, Oslo), gzipped columnar. */
export const OFFLINE_DATASET = resolve(import.meta.dirname, '..', '..', '..', 'assets', 'stations', 'offline.cstn');
