// The live station sources a head unit is configured with (<dataDir>/stations/sources.json): OCPI operators and Open Charge Map, checked with located errors.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { formatJsonPath, parseLocatedJson } from '../../../shared/brand/locatedJson';
import type { OcpiSourceConfig } from './stationsService';

export const SOURCES_FILE = join('stations', 'sources.json');

const httpUrl = z.string().url().refine((u) => /^https?:\/\//.test(u), { message: 'an http(s) URL' });

const sourcesSchema = z.strictObject({
  ocpi: z
    .array(
      z.strictObject({
        /** Name of the source (its cache file, and the identity of records without a party). */
        source: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, { message: '1–64 letters, digits, ".", "_" or "-"' }),
        url: httpUrl,
        token: z.string().min(1).max(512).optional(),
        pageLimit: z.number().int().min(1).max(1000).optional(),
      }),
    )
    .max(20)
    .default([]),
  ocm: z.strictObject({ baseUrl: httpUrl, apiKey: z.string().min(1).max(200).optional() }).optional(),
  /** How often live sources are asked again, seconds. */
  refreshSeconds: z.number().int().min(10).max(86_400).optional(),
});

export interface SourcesConfig {
  ocpi: OcpiSourceConfig[];
  ocm?: { baseUrl: string; apiKey?: string };
  refreshMs?: number;
}

/**
 * Reads the file if it is there; none means no configured sources (the simulation adds its own operator).
 * A file with mistakes is not used, and each mistake is reported as file:line:col with its JSON path.
 */
export async function readSourcesConfig(dataDir: string, report: (line: string) => void): Promise<SourcesConfig> {
  const file = join(dataDir, SOURCES_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') report(`stations: cannot read ${file} (${(error as Error).message}); no live sources`);
    return { ocpi: [] };
  }
  const parsed = parseLocatedJson(text);
  if (!parsed.ok) {
    report(`stations: ${file}:${parsed.error.line}:${parsed.error.col}: ${parsed.error.message}; no live sources`);
    return { ocpi: [] };
  }
  const checked = sourcesSchema.safeParse(parsed.value);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const at = parsed.locate(issue.path as PropertyKey[]) ?? { line: 1, col: 1 };
      report(`stations: ${file}:${at.line}:${at.col}: ${formatJsonPath(issue.path as PropertyKey[])}: ${issue.message}`);
    }
    report(`stations: ${file} has mistakes; no live sources until it is fixed`);
    return { ocpi: [] };
  }
  const names = new Set<string>();
  for (const source of checked.data.ocpi) {
    if (names.has(source.source)) {
      report(`stations: ${file}: source "${source.source}" is listed twice; no live sources until it is fixed`);
      return { ocpi: [] };
    }
    names.add(source.source);
  }
  return { ocpi: checked.data.ocpi, ocm: checked.data.ocm, refreshMs: checked.data.refreshSeconds ? checked.data.refreshSeconds * 1000 : undefined };
}
