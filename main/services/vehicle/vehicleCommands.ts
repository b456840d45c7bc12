// The VehicleCommands port: the only way a service moves the car — each target judged by the restriction engine, then the bounded write path.
import type { IntentReason } from '../../../shared/ipc/contract';
import { signalFreshness } from '../../../shared/state/vehicleSlice';
import { commandRefusal, type CommandRefusal } from '../../../shared/ux/commandPolicy';
import type { HostStore } from '../../host/hostStore';
import type { MonotonicClock } from '../../host/clock';
import type { VehicleWriter } from '../../vehicle/vehicleWriter';

export type CommandOutcome =
  | { ok: true; frames: number; superseded: number }
  | {
      ok: false;
      code: 'NO_VEHICLE' | 'NOT_ALLOWED' | 'INVALID' | 'DROPPED' | 'SEND_FAILED';
      error: string;
      /** For NOT_ALLOWED: what the driver is told, in their language. */
      reason?: IntentReason;
    };

export interface CommandMeta {
  /** Which feature asked (kept in the audit log). */
  feature: string;
  /** The page (or service) that asked; a page's pending commands are dropped when it goes away. */
  client: string;
  deadlineMs?: number;
}

export interface VehicleCommands {
  /** Actuator paths the connected vehicle can write; empty while none is connected. */
  writablePaths(): readonly string[];
  /** Why this target may not be set now, or null when it may (asks the restriction engine). */
  refusal(path: string, value: unknown): CommandRefusal | null;
  /** Refuses the whole request if any target is refused; otherwise sends it through the bounded queue. */
  send(targets: Record<string, unknown>, meta: CommandMeta): Promise<CommandOutcome>;
  /** Connects a vehicle link's writer (the CLI does); returns a function that detaches it. */
  attach(writer: VehicleWriter): () => void;
  dropClient(client: string): void;
}

const LIGHT_INTENSITY = 'Vehicle.Exterior.LightIntensity';

export function createVehicleCommands(store: HostStore, clock: MonotonicClock): VehicleCommands {
  let writer: VehicleWriter | null = null;

  const refusal = (path: string, value: unknown): CommandRefusal | null => {
    const state = store.getState();
    const light = state.vehicle.signals[LIGHT_INTENSITY];
    const lightIntensity = light && typeof light.value === 'number' && signalFreshness(light, clock()) === 'fresh' ? light.value : undefined;
    return commandRefusal(path, value, { drivingState: state.ux.restrictions.drivingState, lightIntensity });
  };

  return {
    writablePaths: () => writer?.writablePaths ?? [],
    refusal,
    async send(targets, meta) {
      if (!writer) return { ok: false, code: 'NO_VEHICLE', error: 'no vehicle is connected' };
      for (const [path, value] of Object.entries(targets)) {
        const refused = refusal(path, value);
        if (refused) {
          const state = store.getState().ux.restrictions.drivingState;
          return {
            ok: false,
            code: 'NOT_ALLOWED',
            error: `${path}: ${refused === 'parkedOnly' ? 'only while parked' : 'the low beam stays on while driving in the dark'} (the car is ${state})`,
            reason: { key: `ux.refused.${refused}` },
          };
        }
      }
      const result = await writer.write(targets, meta);
      return result.ok ? result : { ok: false, code: result.code, error: result.error };
    },
    attach(next) {
      writer = next;
      return () => {
        if (writer === next) writer = null;
      };
    },
    dropClient(client) {
      writer?.dropClient(client);
    },
  };
}
