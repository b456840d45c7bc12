// The live station sources a head unit is configured with (<dataDir>/stations/sources.json): OCPI operators and Open Charge Map, checked with located errors.
import { join } from 'node:path';
import { z } from 'zod';
import { firstDuplicate, readConfigFile } from '../storage/configFile';
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
  const config = await readConfigFile(file, sourcesSchema, { label: 'stations', fallback: 'no live sources', report });
  if (!config) return { ocpi: [] };
  const twice = firstDuplicate(config.ocpi, (source) => source.source);
  if (twice !== null) {
    report(`stations: ${file}: source "${twice}" is listed twice; no live sources until it is fixed`);
    return { ocpi: [] };
  }
  return { ocpi: config.ocpi, ocm: config.ocm, refreshMs: config.refreshSeconds ? config.refreshSeconds * 1000 : undefined };
}
