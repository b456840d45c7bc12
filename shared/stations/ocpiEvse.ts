// OCPI EVSE and Connector objects (2.1.1, 2.2, 2.2.1 and real-feed variants) → the canonical model, recording each fix.
import type { IssueSink } from './importReport';
import {
  CAPABILITIES,
  CONNECTOR_FORMATS,
  EVSE_STATUSES,
  POWER_TYPES,
  type Capability,
  type Connector,
  type Evse,
  type PowerType,
} from './model';
import { at, describeValue, field, isObject, readCoordinates, readEnum, readId, readNumber, readText, readTimestamp } from './feedValues';
import { currentOfStandard, normaliseStandard } from './standards';

export interface RecordContext {
  sink: IssueSink;
  /** Called when a camelCase spelling of a field was used. */
  alias: (name: string) => void;
  /** Time used when an object carries no usable last_updated. */
  fallbackTime: number;
}

/** Below this a max_electric_power is a kW figure sent as W: no charger delivers under 1 kW. */
const KW_AS_W_BELOW = 1000;
/** Above this (4 MW, beyond megawatt truck charging) a power figure is garbage. */
const MAX_PLAUSIBLE_W = 4_000_000;

export function importEvse(raw: unknown, path: string, ctx: RecordContext): Evse | null {
  const { sink } = ctx;
  if (!isObject(raw)) {
    sink.rejected(path, 'evse-not-object', `expected an EVSE object, got ${describeValue(raw)}`);
    return null;
  }
  let uid = readId(field(raw, 'uid', ctx.alias), at(path, 'uid'), sink);
  const evseId = readText(field(raw, 'evse_id', ctx.alias), at(path, 'evse_id'), sink, 64);
  if (uid === undefined) {
    if (evseId === undefined) {
      sink.rejected(at(path, 'uid'), 'evse-no-uid', `no usable uid (${describeValue(raw.uid)}) and no evse_id; EVSE left out`);
      return null;
    }
    uid = evseId;
    sink.normalised(at(path, 'uid'), 'evse-uid-from-evse-id', `no uid; evse_id "${evseId}" used`);
  }

  const rawStatus = raw.status;
  let status = readEnum(rawStatus, EVSE_STATUSES, at(path, 'status'), sink);
  if (status === undefined) {
    status = 'UNKNOWN';
    if (rawStatus !== undefined) {
      sink.normalised(at(path, 'status'), 'status-unknown-value', `${describeValue(rawStatus)} is no EVSE status; read as UNKNOWN`);
    }
  }
  if (status === 'REMOVED') {
    sink.dropped(at(path, 'status'), 'evse-removed', `EVSE ${uid} is REMOVED`);
    return null;
  }

  const connectors: Connector[] = [];
  const rawConnectors = raw.connectors;
  if (Array.isArray(rawConnectors)) {
    const ids = new Set<string>();
    rawConnectors.forEach((c, i) => {
      const connector = importConnector(c, at(at(path, 'connectors'), i), i, ctx);
      if (!connector) return;
      if (ids.has(connector.id)) {
        sink.rejected(at(at(path, 'connectors'), i), 'connector-duplicate-id', `connector id "${connector.id}" repeats in EVSE ${uid}`);
        return;
      }
      ids.add(connector.id);
      connectors.push(connector);
    });
  } else if (rawConnectors !== undefined && rawConnectors !== null) {
    sink.rejected(at(path, 'connectors'), 'field-wrong-type', `expected an array, got ${describeValue(rawConnectors)}`);
  }
  if (connectors.length === 0) {
    sink.rejected(at(path, 'connectors'), 'evse-no-connectors', `EVSE ${uid} has no usable connector; left out`);
    return null;
  }

  const lastUpdated =
    readTimestamp(field(raw, 'last_updated', ctx.alias), at(path, 'last_updated'), sink) ??
    fallbackTime(connectors, ctx, at(path, 'last_updated'));
  const evse: Evse = {
    uid,
    status,
    status_updated: lastUpdated,
    capabilities: readCapabilities(raw.capabilities, at(path, 'capabilities'), sink),
    connectors,
    last_updated: lastUpdated,
  };
  if (evseId !== undefined) evse.evse_id = evseId;
  const floor = readText(field(raw, 'floor_level', ctx.alias), at(path, 'floor_level'), sink, 16);
  if (floor !== undefined) evse.floor_level = floor;
  const reference = readText(field(raw, 'physical_reference', ctx.alias), at(path, 'physical_reference'), sink, 16);
  if (reference !== undefined) evse.physical_reference = reference;
  const rawCoordinates = raw.coordinates;
  if (rawCoordinates !== undefined && rawCoordinates !== null) {
    const coordinates = readCoordinates(rawCoordinates, at(path, 'coordinates'), sink, ctx.alias);
    if (coordinates) evse.coordinates = coordinates;
  }
  const restrictions = field(raw, 'parking_restrictions', ctx.alias);
  if (Array.isArray(restrictions)) {
    const values = restrictions.filter((r): r is string => typeof r === 'string' && r.length <= 32).map((r) => r.trim().toUpperCase());
    if (values.length) evse.parking_restrictions = values;
  }
  return evse;
}

