// `cabin stations`: import OCPI / Open Charge Map files into a station dataset, and query a dataset around a position.
import { resolve } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { dispatch, parseFlags, CliFailure, UsageError, type CliCommand, type CliIO } from '../command';
import { CONNECTOR_STANDARDS, type ConnectorStandard } from '../../../shared/stations/model';
import { normaliseStandard } from '../../../shared/stations/standards';
import { formatIssue } from '../../../shared/stations/importReport';
import { stationQuerySchema } from '../../../shared/stations/search';
import { importFiles, readJsonFile, type FeedFormat } from '../../services/stations/importFiles';
import { buildStore } from '../../services/stations/storeBuilder';
import { DatasetError, loadDataset, saveDataset } from '../../services/stations/datasetFile';
import { indexStore, searchStores } from '../../services/stations/stationSearch';
import { OFFLINE_DATASET } from '../../services/stations/offlineDataset';
import { readOcmReference } from '../../../shared/stations/ocmImport';

const importHelp = `Usage: cabin stations import --from ocpi|ocm FILE... --out DATASET [--reference FILE] [--report FILE] [--verbose]

Imports charging-station feeds into a dataset that "cabin stations query" and the app read.
  --from ocpi   OCPI 2.1.1 / 2.2 / 2.2.1 Locations: a response ({"data": [...]}), a bare array, or one
                Location; real-feed faults are repaired and reported (kW sent as W, padded or lower-case
                enums, country names, numbers as strings, a UTF-8 BOM, missing time zones…)
  --from ocm    Open Charge Map POIs, full or compact; an OCM reference-data file among the FILEs (or
                --reference FILE) resolves operators and countries
  --out FILE    the dataset to write (replaced atomically)
  --report FILE write the full per-record report as JSON
  --verbose     list every normalised value too, not only what was rejected

Standard error gets, per file, the counts kept (sites, EVSEs, connectors) and rejected, the issues by
kind, and each rejected record or part with its JSON path; progress on large files. A record that
is wrong never stops the others. Exit code 0 when every file could be read, 1 otherwise.
`;

const queryHelp = `Usage: cabin stations query [--dataset DATASET] --near LAT,LON [--connector STANDARD]... [--min-kw N]
                             [--available] [--limit N] [--json]

Finds the stations nearest to a position in a dataset (default: the shipped offline dataset).
  --near LAT,LON      WGS-84 degrees, e.g. --near 23.1291,113.2644
  --connector STD     only connectors of this standard (repeatable), matched after normalisation:
                      OCPI names (${['IEC_62196_T2', 'IEC_62196_T2_COMBO', 'CHADEMO', 'GBT_AC', 'GBT_DC', 'CHAOJI', 'TESLA_S', 'SAE_J3400'].join(', ')}, …);
                      NACS is SAE_J3400 (its OCPI 2.3 name), ChaoJi is CHAOJI; case and spaces do not matter
  --min-kw N          only connectors of at least N kW
  --available         only connectors whose EVSE reports AVAILABLE
  --limit N           how many stations (default 10, at most 200)
  --json              print only a JSON array on standard output, nearest first:
                      [{"location_id","name","lat","lon","distance_m","connectors":[{"standard","max_electric_power","status"}]}]
                      distance_m is the great-circle (haversine) distance on the mean Earth radius
                      (6,371,008.8 m); max_electric_power is in W; connectors are those that meet the filters
`;

const MAX_LISTED = 40;

