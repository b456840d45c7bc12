import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { OcpiLocationSet } from './ocpiPatch';
import { locationToOcpi } from './ocpiExport';
import { importOcpiLocations } from './ocpiFeed';
import { generateStations } from './generator';
import { corpusPath } from '../../test/fixtures/corpus';

const spec = corpusPath('stations', 'ocpi-2.2.1');
const example = (name: string) => JSON.parse(readFileSync(`${spec}/${name}`, 'utf8')) as Record<string, unknown>;
const at = { country_code: 'BE', party_id: 'BEC', location_id: 'LOC1' };

describe.skipIf(!spec)('OCPI PUT and PATCH on the official examples', () => {
  const fresh = () => {
    const set = new OcpiLocationSet('spec', () => Date.UTC(2026, 0, 1));
    expect(set.upsert(example('location_example.json')).ok).toBe(true);
    return set;
  };

  it('PATCHes a location field (the name) and keeps everything else', () => {
    const set = fresh();
    const result = set.apply({ method: 'PATCH', ...at, body: example('location_patch_example_location.json') });
    expect(result.ok).toBe(true);
    const [location] = set.locations();
    expect(location.name).toBe('Interparking Gent Zuid');
    expect(location.evses).toHaveLength(2);
    expect(location.last_updated).toBe(Date.parse('2019-06-24T12:39:09Z'));
  });

  it('PATCHes an EVSE status, which becomes its freshness', () => {
    const set = fresh();
    set.apply({ method: 'PATCH', ...at, evse_uid: '3256', body: example('location_patch_example_status.json') });
    const evse = set.locations()[0].evses.find((e) => e.uid === '3256')!;
    expect(evse.status).toBe('CHARGING');
    expect(evse.status_updated).toBe(Date.parse('2019-06-24T12:39:09Z'));
  });

  it('drops an EVSE PATCHed to REMOVED, and the location once none is left', () => {
    const set = fresh();
    set.apply({ method: 'PATCH', ...at, evse_uid: '3256', body: example('location_patch_example_remove_evse.json') });
    expect(set.locations()[0].evses.map((e) => e.uid)).toEqual(['3257']);
    set.apply({ method: 'PATCH', ...at, evse_uid: '3257', body: example('location_patch_example_remove_evse.json') });
    expect(set.locations()).toEqual([]);
    // The raw record stays, so a later PUT of an EVSE brings the location back.
    const back = set.apply({ method: 'PUT', ...at, evse_uid: '3258', body: { ...example('location_put_example_add_evse.json'), uid: '3258' } });
    expect(back.ok).toBe(true);
    expect(set.locations()[0].evses.map((e) => e.uid)).toEqual(['3258']);
  });

  it('PATCHes a connector\'s tariffs', () => {
    const set = fresh();
    set.apply({ method: 'PATCH', ...at, evse_uid: '3256', connector_id: '2', body: example('location_patch_example_tariff.json') });
    expect(set.locations()[0].evses[0].connectors.find((c) => c.id === '2')!.tariff_ids).toEqual(['15']);
  });

  it('PUTs a new EVSE, tolerating its number where a string belongs (physical_reference: 3)', () => {
    const set = fresh();
    const result = set.apply({ method: 'PUT', ...at, evse_uid: '3259', body: example('location_put_example_add_evse.json') });
    expect(result.ok).toBe(true);
    const evse = set.locations()[0].evses.find((e) => e.uid === '3259')!;
    expect(evse.physical_reference).toBe('3');
    expect(result.ok && result.issues.some((i) => i.code === 'number-as-string')).toBe(true);
  });

  it('refuses a PATCH for something that does not exist, and a body that is not an object', () => {
    const set = fresh();
    expect(set.apply({ method: 'PATCH', ...at, location_id: 'NOPE', body: {} })).toMatchObject({ ok: false, error: 'BE/BEC/NOPE: no such location to PATCH' });
    expect(set.apply({ method: 'PATCH', ...at, evse_uid: 'nope', body: {} })).toMatchObject({ ok: false, error: 'BE/BEC/LOC1/nope: no such EVSE to PATCH' });
    expect(set.apply({ method: 'PATCH', ...at, body: 'x' }).ok).toBe(false);
  });
});

describe('OCPI export', () => {
  it('round-trips generated locations through OCPI 2.2.1 JSON without a single fix', () => {
    const locations = [...generateStations({ seed: 7, at: Date.UTC(2026, 0, 1), sites: 40 })].map((l) => ({ ...l, tariffs: undefined }));
    const { locations: back, report } = importOcpiLocations({ data: locations.map(locationToOcpi) }, { source: 'generated', now: 0 });
    expect(report.counts.normalised).toBe(0);
    expect(back.map((l) => ({ ...l, tariffs: undefined }))).toEqual(locations);
  });
});