function fallbackTime(connectors: Connector[], ctx: RecordContext, path: string): number {
  const latest = Math.max(...connectors.map((c) => c.last_updated));
  ctx.sink.normalised(path, 'timestamp-missing', 'no usable last_updated; the newest connector time (or the location\'s) used');
  return Number.isFinite(latest) ? latest : ctx.fallbackTime;
}

function readCapabilities(value: unknown, path: string, sink: IssueSink): Capability[] {
  if (!Array.isArray(value)) return [];
  const found = new Set<Capability>();
  value.forEach((v, i) => {
    const capability = readEnum(v, CAPABILITIES, at(path, i), sink);
    if (capability === undefined) {
      sink.rejected(at(path, i), 'field-invalid', `${describeValue(v)} is no capability; ignored`);
    } else if (found.has(capability)) {
      sink.normalised(at(path, i), 'capability-repeated', `${capability} listed twice; kept once`);
    } else {
      found.add(capability);
    }
  });
  return CAPABILITIES.filter((c) => found.has(c));
}

export function importConnector(raw: unknown, path: string, index: number, ctx: RecordContext): Connector | null {
  const { sink } = ctx;
  if (!isObject(raw)) {
    sink.rejected(path, 'connector-not-object', `expected a connector object, got ${describeValue(raw)}`);
    return null;
  }
  const rawStandard = raw.standard;
  const match = normaliseStandard(rawStandard);
  if (!match) {
    sink.rejected(at(path, 'standard'), 'connector-unknown-standard', `${describeValue(rawStandard)} is no connector standard; connector left out`);
    return null;
  }
  const { standard } = match;
  if (!match.exact) {
    const caseOnly = typeof rawStandard === 'string' && rawStandard.trim().toUpperCase() === standard.toUpperCase();
    sink.normalised(
      at(path, 'standard'),
      caseOnly ? 'enum-case' : 'standard-alias',
      `${JSON.stringify(rawStandard)} read as ${standard}`,
    );
  }
  let id = readId(raw.id, at(path, 'id'), sink);
  if (id === undefined) {
    id = String(index + 1);
    sink.normalised(at(path, 'id'), 'connector-id-missing', `no usable id (${describeValue(raw.id)}); numbered "${id}" by position`);
  }

  const powerType = readPowerType(field(raw, 'power_type', ctx.alias), standard, at(path, 'power_type'), sink);
  const voltage = readNumber(field(raw, 'max_voltage', ctx.alias) ?? raw.voltage, at(path, 'max_voltage'), sink);
  const amperage = readNumber(field(raw, 'max_amperage', ctx.alias) ?? raw.amperage, at(path, 'max_amperage'), sink);
  const power = readPower(raw, powerType, voltage, amperage, path, ctx);

  const connector: Connector = {
    id,
    standard,
    power_type: powerType,
    max_electric_power: power,
    tariff_ids: readTariffIds(raw, path, ctx),
    last_updated: readTimestamp(field(raw, 'last_updated', ctx.alias), at(path, 'last_updated'), sink) ?? ctx.fallbackTime,
  };
  const format = raw.format;
  if (format !== undefined && format !== null) {
    const value = readEnum(format, CONNECTOR_FORMATS, at(path, 'format'), sink);
    if (value) connector.format = value;
    else sink.rejected(at(path, 'format'), 'field-invalid', `${describeValue(format)} is no connector format; ignored`);
  }
  if (voltage !== undefined && voltage > 0) connector.max_voltage = voltage;
  if (amperage !== undefined && amperage > 0) connector.max_amperage = amperage;
  return connector;
}

