// One OCPI Location record (2.1.1 / 2.2 / 2.2.1 and real-feed variants) → a canonical Location, or the reason it is not kept.
import { IssueSink, type ImportIssue, type RecordOutcomeKind } from './importReport';
import { PARKING_TYPES, type BusinessDetails, type Evse, type Location } from './model';
import { normaliseCountry, alpha3FromAlpha2 } from './countries';
import { at, describeValue, field, isObject, readBoolean, readCoordinates, readEnum, readId, readText, readTimestamp } from './feedValues';
import { importEvse, type RecordContext } from './ocpiEvse';
import { readHours } from './openingHours';
import { normaliseTimeZone } from './timeZones';

export interface LocationImport {
  location: Location | null;
  outcome: RecordOutcomeKind;
  id?: string;
  issues: ImportIssue[];
}

export interface LocationImportOptions {
  source: string;
  /** Time used when a record has no usable last_updated (the moment of import). */
  now: number;
}

export function importOcpiLocation(raw: unknown, path: string, options: LocationImportOptions): LocationImport {
  const sink = new IssueSink();
  const done = (outcome: RecordOutcomeKind, location: Location | null = null, id?: string): LocationImport => ({
    location,
    outcome,
    id,
    issues: sink.issues,
  });
  if (!isObject(raw)) {
    sink.rejected(path, 'location-not-object', `expected a Location object, got ${describeValue(raw)}`);
    return done('rejected');
  }
  const aliases = new Set<string>();
  const alias = (name: string) => aliases.add(name);

  // Cheap checks first: identity, publication and position decide whether the rest is worth reading.
  const id = readId(field(raw, 'id', alias), at(path, 'id'), sink);
  if (id === undefined) {
    sink.rejected(at(path, 'id'), 'location-no-id', `no usable id (${describeValue(raw.id)}); record left out`);
    return done('rejected');
  }
  const publish = readBoolean(raw.publish, at(path, 'publish'), sink) ?? true;
  if (!publish) {
    sink.dropped(at(path, 'publish'), 'location-unpublished', `location ${id} is not published`);
    return done('unpublished', null, id);
  }
  let coordinates = readCoordinates(raw.coordinates, at(path, 'coordinates'), sink, alias);
  if (!coordinates) {
    sink.rejected(at(path, 'coordinates'), 'location-no-coordinates', `location ${id} has no usable position; record left out`);
    return done('rejected', null, id);
  }
  if (isPlaceholder(coordinates)) {
    sink.rejected(
      at(path, 'coordinates'),
      'coordinates-placeholder',
      `(${coordinates.latitude}, ${coordinates.longitude}) is a placeholder, not a position; record left out`,
    );
    return done('rejected', null, id);
  }

  const lastUpdated = readTimestamp(field(raw, 'last_updated', alias), at(path, 'last_updated'), sink);
  const ctx: RecordContext = { sink, alias, fallbackTime: lastUpdated ?? options.now };
  if (lastUpdated === undefined) {
    sink.normalised(at(path, 'last_updated'), 'timestamp-missing', 'no usable last_updated; the import time used');
  }

  const evses: Evse[] = [];
  const rawEvses = raw.evses;
  if (Array.isArray(rawEvses)) {
    const uids = new Set<string>();
    rawEvses.forEach((e, i) => {
      const evse = importEvse(e, at(at(path, 'evses'), i), ctx);
      if (!evse) return;
      if (uids.has(evse.uid)) {
        sink.rejected(at(at(path, 'evses'), i), 'evse-duplicate-uid', `EVSE uid "${evse.uid}" repeats in location ${id}; later one left out`);
        return;
      }
      uids.add(evse.uid);
      evses.push(evse);
    });
  } else if (rawEvses !== undefined && rawEvses !== null) {
    sink.rejected(at(path, 'evses'), 'field-wrong-type', `expected an array, got ${describeValue(rawEvses)}`);
  }

  coordinates = repairSwappedLongitude(coordinates, evses, at(path, 'coordinates'), sink);
  const location: Location = {
    source: options.source,
    id,
    publish: true,
    coordinates,
    evses,
    last_updated: lastUpdated ?? options.now,
  };
  readParty(raw, location, path, sink);
  for (const key of ['name', 'address', 'city', 'postal_code', 'state'] as const) {
    const value = readText(field(raw, key, alias), at(path, key), sink);
    if (value !== undefined) location[key] = value;
  }
  readCountry(raw, location, path, sink);
  readParking(raw, location, path, sink);
  readZone(field(raw, 'time_zone', alias), location, at(path, 'time_zone'), sink);
  for (const key of ['operator', 'suboperator', 'owner'] as const) {
    const value = readBusiness(raw[key] ?? (key === 'suboperator' ? raw.subOperator : undefined), at(path, key), sink);
    if (value) location[key] = value;
  }
  if (Array.isArray(raw.facilities)) {
    const facilities = raw.facilities.filter((f): f is string => typeof f === 'string' && f.length <= 32).map((f) => f.trim().toUpperCase());
    if (facilities.length) location.facilities = facilities;
  }
  const hours = readHours(field(raw, 'opening_times', alias), at(path, 'opening_times'), sink);
  if (hours) location.opening_times = hours;
  const whenClosed = readBoolean(field(raw, 'charging_when_closed', alias), at(path, 'charging_when_closed'), sink);
  if (whenClosed !== undefined) location.charging_when_closed = whenClosed;

  if (aliases.size) {
    sink.normalised(path, 'camel-case-fields', `camelCase field names read as OCPI's snake_case: ${[...aliases].sort().join(', ')}`);
  }
  if (evses.length === 0) {
    sink.dropped(at(path, 'evses'), 'location-no-connectors', `location ${id} has no EVSE with a usable connector`);
    return done('no-connectors', null, id);
  }
  return done('kept', location, id);
}

