// Builds the renderer when its output is missing or older than its sources, so `start` works on a fresh checkout.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const STAMP = '.cabin-build.json';
/** Sources the renderer bundle is made from; a change in any of them means a rebuild. */
const INPUTS = ['renderer', 'shared', 'assets/locales', 'package.json', 'package-lock.json'];

export function rendererOutDir(projectRoot: string): string {
  return resolve(projectRoot, 'out', 'renderer');
}

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, await newestMtime(join(path, entry.name)));
  }
  return newest;
}

export async function rendererIsStale(projectRoot: string): Promise<boolean> {
  const stamp = await readFile(join(rendererOutDir(projectRoot), STAMP), 'utf8').catch(() => null);
  if (!stamp) return true;
  const built = (JSON.parse(stamp) as { inputsMtime?: number }).inputsMtime ?? 0;
  const inputs = await Promise.all(INPUTS.map((p) => newestMtime(resolve(projectRoot, p))));
  return Math.max(...inputs) > built;
}

/** Returns true when it had to build. Vite is a development dependency: present after `npm install`. */
export async function ensureRendererBuilt(projectRoot: string, report: (line: string) => void): Promise<boolean> {
  if (!(await rendererIsStale(projectRoot))) return false;
  report('building the renderer (first start or sources changed)…');
  const inputsMtime = Math.max(...(await Promise.all(INPUTS.map((p) => newestMtime(resolve(projectRoot, p))))));
  const { build } = await import('vite');
  await build({ configFile: resolve(projectRoot, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
  await writeFile(join(rendererOutDir(projectRoot), STAMP), JSON.stringify({ inputsMtime, builtAt: Date.now() }));
  return true;
}
