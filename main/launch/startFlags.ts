// The one parser of Cabin's start flags, used by `cabin start` and by the Electron entry, so both accept exactly the same flags.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { VehicleFlags } from '../vehicle/vehicleChoice';

export interface StartFlags {
  web: boolean;
  kiosk: boolean;
  /** A head unit without kiosk (a windowed test bench): no developer screens, no DevTools. */
  headUnit: boolean;
  /** Opens DevTools in Electron; a developer's choice, never on by default. */
  devTools: boolean;
  brand?: string;
  /** Absolute. */
  dataDir?: string;
  port?: string;
  vehicle: VehicleFlags;
}

/** A malformed start flag: printed as one line, exit code 2. */
export class StartFlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartFlagError';
  }
}

export const START_OPTIONS = {
  web: { type: 'boolean' },
  kiosk: { type: 'boolean' },
  'head-unit': { type: 'boolean' },
  'dev-tools': { type: 'boolean' },
  brand: { type: 'string' },
  'data-dir': { type: 'string' },
  port: { type: 'string' },
  vehicle: { type: 'string' },
  dbc: { type: 'string' },
  replay: { type: 'string' },
  gateway: { type: 'string' },
  scenario: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const BRAND_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * Chromium switches a head unit's launcher may need (display, input, GPU). Anything else — above all
 * --remote-debugging-port, --inspect, --js-flags — is refused: it would open the car's app to a debugger.
 */
export const CHROMIUM_SWITCH_ALLOWLIST = [
  '--no-sandbox',
  '--ozone-platform',
  '--ozone-platform-hint',
  '--enable-features',
  '--disable-features',
  '--disable-gpu',
  '--use-gl',
  '--use-angle',
  '--force-device-scale-factor',
  '--touch-events',
  '--enable-wayland-ime',
  '--disable-dev-shm-usage',
  '--lang',
] as const;

export function parseStartFlags(args: readonly string[], cwd: string): StartFlags & { help: boolean } {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof START_OPTIONS; strict: true }>>['values'];
  try {
    ({ values } = parseArgs({ args: [...args], options: START_OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    const first = ((error as Error).message ?? String(error)).split('\n')[0].replace(/\. To specify a positional argument.*$/s, '');
    const missing = /^Option '(--[\w-]+)[^']*' argument missing/.exec(first);
    throw new StartFlagError(missing ? `${missing[1]} needs a value` : first.replace(/^Unknown option/, 'unknown flag'));
  }
  if (values.brand !== undefined && !BRAND_ID.test(values.brand)) {
    throw new StartFlagError(`--brand must be a brand id (lower-case letters, digits, dashes), got "${values.brand}"`);
  }
  for (const name of ['data-dir', 'vehicle', 'dbc', 'replay', 'gateway', 'scenario', 'brand', 'port'] as const) {
    if (values[name] === '') throw new StartFlagError(`--${name} needs a value`);
  }
  const vehicle: VehicleFlags = {};
  for (const name of ['vehicle', 'dbc', 'replay', 'gateway', 'scenario'] as const) if (values[name] !== undefined) vehicle[name] = values[name];
  return {
    web: values.web ?? false,
    kiosk: values.kiosk ?? false,
    headUnit: values['head-unit'] ?? false,
    devTools: values['dev-tools'] ?? false,
    brand: values.brand,
    dataDir: values['data-dir'] === undefined ? undefined : resolve(cwd, values['data-dir']),
    port: values.port,
    vehicle,
    help: values.help ?? false,
  };
}

/** The same flags as arguments again, for the Electron process `cabin start` launches (web and port are not Electron's). */
export function startFlagsToArgs(flags: StartFlags): string[] {
  const args: string[] = [];
  if (flags.kiosk) args.push('--kiosk');
  if (flags.headUnit) args.push('--head-unit');
  if (flags.devTools) args.push('--dev-tools');
  if (flags.brand) args.push('--brand', flags.brand);
  if (flags.dataDir) args.push('--data-dir', flags.dataDir);
  for (const [name, value] of Object.entries(flags.vehicle)) if (value !== undefined) args.push(`--${name}`, value);
  return args;
}

/**
 * Splits the Electron process's arguments: Cabin's flags (strictly parsed) and the allowlisted Chromium
 * switches. Bare words (the app path) are Electron's. Anything else is an error, exit 2.
 */
export function parseElectronArgs(args: readonly string[], cwd: string): { flags: StartFlags; chromium: string[] } {
  const ours: string[] = [];
  const chromium: string[] = [];
  const allowed = new Set<string>(CHROMIUM_SWITCH_ALLOWLIST);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-')) {
      // A bare word right after one of our value flags is its value; otherwise it is the app path.
      if (ours.length && isValueFlag(ours[ours.length - 1])) ours.push(arg);
      continue;
    }
    const name = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    if (allowed.has(name)) chromium.push(arg);
    else if (isCabinFlag(name)) ours.push(arg);
    else throw new StartFlagError(`${name} is not a Cabin flag and not an allowed Chromium switch (allowed: ${CHROMIUM_SWITCH_ALLOWLIST.join(', ')})`);
  }
  const { help: _help, ...flags } = parseStartFlags(ours, cwd);
  if (flags.web || flags.port !== undefined) throw new StartFlagError('--web and --port are for the browser simulation, not the Electron app');
  return { flags, chromium };
}

function isCabinFlag(name: string): boolean {
  return name.startsWith('--') && Object.hasOwn(START_OPTIONS, name.slice(2));
}

function isValueFlag(arg: string): boolean {
  if (!arg.startsWith('--') || arg.includes('=')) return false;
  const option = (START_OPTIONS as Record<string, { type: string }>)[arg.slice(2)];
  return option?.type === 'string';
}
