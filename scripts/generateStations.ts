// Writes the shipped offline station dataset (assets/stations/offline.cstn): the generated network for the simulated routes' regions.
// Run: node bin/run-ts.mjs scripts/generateStations.ts [--sites N] [--seed N] [--out FILE]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateStations, type RegionId } from '../shared/stations/generator';
import { StoreBuilder } from '../main/services/stations/storeBuilder';
import { saveDataset } from '../main/services/stations/datasetFile';
import { OFFLINE_AT, OFFLINE_DATASET, OFFLINE_SEED } from '../main/services/stations/offlineDataset';
import { OFFLINE_ROUTES } from '../shared/stations/offlineNetwork';

const { values } = parseArgs({ options: { sites: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } } });
const seed = values.seed ? Number(values.seed) : OFFLINE_SEED;
const out = values.out ? resolve(values.out) : OFFLINE_DATASET;
const routes: Partial<Record<RegionId, Array<[number, number]>>> = {};
for (const [region, id] of Object.entries(OFFLINE_ROUTES) as Array<[RegionId, string]>) {
  const route = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', 'assets', 'routes', `${id}.json`), 'utf8')) as { points: number[][] };
  routes[region] = route.points.map((p) => [p[0], p[1]]);
}
const builder = new StoreBuilder(25_000);
for (const location of generateStations({ seed, at: OFFLINE_AT, routes, sites: values.sites ? Number(values.sites) : undefined })) {
  builder.add(location);
}
const store = builder.finish();
const bytes = await saveDataset(out, store, {
  description: 'Generated charging network for the simulated regions (Guangzhou, Shanghai, Oslo); statuses as of createdAt',
  createdAt: OFFLINE_AT,
  seed,
});
process.stderr.write(`${out}: ${store.count} sites, ${store.evseCount} EVSEs, ${store.connectorCount} connectors, ${bytes} bytes (seed ${seed})\n`);