const importCommand: CliCommand = {
  name: 'import',
  summary: 'import OCPI or Open Charge Map files into a station dataset',
  help: importHelp,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseFlags(
      args,
      { from: { type: 'string' }, out: { type: 'string' }, reference: { type: 'string' }, report: { type: 'string' }, verbose: { type: 'boolean' } },
      { positionals: true },
    );
    if (values.help) {
      io.stdout.write(importHelp);
      return 0;
    }
    if (values.from !== 'ocpi' && values.from !== 'ocm') throw new UsageError('--from must be "ocpi" or "ocm"; run "cabin stations import --help"');
    if (!values.out) throw new UsageError('--out DATASET is required');
    if (positionals.length === 0) throw new UsageError('give at least one FILE to import');
    const format: FeedFormat = values.from;
    const files = positionals.map((f) => resolve(io.cwd, f));
    const shown = new Map(files.map((f, k) => [f, positionals[k]]));
    let reference;
    if (values.reference) {
      const read = await readJsonFile(resolve(io.cwd, values.reference));
      if (!read.ok) throw new CliFailure(read.error);
      reference = readOcmReference(read.value);
    }
    let lastProgress = 0;
    const result = await importFiles(files, {
      format,
      now: Date.now(),
      reference,
      onProgress: (file, done, total) => {
        if (total < 20_000 || done === total || Date.now() - lastProgress < 500) return;
        lastProgress = Date.now();
        io.stderr.write(`${shown.get(file)}: ${done}/${total} records (${Math.round((done / total) * 100)} %)\n`);
      },
    });

    let unreadable = 0;
    for (const outcome of result.files) {
      const name = shown.get(outcome.file) ?? outcome.file;
      if (outcome.error) {
        unreadable += 1;
        io.stderr.write(`${outcome.error.replace(outcome.file, name)}\n`);
        continue;
      }
      if (outcome.reference) {
        io.stderr.write(`${name}: Open Charge Map reference data (resolves operators, countries and connection types)\n`);
        continue;
      }
      const report = outcome.report!;
      const c = report.counts;
      io.stderr.write(
        `${name}: ${c.records} records → ${c.locations} sites, ${c.evses} EVSEs, ${c.connectors} connectors kept; ` +
          `${c.rejected} rejected, ${c.duplicates} duplicate, ${c.unpublished} unpublished, ${c.noConnectors} without a usable connector; ` +
          `${c.removedEvses} EVSEs removed, ${c.rejectedEvses} EVSEs and ${c.rejectedConnectors} connectors rejected; ${c.normalised} values normalised\n`,
      );
      for (const note of outcome.notes) io.stderr.write(`${name}: ${note}\n`);
      const codes = Object.entries(report.byCode).sort((a, b) => b[1] - a[1]);
      if (codes.length) io.stderr.write(`${name}: by kind: ${codes.map(([code, n]) => `${code} ${n}`).join(', ')}\n`);
      let listed = 0;
      let unlisted = report.unlistedIssues;
      for (const issue of [...report.inputIssues, ...report.records.flatMap((r) => r.issues)]) {
        if (!values.verbose && issue.kind === 'normalised') continue;
        if (listed >= MAX_LISTED && !values.verbose) {
          unlisted += 1;
          continue;
        }
        listed += 1;
        io.stderr.write(`${formatIssue(`${name}:`, issue)}\n`);
      }
      if (unlisted) io.stderr.write(`${name}: … ${unlisted} more not listed (--verbose or --report FILE for all)\n`);
    }
    const store = buildStore(result.locations);
    const out = resolve(io.cwd, values.out);
    const bytes = await saveDataset(out, store, { description: `imported from ${positionals.length} ${format} file(s)`, createdAt: Date.now() });
    if (values.report) {
      const reports = result.files.map((f) => ({ file: shown.get(f.file), error: f.error, notes: f.notes, report: f.report }));
      await writeFile(resolve(io.cwd, values.report), JSON.stringify(reports, null, 1));
    }
    io.stderr.write(
      `${positionals.length} file(s): ${store.count} sites, ${store.evseCount} EVSEs, ${store.connectorCount} connectors written to ${values.out} (${bytes} bytes)` +
        `${result.replaced ? `; ${result.replaced} replaced by a later file` : ''}${unreadable ? `; ${unreadable} file(s) could not be read` : ''}\n`,
    );
    return unreadable ? 1 : 0;
  },
};

