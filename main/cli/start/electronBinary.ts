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

/**
 * Electron ≥ 42 downloads its binary lazily. Run its installer once (in a child process, so a
 * failure is one line, not a stack) and look again; without internet this fails within a second.
 */
export async function fetchElectronBinary(fromDir: string, timeoutMs = 10 * 60_000): Promise<ElectronLookup> {
  let installer: string;
  try {
    installer = join(dirname(createRequire(join(fromDir, 'package.json')).resolve('electron/package.json')), 'install.js');
  } catch {
    return { available: false, reason: 'the electron package is not installed' };
  }
  const { spawn } = await import('node:child_process');
  const ok = await new Promise<boolean>((resolve) => {
    const child = spawn(process.execPath, [installer], { stdio: 'ignore', timeout: timeoutMs });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
  const found = findElectronBinary(fromDir);
  if (found.available) return found;
  return {
    available: false,
    reason: ok
      ? "Electron's installer ran but left no binary"
      : "Electron's binary is not installed and could not be downloaded (no internet access?)",
  };
}
