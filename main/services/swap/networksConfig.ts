// The swap networks a head unit is configured with (<dataDir>/swap/networks.json): each operator's base URL and this car's bearer token, checked with located errors.
import { join } from 'node:path';
import { z } from 'zod';
import { firstDuplicate, readConfigFile } from '../storage/configFile';
import type { SwapNetworkConfig } from './networks';

export const NETWORKS_FILE = join('swap', 'networks.json');

const networksSchema = z.strictObject({
  networks: z
    .array(
      z.strictObject({
        /** Stable id: bookings name their network by it, so changing it orphans a live booking. */
        id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, { message: '1–64 lower-case letters, digits, ".", "_" or "-"' }),
        /** What the driver sees. */
        name: z.string().trim().min(1).max(80),
        /** The operator's protocol root, e.g. https://swap.example.com (the client adds /swap/v1). */
        url: z.string().url().refine((u) => /^https?:\/\//.test(u), { message: 'an http(s) URL' }),
        /** This car's bearer token at that operator (never logged). */
        token: z.string().min(1).max(512),
      }),
    )
    .max(20),
});

/** The configured networks; none, or a file with any mistake, means none (the simulation offers its own). */
export async function readNetworksConfig(dataDir: string, report: (line: string) => void): Promise<SwapNetworkConfig[]> {
  const file = join(dataDir, NETWORKS_FILE);
  const config = await readConfigFile(file, networksSchema, { label: 'swap', fallback: 'no configured swap networks', report });
  if (!config) return [];
  const twice = firstDuplicate(config.networks, (network) => network.id);
  if (twice !== null) {
    report(`swap: ${file}: network "${twice}" is listed twice; no configured swap networks until it is fixed`);
    return [];
  }
  return config.networks;
}
