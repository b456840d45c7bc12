// Generates the About screen's licence list from the packages Cabin actually ships (production dependencies).
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface PackageLicense {
  name: string;
  version: string;
  license: string;
  text: string;
}

export interface DataSource {
  /** Key of the translated attribution text (about.attributions.<id>). */
  id: 'covesaVss';
  name: string;
  license: string;
}

/** Third-party data whose names or facts Cabin ships; the About screen must attribute them. */
export const DATA_SOURCES: DataSource[] = [
  { id: 'covesaVss', name: 'COVESA Vehicle Signal Specification', license: 'MPL-2.0' },
];

interface Manifest {
  name: string;
  version: string;
  license?: string | { type?: string };
  licenses?: Array<{ type?: string }>;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const LICENSE_FILE = /^(licen[cs]e|copying|notice)(\.(md|txt|markdown))?$/i;

/** Walks the production dependency tree from the project's package.json, resolving like Node does. */
export async function collectLicenses(projectRoot: string): Promise<PackageLicense[]> {
  const root = await readManifest(join(projectRoot, 'package.json'));
  if (!root) return [];
  const seen = new Map<string, PackageLicense>();
  const queue: Array<{ name: string; from: string }> = Object.keys(root.dependencies ?? {}).map((name) => ({
    name,
    from: projectRoot,
  }));
  while (queue.length > 0) {
    const { name, from } = queue.shift()!;
    const dir = await locate(name, from);
    if (!dir || seen.has(dir)) continue;
    const manifest = await readManifest(join(dir, 'package.json'));
    if (!manifest) continue;
    seen.set(dir, {
      name: manifest.name,
      version: manifest.version,
      license: licenseOf(manifest),
      text: await licenseText(dir),
    });
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      queue.push({ name: dep, from: dir });
    }
  }
  const unique = new Map<string, PackageLicense>();
  for (const entry of seen.values()) unique.set(`${entry.name}@${entry.version}`, entry);
  return [...unique.values()].sort((a, b) => a.name.localeCompare(b.name));
}

async function locate(name: string, from: string): Promise<string | null> {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (await readManifest(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

async function readManifest(path: string): Promise<Manifest | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

function licenseOf(manifest: Manifest): string {
  if (typeof manifest.license === 'string') return manifest.license;
  if (manifest.license?.type) return manifest.license.type;
  const list = manifest.licenses?.map((l) => l.type).filter(Boolean);
  return list?.length ? list.join(' OR ') : 'UNKNOWN';
}

async function licenseText(dir: string): Promise<string> {
  const file = (await readdir(dir)).find((f) => LICENSE_FILE.test(f));
  return file ? (await readFile(join(dir, file), 'utf8')).trim() : '';
}
