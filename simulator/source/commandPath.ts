// The sim source's write path: a command frame is checked (bus, allowlist, length), decoded, and its targets handed to the vehicle's actuators.
import type { CompiledDbc } from '../../shared/can/dbcCompile';
import { messageKey, type DbcDatabase } from '../../shared/can/dbcModel';
import { FrameFlag, type CanFrame } from '../../shared/can/frame';
import type { VssValue } from '../../shared/vehicle/vssValue';
import { createCommandDecoder } from '../../shared/vehicle/commandDecoder';
import type { VehicleMapping } from '../../shared/vehicle/mapping';
import type { Result } from '../../shared/result';

export interface CommandPathOptions {
  vehicleId: string;
  bus: string;
  db: DbcDatabase;
  mapping: VehicleMapping;
  compiled: CompiledDbc;
  /** Whether a fault holds `bus` in bus-off (nothing can be sent on it). */
  isBusOff: (bus: string) => boolean;
}

/** Where decoded targets go: the running vehicle's write table. */
export type TargetSink = (target: { path: string; target: VssValue }) => Result;

export interface CommandPath {
  /** Applies one command frame; throws `ID: reason` when refused. `applied` is called once targets reached the vehicle. */
  apply(frame: CanFrame, sink: TargetSink, applied: () => void): void;
  /** Command frames accepted / refused. */
  readonly accepted: number;
  readonly refused: number;
}

export function createCommandPath(options: CommandPathOptions): CommandPath {
  const { vehicleId, bus, db, mapping, compiled, isBusOff } = options;
  const decoded = compiled.createOutput();
  const commands = createCommandDecoder(mapping);
  const writableKeys = new Set(db.messages.filter((m) => mapping.writable.has(m.name)).map((m) => messageKey(m.id, m.extended)));
  let accepted = 0;
  let refused = 0;

  return {
    get accepted() {
      return accepted;
    },
    get refused() {
      return refused;
    },
    apply(frame, sink, applied) {
      const where = `${frame.extended ? frame.id.toString(16).padStart(8, '0') : frame.id.toString(16).padStart(3, '0')}`.toUpperCase();
      const refuse = (reason: string): never => {
        refused++;
        throw new Error(`${where}: ${reason}`);
      };
      if (frame.bus !== bus) refuse(`no bus "${frame.bus}" on the simulated vehicle (it has ${bus})`);
      if (isBusOff(frame.bus)) refuse(`${frame.bus} is bus-off (fault injection): the frame cannot be sent`);
      if (frame.flags & (FrameFlag.ERROR | FrameFlag.RTR)) refuse('error and remote frames carry no command');
      const compiledMessage = compiled.lookup(frame.id, frame.extended);
      if (!compiledMessage) return refuse(`id is not in ${vehicleId}'s DBC`);
      const message = compiledMessage.message;
      const key = messageKey(frame.id, frame.extended);
      if (!writableKeys.has(key)) return refuse(`${message.name} is not on the writable allowlist (${[...mapping.writable].join(', ')})`);
      if (frame.data.length < message.length) return refuse(`${message.name} needs ${message.length} bytes, the frame has ${frame.data.length}`);
      compiledMessage.decode(frame.data, decoded);
      const { targets, rejected } = commands.onDecoded(key, decoded);
      const refusals = [...rejected];
      for (const t of targets) {
        const r = sink(t);
        if (!r.ok) refusals.push(r.error);
      }
      if (targets.length > 0) applied();
      if (refusals.length > 0) refuse(`${message.name}: ${refusals[0]}${refusals.length > 1 ? ` (and ${refusals.length - 1} more)` : ''}`);
      accepted++;
    },
  };
}
