// Loads a vehicle definition from assets/vehicles/<id>/ (or a DBC given at run time) and validates it, located errors and all.
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { formatDiagnostic, type DbcDatabase, type DbcDiagnostic } from '../../shared/can/dbcModel';
import { decodeDbcBytes } from '../../shared/can/dbcText';
import { loadVehicle } from '../../shared/vehicle/framePipeline';
import type { VehicleMapping } from '../../shared/vehicle/mapping';
import { vehicleCapabilities, type VehicleCapabilities } from '../../shared/vehicle/vehicleCapabilities';

export interface VehicleFiles {
  vehicleId: string;
  db: DbcDatabase;
  mapping: VehicleMapping;
  /** What vehicle.json says the car is (traction battery, charging, swap): which screens it is offered. */
  capabilities: VehicleCapabilities;
  /** Located problems in the DBC or the mapping; the valid rest is still used. */
  errors: DbcDiagnostic[];
  warnings: DbcDiagnostic[];
}

export class VehicleLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VehicleLoadError';
  }
}

export async function listVehicles(assetsDir: string): Promise<string[]> {
  const entries = await readdir(join(assetsDir, 'vehicles'), { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/**
 * `dbcFile` overrides the vehicle's own DBC: third-party DBC files are never copied into Cabin,
 * so vehicles like hyundai-2015 ship only a mapping and take the DBC path at run time.
 */
export async function loadVehicleFiles(assetsDir: string, vehicleId: string, dbcFile?: string): Promise<VehicleFiles> {
  const known = await listVehicles(assetsDir);
  if (!known.includes(vehicleId)) {
    throw new VehicleLoadError(`unknown vehicle "${vehicleId}"; this build has ${known.map((v) => `"${v}"`).join(', ')}`);
  }
  const dir = join(assetsDir, 'vehicles', vehicleId);
  const dbcPath = dbcFile ? resolve(dbcFile) : join(dir, `${vehicleId}.dbc`);
  const mappingPath = join(dir, 'mapping.yaml');
  const dbcBytes = await readFile(dbcPath).catch((error: NodeJS.ErrnoException) => {
    if (!dbcFile && error.code === 'ENOENT') {
      throw new VehicleLoadError(`vehicle "${vehicleId}" ships no DBC file: give the path of its DBC with --dbc FILE`);
    }
    throw new VehicleLoadError(`cannot read DBC file ${dbcPath}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  const mappingText = await readFile(mappingPath, 'utf8').catch((error: Error) => {
    throw new VehicleLoadError(`cannot read mapping ${mappingPath}: ${error.message}`);
  });
  const loaded = loadVehicle(decodeDbcBytes(dbcBytes), dbcFile ?? dbcPath, mappingText, mappingPath);
  if (loaded.db.messages.length === 0) {
    const first = loaded.errors[0];
    throw new VehicleLoadError(first ? formatDiagnostic(first) : `${dbcPath}: no DBC messages`);
  }
  // A missing or unreadable vehicle.json offers nothing it cannot vouch for (no charging, no swap screens).
  const definition = await readFile(join(dir, 'vehicle.json'), 'utf8')
    .then((text) => JSON.parse(text) as unknown)
    .catch(() => null);
  return { vehicleId, ...loaded, capabilities: vehicleCapabilities(definition) };
}
