// Applies a profile's car settings through the VehicleCommands port: each one pending → confirmed by its read-back, or failed with the reason.
import type { IntentReason } from '../../../shared/ipc/contract';
import {
  readBackReached,
  writableSettings,
  type SettingGroup,
  type VehicleSettingId,
  type VehicleTarget,
} from '../../../shared/profiles/vehicleSettings';
import { applicationStarted, settingApplyChanged, writableSettingsChanged, type SettingApply } from '../../../shared/state/profilesSlice';
import { signalFreshness } from '../../../shared/state/vehicleSlice';
import type { MonotonicClock } from '../../host/clock';
import type { HostStore } from '../../host/hostStore';
import type { CommandOutcome, VehicleCommands } from '../vehicle/vehicleCommands';

/** How long a read-back may take to reach its target: motors move at a few mm or % a second. */
export interface ConfirmTimeouts {
  motorMs: number;
  otherMs: number;
}
export const DEFAULT_CONFIRM_TIMEOUTS: ConfirmTimeouts = { motorMs: 25_000, otherMs: 10_000 };
const MOTOR_GROUPS: ReadonlySet<SettingGroup> = new Set(['seat', 'mirrors', 'steering']);

export interface ApplyTarget extends VehicleTarget {
  /** The learnt rule that set this target instead of the profile, if any. */
  rule?: string;
}

export interface SettingsApplier {
  /** Starts applying `targets` for a profile (null: nothing, the guest), replacing what was being applied. */
  apply(profileId: string | null, targets: readonly ApplyTarget[]): void;
  /** Adds or replaces some targets of the running application (a rule fired, the profile was edited). */
  applyMore(targets: readonly ApplyTarget[]): void;
  /** Sends the failed settings again; answers how many. */
  retry(): number;
  /** The target a setting is being driven to now (pending or confirmed), so the driver's own changes can be told apart. */
  currentTarget(id: VehicleSettingId): number | string | undefined;
  close(): void;
}

export interface SettingsApplierOptions {
  store: HostStore;
  commands: () => VehicleCommands | undefined;
  clock: MonotonicClock;
  timeouts?: ConfirmTimeouts;
  report: (line: string) => void;
}

interface Pending {
  target: ApplyTarget;
  timer: NodeJS.Timeout | null;
}

const reasons = {
  noVehicle: { key: 'profiles.apply.noVehicle' },
  timeout: (seconds: number): IntentReason => ({ key: 'profiles.apply.timeout', params: { seconds } }),
  sendFailed: { key: 'profiles.apply.sendFailed' },
  dropped: { key: 'profiles.apply.dropped' },
  invalid: { key: 'profiles.apply.invalid' },
} as const;

