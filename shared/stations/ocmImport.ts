// Open Charge Map POIs (full or compact API output) → canonical Locations, resolving ids through OCM's reference data.
import { IssueSink, ReportBuilder, type ImportResult, type RecordOutcomeKind } from './importReport';
import { locationKey, type Connector, type ConnectorStandard, type Evse, type EvseStatus, type Location, type PowerType } from './model';
import { alpha3FromAlpha2 } from './countries';
import { at, describeValue, isObject, readCoordinates, readId, readNumber, readText, readTimestamp, type JsonObject } from './feedValues';
import { currentOfStandard, normaliseStandard } from './standards';

/** OCM ConnectionTypeID → OCPI standard (and plug format where the type says). Types OCPI has no name for are absent. */
const CONNECTION_TYPES: Record<number, [ConnectorStandard, ('SOCKET' | 'CABLE')?]> = {
  1: ['IEC_62196_T1'],
  2: ['CHADEMO', 'CABLE'],
  3: ['DOMESTIC_G', 'SOCKET'],
  4: ['IEC_60309_2_single_16', 'SOCKET'],
  8: ['TESLA_R'],
  9: ['NEMA_5_20', 'SOCKET'],
  10: ['NEMA_14_30', 'SOCKET'],
  11: ['NEMA_14_50', 'SOCKET'],
  13: ['DOMESTIC_C', 'SOCKET'],
  16: ['IEC_60309_2_single_16', 'SOCKET'],
  17: ['IEC_60309_2_three_16', 'SOCKET'],
  22: ['DOMESTIC_B', 'SOCKET'],
  23: ['DOMESTIC_E', 'SOCKET'],
  25: ['IEC_62196_T2', 'SOCKET'],
  26: ['IEC_62196_T3C', 'SOCKET'],
  27: ['SAE_J3400', 'CABLE'],
  28: ['DOMESTIC_F', 'SOCKET'],
  29: ['DOMESTIC_I', 'SOCKET'],
  30: ['TESLA_S', 'CABLE'],
  32: ['IEC_62196_T1_COMBO', 'CABLE'],
  33: ['IEC_62196_T2_COMBO', 'CABLE'],
  34: ['IEC_60309_2_single_16', 'SOCKET'],
  35: ['IEC_60309_2_three_16', 'SOCKET'],
  36: ['IEC_62196_T3A', 'SOCKET'],
  1036: ['IEC_62196_T2', 'CABLE'],
  1037: ['DOMESTIC_J', 'SOCKET'],
  1038: ['GBT_AC', 'SOCKET'],
  1039: ['GBT_AC', 'CABLE'],
  1040: ['GBT_DC', 'CABLE'],
  1043: ['DOMESTIC_M', 'SOCKET'],
};

/** OCM StatusType → EVSE status. "Operational" (50) says the equipment works, not that it is free now: UNKNOWN. */
const STATUS_TYPES: Record<number, EvseStatus> = {
  0: 'UNKNOWN',
  10: 'AVAILABLE',
  20: 'CHARGING',
  30: 'INOPERATIVE',
  50: 'UNKNOWN',
  75: 'UNKNOWN',
  100: 'OUTOFORDER',
  150: 'PLANNED',
  200: 'REMOVED',
  210: 'REMOVED',
};
const CURRENT_TYPES: Record<number, PowerType> = { 10: 'AC_1_PHASE', 20: 'AC_3_PHASE', 30: 'DC' };
/** UsageType 2, "Private - Restricted Access", is not for the public. */
const PRIVATE_USAGE = 2;
/** More EVSEs than this behind one connection line is a data error. */
const MAX_QUANTITY = 64;

/** The parts of OCM's /referencedata this importer uses, indexed by id. */
export interface OcmReference {
  operators: Map<number, { name: string; website?: string }>;
  countries: Map<number, string>;
  connectionTitles: Map<number, string>;
  liveSubmission: Map<number, boolean>;
}

