// Loads what a sim source runs on: the vehicle's DBC, mapping and definition, and the scenario (or the parked car when none is given).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatDiagnostic, type DbcDatabase } from '../../shared/can/dbcModel';
import { decodeDbcBytes } from '../../shared/can/dbcText';
import { loadVehicle } from '../../shared/vehicle/framePipeline';
import type { VehicleMapping } from '../../shared/vehicle/mapping';
import type { VehicleDefinition } from '../../shared/vehicle/vehicleDefinition';
import { AssetError, ASSETS_DIR, loadScenario, loadVehicleDefinition } from '../assets';
import { formatScenarioIssue, type Scenario } from '../scenario';

export interface LoadedSimVehicle {
  db: DbcDatabase;
  mapping: VehicleMapping;
  definition: VehicleDefinition;
  /** Located, non-fatal problems in the DBC or mapping; reported to the sink at start. */
  problems: string[];
}

/** The vehicle's DBC, mapping and definition from assets/vehicles/<id>/; an AssetError names the file that is missing or broken. */
export function loadSimVehicle(id: string): LoadedSimVehicle {
  const definition = loadVehicleDefinition(id);
  const dir = resolve(ASSETS_DIR, 'vehicles', id);
  const dbcFile = resolve(dir, `${id}.dbc`);
  const mappingFile = resolve(dir, 'mapping.yaml');
  let dbcBytes: Uint8Array;
  let mappingText: string;
  try {
    dbcBytes = readFileSync(dbcFile);
    mappingText = readFileSync(mappingFile, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new AssetError(`vehicle "${id}" cannot be simulated: ${e.path ?? dir}: ${e.code === 'ENOENT' ? 'no such file' : (e.code ?? e.message)}`);
  }
  const loaded = loadVehicle(decodeDbcBytes(dbcBytes), dbcFile, mappingText, mappingFile);
  if (loaded.db.messages.length === 0 || loaded.mapping.dbc2vss.length === 0) {
    const first = loaded.errors[0];
    throw new AssetError(first ? formatDiagnostic(first) : `${dbcFile}: vehicle "${id}" has no mapped status message to simulate`);
  }
  return { db: loaded.db, mapping: loaded.mapping, definition, problems: loaded.errors.map(formatDiagnostic) };
}

/** A bundled scenario name or a .yaml path, loaded; an already parsed scenario as it is; null for none. */
export function resolveScenario(spec: string | Scenario | undefined, cwd: string): Scenario | null {
  if (spec === undefined) return null;
  if (typeof spec !== 'string') return spec;
  const loaded = loadScenario(spec, cwd);
  if (!loaded.ok) throw new AssetError(loaded.errors.map(formatScenarioIssue).join('\n'));
  return loaded.scenario;
}

/** The scenario a source runs when none is chosen: parked in P at the demo location, for ever. */
export function parkedScenario(vehicle: string): Scenario {
  return {
    name: 'parked',
    description: 'Parked in P at the demo location.',
    vehicle,
    seed: 1,
    duration: Infinity,
    initial: {},
    timeline: [],
    expect: [],
  };
}