export function createSettingsApplier({ store, commands, clock, timeouts = DEFAULT_CONFIRM_TIMEOUTS, report }: SettingsApplierOptions): SettingsApplier {
  /** Bumped by every new application: answers for an older one are ignored. */
  let generation = 0;
  let profileId: string | null = null;
  const pending = new Map<VehicleSettingId, Pending>();
  /** Targets of the running application, for retries. */
  const targets = new Map<VehicleSettingId, ApplyTarget>();

  const status = (id: VehicleSettingId) => store.getState().profiles.application?.settings[id];
  const set = (id: VehicleSettingId, next: SettingApply) => store.dispatch(settingApplyChanged({ id, status: next }));
  const base = (t: ApplyTarget) => ({ target: t.value, ...(t.rule && { rule: t.rule }) });

  const settle = (id: VehicleSettingId) => {
    const entry = pending.get(id);
    if (entry?.timer) clearTimeout(entry.timer);
    pending.delete(id);
  };

  const fail = (t: ApplyTarget, reason: IntentReason, detail: string) => {
    settle(t.id);
    set(t.id, { state: 'failed', ...base(t), reason, detail });
    report(`profiles: ${t.path} not applied: ${detail}`);
  };

  /** Confirms whatever pending setting already reads back its target. */
  const check = () => {
    if (pending.size === 0) return;
    const { signals } = store.getState().vehicle;
    const now = clock();
    for (const [id, entry] of pending) {
      const sample = signals[entry.target.path];
      if (!sample || signalFreshness(sample, now) !== 'fresh') continue;
      if (readBackReached(id, sample.value, entry.target.value)) {
        settle(id);
        set(id, { state: 'confirmed', ...base(entry.target) });
      }
    }
  };

  const outcomeReason = (outcome: Extract<CommandOutcome, { ok: false }>): IntentReason => {
    switch (outcome.code) {
      case 'NO_VEHICLE':
        return reasons.noVehicle;
      case 'NOT_ALLOWED':
        return outcome.reason ?? { key: 'ux.refused.parkedOnly' };
      case 'DROPPED':
        return reasons.dropped;
      case 'INVALID':
        return reasons.invalid;
      default:
        return reasons.sendFailed;
    }
  };

  const send = (batch: readonly ApplyTarget[]) => {
    const port = commands();
    const mine = generation;
    const writable = port ? new Set(port.writablePaths()) : new Set<string>();
    const connected = store.getState().profiles.writable !== null;
    const groups = new Map<SettingGroup, ApplyTarget[]>();
    for (const t of batch) {
      settle(t.id);
      targets.set(t.id, t);
      if (!port || !connected) {
        fail(t, reasons.noVehicle, 'no vehicle is connected');
        continue;
      }
      if (!writable.has(t.path)) {
        set(t.id, { state: 'unavailable' });
        continue;
      }
      // Seat, mirrors and steering column never move unless parked: the restriction engine decides, per target.
      const refused = port.refusal(t.path, t.value);
      if (refused) {
        const { drivingState, cause } = store.getState().ux.restrictions;
        // A car that has not yet said its gear and speed is not "moving": the target waits for it, and is sent
        // once the engine knows (a parked car then gets its seat without anyone pressing retry).
        if (cause === 'unknownInputs' || cause === 'staleInputs') fail(t, reasons.noVehicle, `${t.path}: waiting for the car's gear and speed (${cause})`);
        else fail(t, { key: `ux.refused.${refused}` }, `${t.path}: refused while ${drivingState} (${refused})`);
        continue;
      }
      set(t.id, { state: 'pending', ...base(t) });
      const group = groups.get(t.group) ?? [];
      group.push(t);
      groups.set(t.group, group);
    }
    for (const [group, items] of groups) {
      const timeoutMs = MOTOR_GROUPS.has(group) ? timeouts.motorMs : timeouts.otherMs;
      for (const t of items) {
        const timer = setTimeout(() => {
          if (generation !== mine || !pending.has(t.id)) return;
          const sample = store.getState().vehicle.signals[t.path];
          const seen = sample ? `${JSON.stringify(sample.value)}${signalFreshness(sample, clock()) === 'fresh' ? '' : ' (stale)'}` : 'nothing';
          fail(t, reasons.timeout(Math.round(timeoutMs / 1000)), `${t.path}: read back ${seen} after ${timeoutMs} ms, target ${JSON.stringify(t.value)}`);
        }, timeoutMs);
        timer.unref();
        pending.set(t.id, { target: t, timer });
      }
      const request = Object.fromEntries(items.map((t) => [t.path, t.value]));
      void port!.send(request, { feature: 'profiles', client: 'profiles' }).then(
        (outcome) => {
          if (generation !== mine) return;
          if (!outcome.ok) {
            for (const t of items) if (pending.has(t.id)) fail(t, outcomeReason(outcome), outcome.error);
            return;
          }
          check();
        },
        (error: unknown) => {
          if (generation !== mine) return;
          for (const t of items) if (pending.has(t.id)) fail(t, reasons.sendFailed, (error as Error).message);
        },
      );
    }
    check();
  };

  // Read-backs arrive as store updates; the car's writable settings change when a vehicle attaches or goes.
  let lastWritablePaths: readonly string[] | null | undefined;
  let lastDrivingState: string | undefined;
  const failedFor = (key: string) =>
    [...targets.values()].filter((t) => {
      const s = status(t.id);
      return s?.state === 'failed' && s.reason.key === key;
    });
  let lastLink: string | undefined;
  const unsubscribe = store.subscribe(() => {
    check();
    const state = store.getState();
    const { drivingState } = state.ux.restrictions;
    if (drivingState !== lastDrivingState) {
      lastDrivingState = drivingState;
      const waiting = failedFor(reasons.noVehicle.key);
      if (waiting.length && state.profiles.writable !== null) send(waiting);
    }
    const paths = commands()?.writablePaths() ?? [];
    const link = `${state.vehicle.vehicleId}|${state.connection.gateway.status}`;
    if (paths === lastWritablePaths && link === lastLink) return;
    lastWritablePaths = paths;
    lastLink = link;
    // A car whose mapping writes nothing (a replay) is still a car: its settings are "not available", not "no vehicle".
    const connected = paths.length > 0 || (state.vehicle.vehicleId !== null && state.connection.gateway.status === 'connected');
    const next = connected ? writableSettings(paths) : null;
    const current = state.profiles.writable;
    if (JSON.stringify(next) === JSON.stringify(current)) return;
    store.dispatch(writableSettingsChanged(next));
    // A vehicle arrived (or its writer did): what failed for want of one, or was not writable before, is sent now.
    if (next !== null) {
      const now = new Set(next);
      const waiting = [...failedFor(reasons.noVehicle.key), ...[...targets.values()].filter((t) => status(t.id)?.state === 'unavailable' && now.has(t.id))];
      if (waiting.length) send(waiting);
    }
  });

  const reset = () => {
    for (const id of [...pending.keys()]) settle(id);
    targets.clear();
  };

  return {
    apply(id, next) {
      generation += 1;
      profileId = id;
      reset();
      store.dispatch(applicationStarted({ profileId, settings: {} }));
      if (next.length) send(next);
    },
    applyMore(next) {
      if (next.length) send(next);
    },
    retry() {
      const failed = [...targets.values()].filter((t) => status(t.id)?.state === 'failed');
      if (failed.length) send(failed);
      return failed.length;
    },
    currentTarget(id) {
      const s = status(id);
      return s && s.state !== 'unavailable' && s.state !== 'failed' ? s.target : undefined;
    },
    close() {
      generation += 1;
      reset();
      unsubscribe();
    },
  };
}