export function readOcmReference(raw: unknown): OcmReference {
  const reference: OcmReference = { operators: new Map(), countries: new Map(), connectionTitles: new Map(), liveSubmission: new Map() };
  if (!isObject(raw)) return reference;
  const list = (key: string) => (Array.isArray(raw[key]) ? (raw[key] as unknown[]).filter(isObject) : []);
  for (const o of list('Operators')) {
    if (typeof o.ID === 'number' && typeof o.Title === 'string') {
      reference.operators.set(o.ID, { name: o.Title, ...(typeof o.WebsiteURL === 'string' ? { website: o.WebsiteURL } : {}) });
    }
  }
  for (const c of list('Countries')) if (typeof c.ID === 'number' && typeof c.ISOCode === 'string') reference.countries.set(c.ID, c.ISOCode);
  for (const c of list('ConnectionTypes')) if (typeof c.ID === 'number' && typeof c.Title === 'string') reference.connectionTitles.set(c.ID, c.Title);
  for (const s of list('SubmissionStatusTypes')) if (typeof s.ID === 'number') reference.liveSubmission.set(s.ID, s.IsLive === true);
  return reference;
}

export interface OcmImportOptions {
  source: string;
  now: number;
  reference: OcmReference;
}

export function importOcmPois(input: unknown, options: OcmImportOptions): ImportResult {
  const report = new ReportBuilder(options.source, 'ocm');
  const records = Array.isArray(input) ? input : isObject(input) && 'ID' in input ? [input] : null;
  if (!records) {
    report.inputIssue({ path: '$', kind: 'rejected', code: 'input-not-pois', message: `${describeValue(input)} is not a list of Open Charge Map POIs` });
    return { locations: [], report: report.finish() };
  }
  const locations: Location[] = [];
  const seen = new Map<string, number>();
  records.forEach((raw, index) => {
    const path = Array.isArray(input) ? `$[${index}]` : '$';
    const sink = new IssueSink();
    const { location, outcome, id } = importPoi(raw, path, sink, options);
    let kind: RecordOutcomeKind = outcome;
    if (location) {
      const key = locationKey(location);
      const first = seen.get(key);
      if (first !== undefined) {
        sink.rejected(at(path, 'ID'), 'location-duplicate-id', `ID ${location.id} already read at $[${first}]; the first one kept`);
        kind = 'duplicate';
      } else {
        seen.set(key, index);
        locations.push(location);
        report.kept(location);
      }
    }
    report.record(index, path, id, kind, sink.issues);
  });
  return { locations, report: report.finish() };
}

type PoiOutcome = { location: Location | null; outcome: 'kept' | 'rejected' | 'unpublished' | 'no-connectors'; id?: string };

