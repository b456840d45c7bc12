// Imports every real OCPI feed and Open Charge Map file of the corpus: counts kept per file, and named normalisations and rejections.
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusPath } from '../fixtures/corpus';
import { importFiles, type ImportFilesResult } from '../../main/services/stations/importFiles';
import { importOcmPois, readOcmReference } from '../../shared/stations/ocmImport';
import { importOcpiLocations } from '../../shared/stations/ocpiFeed';
import type { ImportIssue, ImportReport } from '../../shared/stations/importReport';
import type { Location } from '../../shared/stations/model';

const feeds = corpusPath('stations', 'ocpi-real-feeds');
const ocm = corpusPath('stations', 'openchargemap');
const NOW = Date.UTC(2026, 0, 1);

/** Sites, EVSEs and connectors kept per feed (published, with a usable connector; REMOVED EVSEs dropped). */
const KEPT: Record<string, [number, number, number]> = {
  'ocpi_2_1_1_locations-fastned.json': [104, 272, 655],
  'ocpi_2_2_1_locations-ev24.json': [11, 13, 20],
  'ocpi_2_2_1_locations-ezvolt.json': [91, 222, 222],
  'ocpi_2_2_1_locations-greems.json': [75, 318, 318],
  'ocpi_2_2_1_locations-itcharge.json': [1110, 1131, 2178],
  'ocpi_2_2_1_locations-punkt.json': [481, 1140, 1206],
  'ocpi_2_2_1_locations-sitronics.json': [59, 152, 152],
  'ocpi_2_2_1_locations-toger.json': [28, 73, 76],
  'ocpi_2_2_locations-chargesini.json': [372, 1144, 1144],
  'ocpi_2_2_locations-electricera.json': [3, 8, 16],
  'ocpi_2_2_locations-evio.json': [21, 29, 29],
  'ocpi_2_2_locations-gaia.json': [3, 10, 10],
  'ocpi_2_2_locations-otopriz.json': [500, 500, 734],
  'ocpi_2_2_locations-zepto.json': [10, 10, 30],
  'ocpi_2_2_locations_powergo.json': [486, 1655, 1655],
  'ocpi_3_0_0_location_example.json': [1, 2, 3],
  'ocpi_locations-voltrelli.json': [307, 578, 939],
};

