// Finds the Electron binary without importing `electron` (which would try to download it from plain Node).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronLookup = { available: true; path: string } | { available: false; reason: string };

export function findElectronBinary(fromDir: string): ElectronLookup {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(join(fromDir, 'package.json')).resolve('electron/package.json'));
  } catch {
    return { available: false, reason: 'the electron package is not installed' };
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = join(override, 'electron');
    return existsSync(candidate) ? { available: true, path: candidate } : { available: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no electron binary` };
  }
  let relative: string;
  try {
    relative = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    return { available: false, reason: "Electron's binary has not been downloaded on this machine" };
  }
  const binary = join(packageDir, 'dist', relative);
  return existsSync(binary)
    ? { available: true, path: binary }
    : { available: false, reason: "Electron's binary has not been downloaded on this machine" };
}