function parseNear(value: string | undefined): { lat: number; lon: number } {
  if (!value) throw new UsageError('--near LAT,LON is required');
  const parts = value.split(',').map((p) => p.trim());
  const [lat, lon] = parts.map(Number);
  if (parts.length !== 2 || parts.some((p) => p === '') || !Number.isFinite(lat) || !Number.isFinite(lon)) {
    throw new UsageError(`--near must be LAT,LON in degrees, got "${value}"`);
  }
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new UsageError(`--near ${value} is outside ±90° latitude / ±180° longitude`);
  return { lat, lon };
}

function parseStandards(values: string[] | undefined): ConnectorStandard[] | undefined {
  if (!values || values.length === 0) return undefined;
  return values.map((value) => {
    const match = normaliseStandard(value);
    if (!match) throw new UsageError(`--connector "${value}" is no connector standard; known: ${CONNECTOR_STANDARDS.join(', ')} (NACS = SAE_J3400)`);
    return match.standard;
  });
}

function parseNumber(value: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`${flag} must be a number from ${min} to ${max}, got "${value}"`);
  return n;
}

const queryCommand: CliCommand = {
  name: 'query',
  summary: 'find the stations nearest to a position in a dataset',
  help: queryHelp,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values } = parseFlags(args, {
      dataset: { type: 'string' },
      near: { type: 'string' },
      connector: { type: 'string', multiple: true },
      'min-kw': { type: 'string' },
      available: { type: 'boolean' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help) {
      io.stdout.write(queryHelp);
      return 0;
    }
    const near = parseNear(values.near);
    const standards = parseStandards(values.connector);
    const minKw = parseNumber(values['min-kw'], '--min-kw', 0, 4000) ?? 0;
    const limit = parseNumber(values.limit, '--limit', 1, 200) ?? 10;
    if (!Number.isInteger(limit)) throw new UsageError(`--limit must be a whole number, got "${values.limit}"`);
    const path = values.dataset ? resolve(io.cwd, values.dataset) : OFFLINE_DATASET;
    let loaded;
    try {
      loaded = await loadDataset(path);
    } catch (error) {
      if (error instanceof DatasetError) throw new CliFailure(error.message);
      throw error;
    }
    const now = Date.now();
    const entry = indexStore(loaded.store, { source: values.dataset ?? 'offline', kind: 'imported', fetchedAt: loaded.meta.createdAt, locations: loaded.store.count });
    const query = stationQuerySchema.parse({ near, limit, standards, minPowerW: minKw * 1000, availableOnly: values.available === true });
    const response = searchStores([entry], query, undefined, now);
    const rows = response.results.map((r) => ({
      location_id: r.location_id,
      name: r.name,
      lat: r.lat,
      lon: r.lon,
      distance_m: r.distance_m,
      connectors: r.connectors.map((c) => ({ standard: c.standard, max_electric_power: c.max_electric_power, status: c.status })),
    }));
    if (values.json) {
      io.stdout.write(`${JSON.stringify(rows)}\n`);
    } else {
      for (const r of rows) {
        const best = Math.max(...r.connectors.map((c) => c.max_electric_power)) / 1000;
        const kinds = [...new Set(r.connectors.map((c) => c.standard))].join('/');
        const free = r.connectors.filter((c) => c.status === 'AVAILABLE').length;
        io.stdout.write(`${(r.distance_m / 1000).toFixed(2).padStart(8)} km  ${r.location_id}  ${r.name}  ${kinds} up to ${best} kW, ${free}/${r.connectors.length} available\n`);
      }
    }
    io.stderr.write(`${rows.length} station(s) from ${loaded.store.count} in ${values.dataset ?? path}\n`);
    return 0;
  },
};

const subcommands: CliCommand[] = [importCommand, queryCommand];
const summary = 'charging stations: import OCPI / Open Charge Map feeds, query a dataset';

export const stationsCommand: CliCommand & { dispatchesTo: CliCommand[] } = {
  name: 'stations',
  summary,
  help: `Usage: cabin stations <import|query> [flags]\n\n${subcommands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}\n`,
  dispatchesTo: subcommands,
  run: (args: string[], io: CliIO) => dispatch('cabin stations', `cabin stations — ${summary}`, subcommands, args, io),
};
