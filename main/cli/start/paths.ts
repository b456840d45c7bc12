// Where Cabin's own files are: the project root and the default user-data folder (same as Electron's).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const projectRoot = resolve(import.meta.dirname, '..', '..', '..');

export function appVersion(): string {
  return (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Electron's app.getPath('userData') for productName "Cabin" on Linux, so both modes share settings. */
export function defaultDataDir(): string {
  const config = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(config, 'Cabin');
}
