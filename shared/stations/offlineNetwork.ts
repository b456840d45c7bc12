// How the shipped offline network is generated: seed, snapshot time and the routes its regions follow (the simulator's CPO serves the same network).
import type { RegionId } from './generatorRegions';

export const OFFLINE_SEED = 20_260_101;
export const OFFLINE_AT = Date.UTC(2026, 0, 1);

/** The simulated route (assets/routes/<id>.json) each region's sites line. */
export const OFFLINE_ROUTES: Record<RegionId, string> = {
  guangzhou: 'guangzhou-tianhe-zhujiang',
  shanghai: 'shanghai-pudong-airport',
  oslo: 'oslo-e18-sandvika',
};
