// Canonical Location → OCPI 2.2.1 Location JSON (strings for coordinates, ISO 8601 times), as a CPO serves it.
import type { Connector, Evse, Hours, Location } from './model';

const iso = (t: number) => new Date(t).toISOString();

export function connectorToOcpi(c: Connector): Record<string, unknown> {
  const out: Record<string, unknown> = { id: c.id, standard: c.standard };
  if (c.format) out.format = c.format;
  out.power_type = c.power_type;
  if (c.max_voltage !== undefined) out.max_voltage = c.max_voltage;
  if (c.max_amperage !== undefined) out.max_amperage = c.max_amperage;
  if (c.max_electric_power > 0) out.max_electric_power = c.max_electric_power;
  if (c.tariff_ids.length) out.tariff_ids = c.tariff_ids;
  out.last_updated = iso(c.last_updated);
  return out;
}

export function evseToOcpi(e: Evse): Record<string, unknown> {
  const out: Record<string, unknown> = { uid: e.uid };
  if (e.evse_id) out.evse_id = e.evse_id;
  out.status = e.status;
  if (e.capabilities.length) out.capabilities = e.capabilities;
  out.connectors = e.connectors.map(connectorToOcpi);
  if (e.floor_level) out.floor_level = e.floor_level;
  if (e.coordinates) out.coordinates = { latitude: String(e.coordinates.latitude), longitude: String(e.coordinates.longitude) };
  if (e.physical_reference) out.physical_reference = e.physical_reference;
  if (e.parking_restrictions) out.parking_restrictions = e.parking_restrictions;
  // OCPI has one last_updated per EVSE; it moves with the status, so it is the status's freshness.
  out.last_updated = iso(Math.max(e.last_updated, e.status_updated));
  return out;
}

function hoursToOcpi(h: Hours): Record<string, unknown> {
  const out: Record<string, unknown> = { twentyfourseven: h.twentyfourseven };
  if (h.regular_hours) out.regular_hours = h.regular_hours;
  const periods = (list: Hours['exceptional_openings']) => list?.map((p) => ({ period_begin: iso(p.period_begin), period_end: iso(p.period_end) }));
  if (h.exceptional_openings) out.exceptional_openings = periods(h.exceptional_openings);
  if (h.exceptional_closings) out.exceptional_closings = periods(h.exceptional_closings);
  return out;
}

export function locationToOcpi(l: Location): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (l.country_code) out.country_code = l.country_code;
  if (l.party_id) out.party_id = l.party_id;
  out.id = l.id;
  out.publish = l.publish;
  for (const key of ['name', 'address', 'city', 'postal_code', 'state', 'country'] as const) if (l[key] !== undefined) out[key] = l[key];
  out.coordinates = { latitude: String(l.coordinates.latitude), longitude: String(l.coordinates.longitude) };
  if (l.parking_type) out.parking_type = l.parking_type;
  out.evses = l.evses.map(evseToOcpi);
  if (l.operator) out.operator = l.operator;
  if (l.suboperator) out.suboperator = l.suboperator;
  if (l.owner) out.owner = l.owner;
  if (l.facilities) out.facilities = l.facilities;
  if (l.time_zone) out.time_zone = l.time_zone;
  if (l.opening_times) out.opening_times = hoursToOcpi(l.opening_times);
  if (l.charging_when_closed !== undefined) out.charging_when_closed = l.charging_when_closed;
  out.last_updated = iso(Math.max(l.last_updated, ...l.evses.map((e) => Math.max(e.last_updated, e.status_updated))));
  return out;
}
