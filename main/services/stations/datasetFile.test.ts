import { describe, expect, it } from 'vitest';
import { gunzipSync, gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { decodeDataset, encodeDataset, DatasetError } from './datasetFile';
import { buildStore } from './storeBuilder';
import { generateStations } from '../../../shared/stations/generator';
import type { Location } from '../../../shared/stations/model';

const AT = Date.UTC(2026, 0, 1);
const sample = (): Location[] => {
  const locations = [...generateStations({ seed: 3, at: AT, sites: 300 })];
  // Fields the generator never writes, so the round trip covers them too.
  locations[0].evses[0].coordinates = { latitude: 23.1, longitude: 113.3 };
  locations[0].evses[0].floor_level = '-2';
  locations[0].evses[0].connectors[0].max_amperage = 62.1;
  locations[1].owner = { name: 'Someone' };
  locations[1].state = '广东省';
  locations[2].tariff_text = 'CNY 1.95/kWh';
  locations[3].opening_times = {
    twentyfourseven: false,
    regular_hours: [{ weekday: 1, period_begin: '08:00', period_end: '20:00' }],
    exceptional_closings: [{ period_begin: AT, period_end: AT + 86_400_000 }],
  };
  return locations;
};

describe('station dataset file', () => {
  it('gives back every location exactly as it went in', () => {
    const locations = sample();
    const bytes = encodeDataset(buildStore(locations), { description: 'test', createdAt: AT, seed: 3 });
    const { store, meta } = decodeDataset(bytes, 'test.cstn');
    expect(meta).toEqual({ description: 'test', createdAt: AT, seed: 3 });
    expect(store.count).toBe(300);
    const norm = (l: Location) => ({ ...l, tariffs: [...(l.tariffs ?? [])].sort((a, b) => a.id.localeCompare(b.id)) });
    for (let i = 0; i < locations.length; i++) expect(norm(store.location(i))).toEqual(norm(locations[i]));
  });

  it('refuses damaged files with the place that is wrong, never a crash', () => {
    const good = gunzipSync(encodeDataset(buildStore(sample()), { description: 'test', createdAt: AT }));
    const headerLength = good.readUInt32LE(8);
    const header = JSON.parse(good.toString('utf8', 12, 12 + headerLength));
    const start = (12 + headerLength + 7) & ~7;
    const sectionAt = (name: string) => start + header.sections.find((s: { name: string }) => s.name === name).offset;
    const damaged = (change: (b: Buffer) => void) => {
      const copy = Buffer.from(good);
      change(copy);
      return () => decodeDataset(copy, 'x.cstn');
    };
    expect(() => decodeDataset(good.subarray(0, 200), 'x.cstn')).toThrow(/^x\.cstn: (byte 8|header)/);
    expect(damaged((b) => b.write('NOPE', 0, 'latin1'))).toThrow('x.cstn: byte 0: not a Cabin station dataset (no CSTN signature)');
    expect(damaged((b) => b.writeUInt32LE(99, 4))).toThrow('x.cstn: byte 4: format version 99; this build reads version 1');
    expect(damaged((b) => b.write('!', 12, 'latin1'))).toThrow(/^x\.cstn: header: invalid JSON/);
    // connStandard is stored as raw bytes: 200 is no standard.
    expect(damaged((b) => (b[sectionAt('connStandard') + 5] = 200))).toThrow('x.cstn: section connStandard[5]: value 200 is not one of the 41 known');
    expect(() => decodeDataset(gzipSync(randomBytes(1 << 20)), 'junk.cstn')).toThrow(DatasetError);
    expect(() => decodeDataset(Buffer.from([0x1f, 0x8b, 1, 2, 3]), 'bad.gz')).toThrow(/^bad\.gz: gzip: /);
  });
});
