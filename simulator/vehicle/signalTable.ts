// How the vehicle's modules publish themselves: the VSS signals each one reports and the writable paths each one owns.
import type { Result } from '../../shared/result';
import type { VssValue } from '../../shared/vehicle/vssValue';

export type Signals = Record<string, VssValue>;

/** Applies a target to one writable VSS path; the target already has the catalog's type and range. */
export type Writer = (target: VssValue) => Result;

export interface VehicleModule {
  /** Adds this module's VSS signals, in VSS units, to `out`. */
  signals(out: Signals): void;
  /** The writable VSS paths this module owns. */
  readonly writers?: Readonly<Record<string, Writer>>;
  /** Adds the targets of this module's actuators (what was asked, beside what `signals` says is). */
  targets?(out: Record<string, number>): void;
}

/** One table from every module's writers; a path owned twice is a programming error. */
export function writeTable(modules: readonly VehicleModule[]): ReadonlyMap<string, Writer> {
  const table = new Map<string, Writer>();
  for (const module of modules) {
    for (const [path, writer] of Object.entries(module.writers ?? {})) {
      if (table.has(path)) throw new Error(`${path} is written by two vehicle modules`);
      table.set(path, writer);
    }
  }
  return table;
}