describe.skipIf(!feeds)('the 17 real OCPI feeds', () => {
  const reports = new Map<string, ImportReport>();
  const byFeed = new Map<string, Location[]>();
  let all: ImportFilesResult;

  beforeAll(async () => {
    const files = readdirSync(feeds!).filter((f) => f.endsWith('.json')).sort();
    all = await importFiles(
      files.map((f) => join(feeds!, f)),
      { format: 'ocpi', now: NOW },
    );
    for (const outcome of all.files) {
      const name = outcome.file.split('/').pop()!;
      reports.set(name, outcome.report!);
      const source = name.replace(/\.json$/, '');
      byFeed.set(name, all.locations.filter((l) => l.source === source));
    }
  });

  const location = (feed: string, id: string) => {
    const found = byFeed.get(feed)!.find((l) => l.id === id);
    if (!found) throw new Error(`${feed} has no kept location ${id}`);
    return found;
  };
  const recordIssues = (feed: string, id: string): ImportIssue[] => reports.get(feed)!.records.find((r) => r.id === id)?.issues ?? [];

  it('reads every file, none failing as a whole', () => {
    expect(all.files).toHaveLength(17);
    expect(all.files.filter((f) => f.error)).toEqual([]);
  });

  it.each(Object.entries(KEPT))('%s keeps the expected sites, EVSEs and connectors', (feed, [sites, evses, connectors]) => {
    const report = reports.get(feed)!;
    expect([report.counts.locations, report.counts.evses, report.counts.connectors]).toEqual([sites, evses, connectors]);
    const kept = byFeed.get(feed)!;
    expect(kept).toHaveLength(sites);
    expect(kept.reduce((n, l) => n + l.evses.length, 0)).toBe(evses);
    expect(kept.reduce((n, l) => n + l.evses.reduce((m, e) => m + e.connectors.length, 0), 0)).toBe(connectors);
  });

  it('accounts for every record: kept, rejected, unpublished, duplicate or without a connector', () => {
    for (const [feed, report] of reports) {
      const c = report.counts;
      expect(c.locations + c.rejected + c.unpublished + c.duplicates + c.noConnectors, feed).toBe(c.records);
    }
    const total = [...reports.values()].reduce((n, r) => n + r.counts.records, 0);
    expect(total).toBe(3849);
  });

  it('reads a kW figure sent as W as kW (itcharge, ChaoJi 60 → 60,000 W) and says where', () => {
    const site = location('ocpi_2_2_1_locations-itcharge.json', '04bab778-3ffd-4340-9ddc-da817f926806');
    expect(site.evses[0].connectors.map((c) => [c.standard, c.max_electric_power])).toEqual([
      ['CHAOJI', 60_000],
      ['IEC_62196_T2_COMBO', 150_000],
      ['GBT_DC', 150_000],
    ]);
    const issue = recordIssues('ocpi_2_2_1_locations-itcharge.json', site.id).find((i) => i.code === 'power-kw-as-w')!;
    expect(issue.path).toMatch(/^\$\.data\[\d+\]\.evses\[0\]\.connectors\[0\]\.max_electric_power$/);
    expect(issue.kind).toBe('normalised');
    expect(reports.get('ocpi_2_2_1_locations-itcharge.json')!.byCode['power-kw-as-w']).toBe(2178);
    expect(reports.get('ocpi_2_2_1_locations-ev24.json')!.byCode['power-kw-as-w']).toBe(20);
  });

  it('reads padded and lower-case enums (powergo "CHARGING ", "cable", "500" V) and drops its REMOVED EVSE', () => {
    const site = location('ocpi_2_2_locations_powergo.json', '12108');
    const evse = site.evses.find((e) => e.uid === 'NL.SPI.ECO00300*1')!;
    expect(evse.status).toBe('CHARGING');
    expect(evse.connectors[0]).toMatchObject({ standard: 'IEC_62196_T2_COMBO', format: 'CABLE', power_type: 'DC', max_voltage: 500, max_electric_power: 30_000 });
    expect(site.evses.map((e) => e.uid)).not.toContain('NL.SPI.ECO00300*2');
    const issues = recordIssues('ocpi_2_2_locations_powergo.json', '12108');
    expect(issues.find((i) => i.code === 'enum-case' && i.path.endsWith('.status'))?.message).toBe('"CHARGING " read as CHARGING');
    expect(issues.some((i) => i.code === 'evse-removed' && i.kind === 'dropped')).toBe(true);
    expect(reports.get('ocpi_2_2_locations_powergo.json')!.counts.removedEvses).toBe(121);
  });

  it('turns a country name into its ISO code (ev24 "Polska" → POL)', () => {
    const site = location('ocpi_2_2_1_locations-ev24.json', 'DQOW9LNYYH');
    expect(site.country).toBe('POL');
    expect(recordIssues('ocpi_2_2_1_locations-ev24.json', 'DQOW9LNYYH').find((i) => i.code === 'country-name')).toMatchObject({
      path: '$.data[0].country',
      message: 'country name "Polska" read as POL',
    });
    expect(reports.get('ocpi_2_2_1_locations-ev24.json')!.byCode['country-name']).toBe(11);
  });

  it('maps the spelling "GB/T (DC)" and a time zone with a space (chargesini)', () => {
    const site = location('ocpi_2_2_locations-chargesini.json', '2');
    expect(site.evses.find((e) => e.uid === '20240319170136_1095')!.connectors[0].standard).toBe('GBT_DC');
    expect(site.time_zone).toBe('Asia/Kuala_Lumpur');
  });

  it('takes the position from the EVSEs where the location repeats its latitude as longitude (voltrelli)', () => {
    const site = location('ocpi_locations-voltrelli.json', 'c7f261fc-07ef-4500-b1e5-2a3a09d4829e');
    expect(site.coordinates).toEqual({ latitude: 47.746575, longitude: 26.665509 });
    const codes = recordIssues('ocpi_locations-voltrelli.json', site.id).map((i) => i.code);
    expect(codes).toContain('coordinates-lat-as-lon');
    expect(codes).toContain('camel-case-fields');
  });

  it('computes power from voltage and current when the feed gives none (fastned, OCPI 2.1.1: 400 V × 125 A DC)', () => {
    const site = location('ocpi_2_1_1_locations-fastned.json', '50106');
    expect(site.evses[0].connectors[0]).toMatchObject({ standard: 'IEC_62196_T2_COMBO', power_type: 'DC', max_electric_power: 50_000 });
    expect(location('ocpi_2_1_1_locations-fastned.json', '49029').time_zone).toBeUndefined();
    expect(recordIssues('ocpi_2_1_1_locations-fastned.json', '49029').find((i) => i.code === 'time-zone-unknown')?.message).toMatch(/"Germany" is no IANA time zone/);
  });

  it('fills a country that is no country from the party (toger "TRY" → TUR) and reads a kW figure sent as voltage', () => {
    const kept = byFeed.get('ocpi_2_2_1_locations-toger.json')!;
    expect(new Set(kept.map((l) => l.country))).toEqual(new Set(['TUR']));
    const powers = kept.flatMap((l) => l.evses.flatMap((e) => e.connectors.map((c) => c.max_electric_power)));
    expect(powers).toContain(22_000);
    expect(reports.get('ocpi_2_2_1_locations-toger.json')!.byCode['power-in-voltage']).toBe(70);
    expect(reports.get('ocpi_2_2_1_locations-toger.json')!.byCode['location-no-coordinates']).toBe(3);
  });

  it('refuses placeholder positions, EVSEs without a uid and placeholder dates, locating each', () => {
    const itcharge = reports.get('ocpi_2_2_1_locations-itcharge.json')!;
    const placeholders = itcharge.records.filter((r) => r.issues.some((i) => i.code === 'coordinates-placeholder'));
    expect(placeholders).toHaveLength(35);
    expect(placeholders.every((r) => r.outcome === 'rejected')).toBe(true);
    const sitronics = reports.get('ocpi_2_2_1_locations-sitronics.json')!;
    expect(sitronics.byCode['evse-no-uid']).toBe(11);
    expect(sitronics.byCode['timestamp-placeholder']).toBeGreaterThan(0);
    const noUid = sitronics.records.flatMap((r) => r.issues).find((i) => i.code === 'evse-no-uid')!;
    expect(noUid.path).toMatch(/^\$\.data\[\d+\]\.evses\[\d+\]\.uid$/);
  });

  it('removes the UTF-8 byte order mark of the punkt feed and says so', () => {
    const punkt = all.files.find((f) => f.file.endsWith('ocpi_2_2_1_locations-punkt.json'))!;
    expect(punkt.notes).toContain('UTF-8 byte order mark removed');
  });

  it('never offers unpublished locations or EVSEs marked REMOVED', () => {
    for (const l of all.locations) {
      expect(l.publish).toBe(true);
      expect(l.evses.length).toBeGreaterThan(0);
      for (const e of l.evses) {
        expect(e.status).not.toBe('REMOVED');
        expect(e.connectors.length).toBeGreaterThan(0);
      }
    }
    expect(reports.get('ocpi_2_2_locations-chargesini.json')!.counts.unpublished).toBe(76);
    expect(reports.get('ocpi_2_2_locations-gaia.json')!.counts.removedEvses).toBe(3);
  });
});

