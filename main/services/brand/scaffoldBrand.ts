// Writes a new brand pack folder (brand.json + logos/mark.svg) that passes `cabin brand check` as it stands.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BRAND_ID } from '../../../shared/brand/brandSchema';
import { COLOR_TOKENS } from '../../../shared/brand/colorTokens';
import { validateBrandFile } from '../../../shared/brand/brandValidation';
import { formatJsonPath } from '../../../shared/brand/locatedJson';
import { brandTemplate, formatPackJson, templateMark } from '../../../shared/brand/packTemplate';

export class ScaffoldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScaffoldError';
  }
}

export interface ScaffoldOptions {
  /** Folder to create; it must not exist or be empty. */
  dir: string;
  name?: string;
  nameZh?: string;
}

/** "acme-motors" → "Acme Motors". */
function nameFromId(id: string): string {
  return id
    .split('-')
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}

/** Returns the files written, relative to the pack folder. */
export async function scaffoldBrand(id: string, options: ScaffoldOptions): Promise<string[]> {
  if (!BRAND_ID.test(id)) throw new ScaffoldError(`"${id}" is not a brand id: use lower-case letters, digits and dashes, e.g. acme-motors`);
  const dir = resolve(options.dir);
  const existing = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw new ScaffoldError(`cannot use ${dir}: ${error.code === 'ENOTDIR' ? 'it is a file' : error.message}`);
  });
  if (existing.length) throw new ScaffoldError(`${dir} already exists and is not empty; choose another folder with --out DIR`);
  const name = options.name ?? nameFromId(id);
  // A brand name is often kept in Latin letters in China too; the OEM replaces it when it has one.
  const pack = brandTemplate({ id, name, nameZh: options.nameZh ?? name });
  // Whatever was asked for (a 60-character name…) is refused here, not left for the first check to find.
  const problems = validateBrandFile(pack).issues;
  if (problems.length) throw new ScaffoldError(problems.map((p) => `${formatJsonPath(p.path)}: ${p.message}`).join('; '));
  await mkdir(join(dir, 'logos'), { recursive: true });
  await writeFile(join(dir, 'brand.json'), `${formatPackJson(pack)}\n`, { flag: 'wx' });
  await writeFile(join(dir, 'logos', 'mark.svg'), templateMark(COLOR_TOKENS.accent.day, '#ffffff'), { flag: 'wx' });
  return ['brand.json', 'logos/mark.svg'];
}