function importPoi(raw: unknown, path: string, sink: IssueSink, options: OcmImportOptions): PoiOutcome {
  if (!isObject(raw)) {
    sink.rejected(path, 'location-not-object', `expected a POI object, got ${describeValue(raw)}`);
    return { location: null, outcome: 'rejected' };
  }
  const id = readId(raw.ID, at(path, 'ID'), new IssueSink());
  if (id === undefined) {
    sink.rejected(at(path, 'ID'), 'location-no-id', `no usable ID (${describeValue(raw.ID)}); record left out`);
    return { location: null, outcome: 'rejected' };
  }
  const { reference } = options;
  const submission = typeof raw.SubmissionStatusTypeID === 'number' ? raw.SubmissionStatusTypeID : undefined;
  if (submission !== undefined && reference.liveSubmission.get(submission) === false) {
    sink.dropped(at(path, 'SubmissionStatusTypeID'), 'location-unpublished', `submission status ${submission} is not live`);
    return { location: null, outcome: 'unpublished', id };
  }
  if (raw.UsageTypeID === PRIVATE_USAGE) {
    sink.dropped(at(path, 'UsageTypeID'), 'location-unpublished', 'usage type 2 "Private - Restricted Access"');
    return { location: null, outcome: 'unpublished', id };
  }
  const address = isObject(raw.AddressInfo) ? raw.AddressInfo : null;
  const coordinates = address
    ? readCoordinates({ latitude: address.Latitude, longitude: address.Longitude }, at(path, 'AddressInfo'), new IssueSink())
    : undefined;
  if (!address || !coordinates || (coordinates.latitude === 0 && coordinates.longitude === 0)) {
    sink.rejected(at(path, 'AddressInfo'), 'location-no-coordinates', `POI ${id} has no usable position; record left out`);
    return { location: null, outcome: 'rejected', id };
  }
  const statusTime =
    readTimestamp(raw.DateLastStatusUpdate, at(path, 'DateLastStatusUpdate'), sink) ??
    readTimestamp(raw.DateLastVerified, at(path, 'DateLastVerified'), sink) ??
    readTimestamp(raw.DateCreated, at(path, 'DateCreated'), sink) ??
    options.now;
  const poiStatus = typeof raw.StatusTypeID === 'number' ? raw.StatusTypeID : undefined;

  const evses: Evse[] = [];
  const connections = Array.isArray(raw.Connections) ? raw.Connections : [];
  connections.forEach((c, i) => evses.push(...importConnection(c, at(at(path, 'Connections'), i), poiStatus, statusTime, sink, options)));

  const location: Location = { source: options.source, id, publish: true, coordinates, evses, last_updated: statusTime };
  const text = (value: unknown, key: string) => readText(value, at(at(path, 'AddressInfo'), key), sink);
  const name = text(address.Title, 'Title');
  if (name) location.name = name;
  const line = [text(address.AddressLine1, 'AddressLine1'), text(address.AddressLine2, 'AddressLine2')].filter(Boolean).join(', ');
  if (line) location.address = line;
  const city = text(address.Town, 'Town');
  if (city) location.city = city;
  const state = text(address.StateOrProvince, 'StateOrProvince');
  if (state) location.state = state;
  const postcode = text(address.Postcode, 'Postcode');
  if (postcode) location.postal_code = postcode;
  const iso2 =
    (typeof address.CountryID === 'number' ? reference.countries.get(address.CountryID) : undefined) ??
    (isObject(address.Country) && typeof address.Country.ISOCode === 'string' ? address.Country.ISOCode : undefined);
  const country = iso2 ? alpha3FromAlpha2(iso2) : undefined;
  if (country) location.country = country;
  else if (address.CountryID !== undefined) sink.rejected(at(at(path, 'AddressInfo'), 'CountryID'), 'reference-unknown-id', `country ${describeValue(address.CountryID)} is not in the reference data`);
  const operator = readOperator(raw, path, sink, reference);
  if (operator) location.operator = operator;
  const cost = readText(raw.UsageCost, at(path, 'UsageCost'), sink);
  if (cost) location.tariff_text = cost;

  const kept = evses.filter((e) => e.status !== 'REMOVED');
  location.evses = kept;
  if (kept.length === 0) {
    sink.dropped(at(path, 'Connections'), 'location-no-connectors', `POI ${id} has no connection of a known type`);
    return { location: null, outcome: 'no-connectors', id };
  }
  return { location, outcome: 'kept', id };
}

function readOperator(raw: JsonObject, path: string, sink: IssueSink, reference: OcmReference) {
  if (typeof raw.OperatorID === 'number') {
    const known = reference.operators.get(raw.OperatorID);
    if (known) return { ...known };
    if (!isObject(raw.OperatorInfo)) {
      sink.rejected(at(path, 'OperatorID'), 'reference-unknown-id', `operator ${raw.OperatorID} is not in the reference data`);
    }
  }
  if (isObject(raw.OperatorInfo) && typeof raw.OperatorInfo.Title === 'string') return { name: raw.OperatorInfo.Title.slice(0, 255) };
  return undefined;
}

