// The flags the Electron entry accepts: the same ones as `cabin start`, among Chromium's own switches.
import { resolve } from 'node:path';
import type { VehicleFlags } from '../vehicle/vehicleChoice';

export interface ElectronFlags {
  kiosk: boolean;
  headUnit: boolean;
  /** Absolute; undefined means Electron's userData folder. */
  dataDir?: string;
  brand?: string;
  /** --vehicle, --dbc, --replay, --gateway, --scenario: where vehicle data comes from (as for `cabin start`). */
  vehicle: VehicleFlags;
  /** Switches we do not own (e.g. --no-sandbox, --ozone-platform=wayland): Chromium consumes them. */
  passthrough: string[];
}

/** A malformed Cabin flag: printed as one line, exit code 2. */
export class FlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagError';
  }
}

const VEHICLE_FLAGS = { '--vehicle': 'vehicle', '--dbc': 'dbc', '--replay': 'replay', '--gateway': 'gateway', '--scenario': 'scenario' } as const;
const VALUE_FLAGS = new Set(['--data-dir', '--brand', ...Object.keys(VEHICLE_FLAGS)]);
const BRAND_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * Parses the arguments after the app path. Unknown switches are not errors here, unlike in `cabin`:
 * Electron hands Chromium's switches to the app too, and a head unit's launcher may need them.
 */
export function parseElectronFlags(args: readonly string[], cwd = process.cwd()): ElectronFlags {
  const flags: ElectronFlags = { kiosk: false, headUnit: false, vehicle: {}, passthrough: [] };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (name === '--kiosk' || name === '--head-unit') {
      if (eq > 0) throw new FlagError(`${name} takes no value, got "${arg}"`);
      if (name === '--kiosk') flags.kiosk = true;
      else flags.headUnit = true;
    } else if (VALUE_FLAGS.has(name)) {
      let value: string | undefined;
      if (eq > 0) value = arg.slice(eq + 1);
      else if (i + 1 < args.length && !args[i + 1].startsWith('--')) value = args[(i += 1)];
      if (!value) throw new FlagError(`${name} needs a value, e.g. ${name === '--brand' ? '--brand cabin' : '--data-dir ~/cabin-data'}`);
      if (name in VEHICLE_FLAGS) flags.vehicle[VEHICLE_FLAGS[name as keyof typeof VEHICLE_FLAGS]] = value;
      else if (name === '--data-dir') flags.dataDir = resolve(cwd, value);
      else if (!BRAND_ID.test(value)) {
        throw new FlagError(`--brand must be a brand id (lower-case letters, digits, dashes), got "${value}"`);
      } else flags.brand = value;
    } else if (arg.startsWith('-')) {
      flags.passthrough.push(arg);
    }
    // Bare words are the app path ('.', out/main/index.js) or Chromium's own values: not ours.
  }
  return flags;
}

/** The user's arguments: a packaged app has no app-path argument, `electron <path>` has one. */
export function userArgs(argv: readonly string[], isPackaged: boolean): string[] {
  return argv.slice(isPackaged ? 1 : 2);
}
