// Turns the vehicle flags (`cabin start`, the Electron entry) into a validated vehicle definition and a data source.
import { resolve } from 'node:path';
import { loadVehicleFiles, type VehicleFiles } from './vehicleFiles';

/** A flag combination that cannot work; the CLI shows it as a usage error (exit 2). */
export class VehicleFlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VehicleFlagError';
  }
}

/** Where a real vehicle's frames come from: a gateway already running, or a candump log replayed by an embedded one. */
export type VehicleSource = { kind: 'gateway'; url: string; token: string } | { kind: 'replay'; file: string; loop: boolean };

export const DEFAULT_VEHICLE = 'cabin-ev';

export interface VehicleFlags {
  vehicle?: string;
  dbc?: string;
  replay?: string;
  gateway?: string;
  scenario?: string;
}

export interface VehicleChoice {
  files: VehicleFiles;
  /** Null: the simulated EV (parked, or driving `scenario`). */
  source: VehicleSource | null;
  scenario: string | undefined;
}

export async function chooseVehicle(flags: VehicleFlags, cwd: string, assetsDir: string): Promise<VehicleChoice> {
  const chosen = [flags.replay && '--replay', flags.gateway && '--gateway', flags.scenario && '--scenario'].filter(Boolean);
  if (chosen.length > 1) throw new VehicleFlagError(`${chosen.join(' and ')} choose different vehicle data sources; use one`);
  const vehicleId = flags.vehicle ?? DEFAULT_VEHICLE;
  if (flags.scenario && vehicleId !== DEFAULT_VEHICLE) {
    throw new VehicleFlagError(`scenarios drive the simulated "${DEFAULT_VEHICLE}"; --vehicle ${vehicleId} needs --replay or --gateway`);
  }
  const files: VehicleFiles = await loadVehicleFiles(assetsDir, vehicleId, flags.dbc && resolve(cwd, flags.dbc));
  if (flags.gateway) return { files, source: parseGatewayUrl(flags.gateway), scenario: undefined };
  if (flags.replay) return { files, source: { kind: 'replay', file: resolve(cwd, flags.replay), loop: true }, scenario: undefined };
  if (vehicleId !== DEFAULT_VEHICLE) {
    throw new VehicleFlagError(`--vehicle ${vehicleId} is a real vehicle: give its data with --replay FILE or --gateway URL`);
  }
  return { files, source: null, scenario: flags.scenario };
}

/** `ws://host:port` with the token in `?token=` or $CABIN_GATEWAY_TOKEN. */
function parseGatewayUrl(raw: string): VehicleSource {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new VehicleFlagError(`--gateway needs a URL like ws://127.0.0.1:7000, got "${raw}"`);
  }
  if (!['ws:', 'wss:', 'http:', 'https:'].includes(url.protocol)) {
    throw new VehicleFlagError(`--gateway needs a ws:// or wss:// URL, got "${raw}"`);
  }
  const token = url.searchParams.get('token') ?? process.env.CABIN_GATEWAY_TOKEN;
  if (!token) throw new VehicleFlagError('--gateway needs a token: add ?token=… to the URL or set CABIN_GATEWAY_TOKEN');
  url.searchParams.delete('token');
  return { kind: 'gateway', url: url.toString().replace(/\/$/, ''), token };
}