describe.skipIf(!corpusPath('stations', 'ocpi-2.2.1'))('the official OCPI 2.2.1 examples', () => {
  const example = (name: string) => JSON.parse(readFileSync(corpusPath('stations', 'ocpi-2.2.1', name)!, 'utf8'));
  it('imports the reference Location without a single fix', () => {
    const { locations, report } = importOcpiLocations(example('location_example.json'), { source: 'spec', now: NOW });
    expect(locations).toHaveLength(1);
    expect(report.counts).toMatchObject({ locations: 1, evses: 2, connectors: 3, normalised: 3 });
    // The only fixes: max_electric_power is absent, so it is computed (220 V × 16 A × 3 phases).
    expect(Object.keys(report.byCode)).toEqual(['power-from-voltage']);
    expect(locations[0].evses[0].connectors[0].max_electric_power).toBe(10_560);
    expect(locations[0].evses[0].capabilities).toEqual(['RESERVABLE']);
  });
  it('keeps an unpublished location out', () => {
    const { locations, report } = importOcpiLocations(example('location_example_uc3_destination_charger_not_published.json'), { source: 'spec', now: NOW });
    expect(locations).toEqual([]);
    expect(report.counts.unpublished).toBe(1);
  });
});

describe.skipIf(!ocm)('Open Charge Map files', () => {
  const read = (name: string) => JSON.parse(readFileSync(join(ocm!, name), 'utf8'));
  const reference = () => readOcmReference(read('ocm-core-reference-data.json'));
  const run = (name: string) => importOcmPois(read(name), { source: 'ocm', now: NOW, reference: reference() });

  it.each([
    ['ocm-sample-pois-compact.json', 4, 19, 19],
    ['poi/OCM-103104.json', 0, 0, 0],
    ['poi/OCM-104373.json', 0, 0, 0],
    ['poi/OCM-10645.json', 1, 6, 6],
    ['poi/OCM-106476.json', 1, 2, 2],
    ['poi/OCM-163757.json', 1, 10, 10],
    ['poi/OCM-18798.json', 1, 1, 1],
    ['api-responses/ocm-api-175585.json', 1, 2, 2],
    ['api-responses/ocm-api-175585_compact.json', 1, 2, 2],
    ['api-responses/ocm-api-list.json', 4, 8, 8],
    ['api-responses/ocm-api-list_compact.json', 4, 8, 8],
  ])('%s keeps %i sites, %i EVSEs, %i connectors', (name, sites, evses, connectors) => {
    const { report } = run(name);
    expect([report.counts.locations, report.counts.evses, report.counts.connectors]).toEqual([sites, evses, connectors]);
  });

  it('resolves the Shanghai Supercharger through the reference data: NACS (SAE_J3400) 120 kW × 10, Tesla, China', () => {
    const [site] = run('poi/OCM-163757.json').locations;
    expect(site).toMatchObject({ id: '163757', country: 'CHN', operator: { name: 'Tesla (Tesla-only charging)' } });
    expect(site.evses).toHaveLength(10);
    expect(new Set(site.evses.map((e) => `${e.connectors[0].standard} ${e.connectors[0].max_electric_power} ${e.connectors[0].power_type}`))).toEqual(
      new Set(['SAE_J3400 120000 DC']),
    );
    expect(site.tariff_text).toMatch(/^CNY 1\.95\/kWh/);
  });

  it('gives the same Locations from the compact and the full API answers', () => {
    const strip = (ls: Location[]) => ls.map((l) => ({ ...l, source: '' }));
    expect(strip(run('api-responses/ocm-api-list_compact.json').locations)).toEqual(strip(run('api-responses/ocm-api-list.json').locations));
    expect(strip(run('api-responses/ocm-api-175585_compact.json').locations)).toEqual(strip(run('api-responses/ocm-api-175585.json').locations));
  });

  it('rejects connections of unknown type, locating them, and offers nothing without a usable one (OCM-103104)', () => {
    const { report } = run('poi/OCM-103104.json');
    expect(report.byCode['connector-unknown-standard']).toBe(12);
    expect(report.records[0]).toMatchObject({ id: '103104', outcome: 'no-connectors' });
    expect(report.records[0].issues[0].path).toBe('$.Connections[0].ConnectionTypeID');
  });
});