function importConnection(
  raw: unknown,
  path: string,
  poiStatus: number | undefined,
  statusTime: number,
  sink: IssueSink,
  options: OcmImportOptions,
): Evse[] {
  if (!isObject(raw)) {
    sink.rejected(path, 'connector-not-object', `expected a connection, got ${describeValue(raw)}`);
    return [];
  }
  const typeId = typeof raw.ConnectionTypeID === 'number' ? raw.ConnectionTypeID : undefined;
  const title =
    (typeId !== undefined ? options.reference.connectionTitles.get(typeId) : undefined) ??
    (isObject(raw.ConnectionType) && typeof raw.ConnectionType.Title === 'string' ? raw.ConnectionType.Title : undefined);
  const mapped = typeId !== undefined ? CONNECTION_TYPES[typeId] : undefined;
  const standard = mapped?.[0] ?? normaliseStandard(title)?.standard;
  if (!standard) {
    sink.rejected(
      at(path, 'ConnectionTypeID'),
      'connector-unknown-standard',
      `connection type ${describeValue(raw.ConnectionTypeID)}${title ? ` "${title}"` : ''} has no OCPI standard; connection left out`,
    );
    return [];
  }
  const statusId = typeof raw.StatusTypeID === 'number' ? raw.StatusTypeID : poiStatus;
  const status: EvseStatus = statusId !== undefined ? (STATUS_TYPES[statusId] ?? 'UNKNOWN') : 'UNKNOWN';
  if (status === 'REMOVED') {
    sink.dropped(at(path, 'StatusTypeID'), 'evse-removed', `connection is ${statusId === 210 ? 'a duplicate listing' : 'decommissioned'}`);
    return [];
  }
  const current = currentOfStandard(standard);
  let powerType: PowerType = typeof raw.CurrentTypeID === 'number' && CURRENT_TYPES[raw.CurrentTypeID] ? CURRENT_TYPES[raw.CurrentTypeID] : current === 'DC' ? 'DC' : 'AC_1_PHASE';
  if (current !== null && (powerType === 'DC') !== (current === 'DC')) {
    sink.normalised(at(path, 'CurrentTypeID'), 'power-type-conflict', `${powerType} cannot come out of a ${standard} plug; corrected`);
    powerType = current === 'DC' ? 'DC' : 'AC_3_PHASE';
  }
  const scratch = new IssueSink();
  const kw = readNumber(raw.PowerKW, at(path, 'PowerKW'), scratch);
  const volts = readNumber(raw.Voltage, at(path, 'Voltage'), scratch);
  const amps = readNumber(raw.Amps, at(path, 'Amps'), scratch);
  let watts = 0;
  if (kw !== undefined && kw > 0 && kw <= 4000) watts = Math.round(kw * 1000);
  else if (volts && amps && volts > 0 && amps > 0) {
    watts = Math.round(volts * amps * (powerType === 'AC_3_PHASE' ? (volts >= 300 ? Math.sqrt(3) : 3) : 1));
    sink.normalised(at(path, 'PowerKW'), 'power-from-voltage', `no PowerKW; ${watts} W from ${volts} V × ${amps} A`);
  } else {
    sink.rejected(at(path, 'PowerKW'), 'power-unknown', 'no usable power figure; connector kept with unknown power');
  }
  let quantity = typeof raw.Quantity === 'number' && Number.isInteger(raw.Quantity) && raw.Quantity > 0 ? raw.Quantity : 1;
  if (quantity > MAX_QUANTITY) {
    sink.normalised(at(path, 'Quantity'), 'quantity-capped', `Quantity ${quantity} capped at ${MAX_QUANTITY}`);
    quantity = MAX_QUANTITY;
  }
  const lineId = readId(raw.ID, at(path, 'ID'), new IssueSink()) ?? path.replace(/\D+/g, '-');
  const evses: Evse[] = [];
  for (let k = 1; k <= quantity; k++) {
    const connector: Connector = { id: '1', standard, power_type: powerType, max_electric_power: watts, tariff_ids: [], last_updated: statusTime };
    if (mapped?.[1]) connector.format = mapped[1];
    if (volts && volts > 0) connector.max_voltage = volts;
    if (amps && amps > 0) connector.max_amperage = amps;
    evses.push({
      uid: quantity === 1 ? lineId : `${lineId}-${k}`,
      status,
      status_updated: statusTime,
      capabilities: [],
      connectors: [connector],
      last_updated: statusTime,
    });
  }
  return evses;
}
