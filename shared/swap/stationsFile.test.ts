// The stations file: a good file parses; each kind of mistake comes back with file:line:column and its JSON path; garbage never throws.
import { describe, expect, it } from 'vitest';
import { formatStationsFileError, parseStationsFile } from './stationsFile';

const good = [
  {
    id: 'sh-century-ave',
    name: 'Century Avenue Swap',
    lat: 31.2304,
    lon: 121.5268,
    pack_standards: ['GBT_40032', 'CATL_CHOCO_20'],
    bays: 2,
    ready_packs: { GBT_40032: 3, CATL_CHOCO_20: 1 },
  },
  {
    id: 'sh-airport',
    name: 'Airport Swap',
    lat: 31.15,
    lon: 121.8,
    pack_standards: ['NIO_75'],
    bays: 1,
    ready_packs: { NIO_75: 0 },
    time_zone: 'Asia/Shanghai',
    opening_times: { twentyfourseven: false, regular_hours: [{ weekday: 1, period_begin: '06:00', period_end: '23:00' }] },
    terms: { noshow_fee_minor: 0, cancel_until_minutes: 0.5 },
  },
];
const text = (value: unknown) => JSON.stringify(value, null, 2);

describe('parseStationsFile', () => {
  it('accepts the contract shape and the optional extensions', () => {
    const r = parseStationsFile(text(good), 'stations.json');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.stations.map((s) => s.id)).toEqual(['sh-century-ave', 'sh-airport']);
  });

  it('locates a bad value by line, column and JSON path', () => {
    const bad = structuredClone(good);
    (bad[1] as Record<string, unknown>).bays = 0;
    const t = text(bad);
    const r = parseStationsFile(t, 'st.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    const e = r.errors[0];
    expect(e.path).toBe('$[1].bays');
    const lines = t.split('\n');
    expect(lines[e.line - 1].slice(e.column - 1)).toMatch(/^"bays": 0/);
    expect(formatStationsFileError(e)).toMatch(/^st\.json:\d+:\d+: \$\[1\]\.bays: /);
  });

  it('names each mistake: unknown field, duplicate id, standard not offered, bad coordinates, missing field', () => {
    const bad = structuredClone(good) as Record<string, unknown>[];
    bad[0].ready_pack = 3;
    bad[0].lat = 95;
    bad[1].id = 'sh-century-ave';
    (bad[1].ready_packs as Record<string, number>).GBT_40032 = 2;
    delete bad[1].name;
    const r = parseStationsFile(text(bad), 'st.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.path, e.message])).toEqual(
      expect.arrayContaining([
        ['$[0].ready_pack', 'unknown field'],
        ['$[0].lat', expect.stringMatching(/90/)],
        ['$[1].id', 'id "sh-century-ave" is already used by $[0]'],
        ['$[1].ready_packs.GBT_40032', "GBT_40032 is not in this station's pack_standards"],
        ['$[1].name', expect.any(String)],
      ]),
    );
    // Sorted by position in the file.
    const order = r.errors.map((e) => e.line * 1000 + e.column);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('locates invalid JSON, and refuses an empty list or a non-array', () => {
    const r = parseStationsFile('[\n  {"id": "a",,}\n]', 'x.json');
    expect(r).toMatchObject({ ok: false, errors: [{ file: 'x.json', line: 2, path: '$', message: expect.stringMatching(/^invalid JSON/) }] });
    expect(parseStationsFile('[]', 'x.json')).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/no stations/) }] });
    expect(parseStationsFile('{"id": 1}', 'x.json')).toMatchObject({ ok: false, errors: [{ path: '$' }] });
  });

  it('refuses opening hours that are not 24/7 and list no periods, and unknown time zones', () => {
    const bad = structuredClone(good) as Record<string, unknown>[];
    bad[1].opening_times = { twentyfourseven: false };
    bad[1].time_zone = 'Mars/Olympus_Mons';
    const r = parseStationsFile(text(bad), 'st.json');
    expect(!r.ok && r.errors.map((e) => e.path)).toEqual(['$[1].time_zone', '$[1].opening_times']);
  });

  it('never throws on garbage', () => {
    for (const t of ['', 'null', '42', '"x"', '[null]', '[[]]', '[{"pack_standards": {}}]', '\uFEFF[', '[{"id": "\\u0000"}]']) {
      expect(parseStationsFile(t, 'g.json').ok).toBe(false);
    }
  });
});