function readPowerType(value: unknown, standard: Connector['standard'], path: string, sink: IssueSink): PowerType {
  const given = readEnum(value, POWER_TYPES, path, sink);
  const current = currentOfStandard(standard);
  const inferred: PowerType = current === 'DC' ? 'DC' : standard === 'IEC_62196_T2' ? 'AC_3_PHASE' : current === 'AC' ? 'AC_1_PHASE' : 'DC';
  if (given === undefined) {
    sink.normalised(path, 'power-type-inferred', `${describeValue(value)} is no power type; ${inferred} inferred from ${standard}`);
    return inferred;
  }
  const givenCurrent = given === 'DC' ? 'DC' : 'AC';
  if (current !== null && givenCurrent !== current) {
    sink.normalised(path, 'power-type-conflict', `${given} cannot come out of a ${standard} plug; read as ${inferred}`);
    return inferred;
  }
  return given;
}

function readPower(
  raw: Record<string, unknown>,
  powerType: PowerType,
  voltage: number | undefined,
  amperage: number | undefined,
  path: string,
  ctx: RecordContext,
): number {
  const { sink } = ctx;
  const powerPath = at(path, 'max_electric_power');
  const given = readNumber(field(raw, 'max_electric_power', ctx.alias), powerPath, sink);
  if (given !== undefined && given > 0) {
    if (given < KW_AS_W_BELOW) {
      const watts = Math.round(given * 1000);
      sink.normalised(powerPath, 'power-kw-as-w', `${given} is a kW figure sent as W; read as ${watts} W`);
      return watts;
    }
    if (given <= MAX_PLAUSIBLE_W) return Math.round(given);
    sink.rejected(powerPath, 'power-implausible', `${given} W is beyond any charger; ignored`);
  }
  if (voltage !== undefined && amperage !== undefined && voltage > 0 && amperage > 0) {
    // OCPI gives line-to-neutral voltage for 3-phase; feeds that send 380–400 V mean line-to-line.
    const watts = Math.round(
      powerType === 'AC_3_PHASE'
        ? voltage >= 300
          ? voltage * amperage * Math.sqrt(3)
          : voltage * amperage * 3
        : powerType === 'AC_2_PHASE' || powerType === 'AC_2_PHASE_SPLIT'
          ? voltage * amperage * 2
          : voltage * amperage,
    );
    if (watts >= KW_AS_W_BELOW && watts <= MAX_PLAUSIBLE_W) {
      sink.normalised(powerPath, 'power-from-voltage', `no max_electric_power; ${watts} W from ${voltage} V × ${amperage} A (${powerType})`);
      return watts;
    }
  }
  if (voltage !== undefined && voltage > 0 && voltage < 100 && !amperage) {
    const watts = Math.round(voltage * 1000);
    sink.normalised(at(path, 'max_voltage'), 'power-in-voltage', `voltage ${voltage} with no current is a kW figure; read as ${watts} W`);
    return watts;
  }
  sink.rejected(powerPath, 'power-unknown', 'no usable power figure; connector kept with unknown power');
  return 0;
}

function readTariffIds(raw: Record<string, unknown>, path: string, ctx: RecordContext): string[] {
  const many = field(raw, 'tariff_ids', ctx.alias);
  if (Array.isArray(many)) {
    return many.flatMap((t, i) => {
      const id = readId(t, at(at(path, 'tariff_ids'), i), ctx.sink);
      return id === undefined ? [] : [id];
    });
  }
  const one = field(raw, 'tariff_id', ctx.alias);
  if (one !== undefined && one !== null) {
    const id = readId(one, at(path, 'tariff_id'), ctx.sink);
    // OCPI 2.1.1's single tariff_id: a version difference, not a fault, so nothing is recorded.
    if (id !== undefined) return [id];
  }
  return [];
}