/** (0, 0) and other whole-degree values within 1° of it are what feeds send when they have no position. */
function isPlaceholder({ latitude, longitude }: { latitude: number; longitude: number }): boolean {
  return Math.abs(latitude) <= 1 && Math.abs(longitude) <= 1 && Number.isInteger(latitude) && Number.isInteger(longitude);
}

/** Some feeds copy the latitude into the longitude; their EVSEs' own coordinates still tell where the site is. */
function repairSwappedLongitude(
  coordinates: { latitude: number; longitude: number },
  evses: Evse[],
  path: string,
  sink: IssueSink,
): { latitude: number; longitude: number } {
  if (coordinates.latitude !== coordinates.longitude) return coordinates;
  const own = evses.find((e) => e.coordinates && e.coordinates.latitude !== e.coordinates.longitude)?.coordinates;
  if (!own) return coordinates;
  sink.normalised(
    at(path, 'longitude'),
    'coordinates-lat-as-lon',
    `longitude repeats the latitude (${coordinates.longitude}); the EVSE's position (${own.latitude}, ${own.longitude}) used`,
  );
  return { ...own };
}

function readParty(raw: Record<string, unknown>, location: Location, path: string, sink: IssueSink): void {
  const cc = raw.country_code;
  if (typeof cc === 'string' && /^[A-Za-z]{2}$/.test(cc.trim())) {
    location.country_code = cc.trim().toUpperCase();
    if (location.country_code !== cc) sink.normalised(at(path, 'country_code'), 'enum-case', `${JSON.stringify(cc)} read as ${location.country_code}`);
  } else if (cc !== undefined && cc !== null) {
    sink.rejected(at(path, 'country_code'), 'field-invalid', `${describeValue(cc)} is no ISO 3166 alpha-2 code; ignored`);
  }
  const party = raw.party_id;
  if (typeof party === 'string' && /^[A-Za-z0-9]{2,3}$/.test(party.trim())) {
    location.party_id = party.trim().toUpperCase();
    if (location.party_id !== party) sink.normalised(at(path, 'party_id'), 'enum-case', `${JSON.stringify(party)} read as ${location.party_id}`);
  } else if (party !== undefined && party !== null) {
    sink.rejected(at(path, 'party_id'), 'field-invalid', `${describeValue(party)} is no party id; ignored`);
  }
}

function readCountry(raw: Record<string, unknown>, location: Location, path: string, sink: IssueSink): void {
  const value = raw.country;
  const match = normaliseCountry(value);
  const p = at(path, 'country');
  if (match) {
    location.country = match.alpha3;
    if (match.how === 'name') sink.normalised(p, 'country-name', `country name ${JSON.stringify(value)} read as ${match.alpha3}`);
    else if (match.how === 'alpha2') sink.normalised(p, 'country-alpha2', `alpha-2 code ${JSON.stringify(value)} read as ${match.alpha3}`);
    else if (match.how === 'case') sink.normalised(p, 'enum-case', `${JSON.stringify(value)} read as ${match.alpha3}`);
    return;
  }
  const fromParty = location.country_code ? alpha3FromAlpha2(location.country_code) : undefined;
  if (fromParty) {
    location.country = fromParty;
    sink.normalised(
      p,
      value === undefined || value === null ? 'country-missing' : 'country-unknown',
      `${value === undefined || value === null ? 'no country' : `${describeValue(value)} is no country`}; ${fromParty} taken from country_code ${location.country_code}`,
    );
  } else if (value !== undefined && value !== null) {
    sink.rejected(p, 'country-unknown', `${describeValue(value)} is no country; left empty`);
  }
}

function readParking(raw: Record<string, unknown>, location: Location, path: string, sink: IssueSink): void {
  const parking = raw.parking_type;
  if (parking !== undefined && parking !== null) {
    const value = readEnum(parking, PARKING_TYPES, at(path, 'parking_type'), sink);
    if (value) location.parking_type = value;
    else sink.rejected(at(path, 'parking_type'), 'field-invalid', `${describeValue(parking)} is no parking type; ignored`);
    return;
  }
  // OCPI 2.1.1's LocationType: the same values where they overlap, OTHER/UNKNOWN say nothing.
  const type = readEnum(raw.type, PARKING_TYPES, at(path, 'type'), sink);
  if (type) location.parking_type = type;
}

function readZone(value: unknown, location: Location, path: string, sink: IssueSink): void {
  if (value === undefined || value === null || value === '') {
    sink.normalised(path, 'time-zone-missing', 'no time_zone; opening hours are read at the solar offset of the longitude');
    return;
  }
  const match = normaliseTimeZone(value);
  if (!match) {
    sink.rejected(path, 'time-zone-unknown', `${describeValue(value)} is no IANA time zone; opening hours are read at the solar offset of the longitude`);
    return;
  }
  location.time_zone = match.zone;
  if (!match.exact) sink.normalised(path, 'time-zone-name', `${JSON.stringify(value)} read as ${match.zone}`);
}

function readBusiness(raw: unknown, path: string, sink: IssueSink): BusinessDetails | undefined {
  if (!isObject(raw)) return undefined;
  const name = readText(raw.name, at(path, 'name'), sink);
  if (name === undefined) return undefined;
  const details: BusinessDetails = { name };
  const website = readText(raw.website, at(path, 'website'), sink, 255);
  if (website !== undefined) details.website = website;
  return details;
}
