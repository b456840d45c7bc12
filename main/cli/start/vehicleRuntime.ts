// Starts where vehicle data comes from — an external gateway, an embedded replay gateway, or the simulated EV — and links it to the host.
import { startGateway, type RunningGateway } from '../../../gateway/server';
import { createReplaySource } from '../../../gateway/sources/replay';
import type { FrameSource } from '../../../shared/gateway/source';
import { sendAllowlistFromMapping } from '../../../shared/gateway/allowlist';
import { formatDiagnostic } from '../../../shared/can/dbcModel';
import type { HostStore } from '../../host/hostStore';
import { startVehicleLink, type VehicleLink } from '../../vehicle/vehicleLink';
import type { VehicleFiles } from '../../vehicle/vehicleFiles';
import type { VehicleSource } from '../../vehicle/vehicleChoice';

/** Where this runtime's frames come from: the choice from the flags, or a source the caller built (the simulator). */
export type VehicleDataSource = VehicleSource | { kind: 'embedded'; source: FrameSource };

export interface VehicleRuntimeOptions {
  store: HostStore;
  vehicle: VehicleFiles;
  source: VehicleDataSource;
  dataDir: string;
  report: (line: string) => void;
}

export interface VehicleRuntime {
  link: VehicleLink;
  /** The embedded gateway, when this runtime started one (fault injection reaches it here). */
  gateway: RunningGateway | null;
  close(): Promise<void>;
}

export async function startVehicleRuntime({ store, vehicle, source, dataDir, report }: VehicleRuntimeOptions): Promise<VehicleRuntime> {
  for (const e of vehicle.errors) report(`vehicle: ${formatDiagnostic(e)} (skipped; the rest of the vehicle definition is used)`);
  for (const w of vehicle.warnings) report(`vehicle: warning: ${formatDiagnostic(w)}`);

  let gateway: RunningGateway | null = null;
  let url: string;
  let token: string;
  if (source.kind === 'gateway') {
    ({ url, token } = source);
  } else {
    const frames = source.kind === 'replay' ? await createReplaySource({ file: source.file, loop: source.loop }) : source.source;
    // The embedded gateway accepts sends only for the command messages this vehicle's mapping writes.
    gateway = await startGateway({ source: frames, sendAllowlist: sendAllowlistFromMapping(vehicle.mapping), log: (line) => report(`embedded gateway: ${line}`) });
    ({ url, token } = gateway);
  }
  const link = startVehicleLink({ store, vehicleId: vehicle.vehicleId, db: vehicle.db, mapping: vehicle.mapping, capabilities: vehicle.capabilities, gateway: { url, token }, dataDir, report });
  return {
    link,
    gateway,
    async close() {
      await link.close();
      await gateway?.close();
    },
  };
}
