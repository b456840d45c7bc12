// Finds and loads the simulator's data files (vehicle definitions, routes, scenarios) from assets/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import { parseVehicleDefinition, type VehicleDefinition } from '../shared/vehicle/vehicleDefinition';
import { Route, routeSchema } from './route';
import { parseScenario, type Scenario, type ScenarioIssue } from './scenario';

export const ASSETS_DIR = resolve(import.meta.dirname, '..', 'assets');

/** A broken asset file: the message names the file and where in it. */
export class AssetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssetError';
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AssetError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    if (position) {
      const before = text.slice(0, Number(position[1]));
      const line = before.split('\n').length;
      const col = Number(position[1]) - before.lastIndexOf('\n');
      throw new AssetError(`${file}:${line}:${col}: invalid JSON (${message})`);
    }
    throw new AssetError(`${file}: invalid JSON (${message})`);
  }
}

export function vehicleDefinitionFile(id: string): string {
  return resolve(ASSETS_DIR, 'vehicles', id, 'vehicle.json');
}

export function loadVehicleDefinition(id = 'cabin-ev'): VehicleDefinition {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new AssetError(`vehicle id "${id}" is not a valid id`);
  const file = vehicleDefinitionFile(id);
  if (!existsSync(file)) throw new AssetError(`no vehicle "${id}": ${file} does not exist`);
  const result = parseVehicleDefinition(readJson(file));
  if (!result.ok) throw new AssetError(result.issues.map((i) => `${file}: ${i.path}: ${i.message}`).join('\n'));
  return result.definition;
}

export function routeFile(id: string): string {
  return resolve(ASSETS_DIR, 'routes', `${id}.json`);
}

export function routeExists(id: string): boolean {
  return /^[a-z0-9][a-z0-9-]*$/.test(id) && existsSync(routeFile(id));
}


export function loadRoute(id: string): Route {
  if (!routeExists(id)) throw new AssetError(`no route "${id}" in ${resolve(ASSETS_DIR, 'routes')}`);
  const file = routeFile(id);
  const result = routeSchema.safeParse(readJson(file));
  if (!result.success) {
    throw new AssetError(result.error.issues.map((i) => `${file}: ${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('\n'));
  }
  if (result.data.id !== id) throw new AssetError(`${file}: id "${result.data.id}" does not match the file name`);
  return new Route(result.data);
}

export function listScenarios(): string[] {
  return listIds(resolve(ASSETS_DIR, 'scenarios'), '.yaml');
}

/** A bare name is a bundled scenario; anything with a slash or a .yaml/.yml ending is a file path. */
export function scenarioFile(nameOrPath: string, cwd = process.cwd()): string {
  if (nameOrPath.includes('/') || nameOrPath.includes('\\') || /\.ya?ml$/.test(nameOrPath)) {
    return isAbsolute(nameOrPath) ? nameOrPath : resolve(cwd, nameOrPath);
  }
  return resolve(ASSETS_DIR, 'scenarios', `${nameOrPath}.yaml`);
}

export type LoadScenarioResult =
  | { ok: true; scenario: Scenario; file: string }
  | { ok: false; errors: ScenarioIssue[]; file: string };

export function loadScenario(nameOrPath: string, cwd = process.cwd()): LoadScenarioResult {
  const file = scenarioFile(nameOrPath, cwd);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    const known = listScenarios();
    const message = `no scenario "${nameOrPath}" (${file} cannot be read); bundled: ${known.join(', ') || 'none'}`;
    return { ok: false, file, errors: [{ file, line: 1, col: 1, path: '', message }] };
  }
  const result = parseScenario(text, file, { routeExists, expectedName: basename(file).replace(/\.ya?ml$/, '') });
  return result.ok ? { ok: true, scenario: result.scenario, file } : { ok: false, errors: result.errors, file };
}

function listIds(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .map((f) => basename(f, ext))
    .sort();
}
