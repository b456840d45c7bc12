// A set of OCPI Locations kept as received, updated by full objects (PUT, date_from deltas) and PATCHes at location, EVSE or connector level.
import type { ImportIssue } from './importReport';
import { locationKey, type Location } from './model';
import { describeValue, isObject, type JsonObject } from './feedValues';
import { importOcpiLocation } from './ocpiLocation';

export interface OcpiUpdate {
  method: 'PUT' | 'PATCH';
  country_code: string;
  party_id: string;
  location_id: string;
  evse_uid?: string;
  connector_id?: string;
  body: unknown;
}

export type UpdateResult =
  | { ok: true; key: string; location: Location | null; issues: ImportIssue[] }
  | { ok: false; error: string; issues: ImportIssue[] };

/**
 * Raw OCPI objects by identity; canonical Locations are re-derived from the merged raw object after every
 * change, so a PATCH goes through the same tolerant import as a full feed.
 */
export class OcpiLocationSet {
  private readonly raw = new Map<string, JsonObject>();
  private readonly canonical = new Map<string, Location>();

  constructor(
    readonly source: string,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.canonical.size;
  }

  /** Offerable locations (published, with connectors). */
  locations(): Location[] {
    return [...this.canonical.values()];
  }

  /** Raw objects as last received and patched, for caching. */
  rawObjects(): JsonObject[] {
    return [...this.raw.values()];
  }

  /** A full Location object (PUT, a page of a feed, a date_from delta). */
  upsert(body: unknown, path = '$'): UpdateResult {
    if (!isObject(body)) return { ok: false, error: `${path}: expected a Location object, got ${describeValue(body)}`, issues: [] };
    return this.store(body, path);
  }

  apply(update: OcpiUpdate): UpdateResult {
    const { body } = update;
    if (!isObject(body)) return { ok: false, error: `body: expected an object, got ${describeValue(body)}`, issues: [] };
    const key = locationKey({ source: this.source, country_code: update.country_code, party_id: update.party_id, id: update.location_id });
    const where = `${update.country_code}/${update.party_id}/${update.location_id}${update.evse_uid ? `/${update.evse_uid}` : ''}${update.connector_id ? `/${update.connector_id}` : ''}`;
    if (update.evse_uid === undefined) {
      if (update.method === 'PUT') {
        return this.store({ ...body, country_code: update.country_code, party_id: update.party_id, id: update.location_id }, '$');
      }
      const current = this.raw.get(key);
      if (!current) return { ok: false, error: `${where}: no such location to PATCH`, issues: [] };
      return this.store({ ...current, ...body, country_code: update.country_code, party_id: update.party_id, id: update.location_id }, '$');
    }
    const current = this.raw.get(key);
    if (!current) return { ok: false, error: `${where}: no such location`, issues: [] };
    const evses = Array.isArray(current.evses) ? [...(current.evses as unknown[])] : [];
    const at = evses.findIndex((e) => isObject(e) && String(e.uid) === update.evse_uid);
    const touched = { last_updated: body.last_updated ?? new Date(this.now()).toISOString() };
    if (update.connector_id === undefined) {
      if (update.method === 'PUT') {
        const evse = { ...body, uid: update.evse_uid };
        if (at === -1) evses.push(evse);
        else evses[at] = evse;
      } else {
        if (at === -1) return { ok: false, error: `${where}: no such EVSE to PATCH`, issues: [] };
        evses[at] = { ...(evses[at] as JsonObject), ...body };
      }
    } else {
      if (at === -1) return { ok: false, error: `${where}: no such EVSE`, issues: [] };
      const evse = evses[at] as JsonObject;
      const connectors = Array.isArray(evse.connectors) ? [...(evse.connectors as unknown[])] : [];
      const c = connectors.findIndex((x) => isObject(x) && String(x.id) === update.connector_id);
      if (update.method === 'PUT') {
        const connector = { ...body, id: update.connector_id };
        if (c === -1) connectors.push(connector);
        else connectors[c] = connector;
      } else {
        if (c === -1) return { ok: false, error: `${where}: no such connector to PATCH`, issues: [] };
        connectors[c] = { ...(connectors[c] as JsonObject), ...body };
      }
      evses[at] = { ...evse, connectors, ...touched };
    }
    return this.store({ ...current, evses, ...touched }, '$');
  }

  private store(body: JsonObject, path: string): UpdateResult {
    const result = importOcpiLocation(body, path, { source: this.source, now: this.now() });
    if (result.outcome === 'rejected' || !result.id) {
      return { ok: false, error: result.issues.find((i) => i.kind === 'rejected')?.message ?? 'not a usable Location', issues: result.issues };
    }
    const probe = { source: this.source, id: result.id, country_code: str(body.country_code), party_id: str(body.party_id) };
    const key = result.location ? locationKey(result.location) : locationKey(probe);
    this.raw.set(key, body);
    if (result.location) this.canonical.set(key, result.location);
    else this.canonical.delete(key);
    return { ok: true, key, location: result.location, issues: result.issues };
  }
}

const str = (value: unknown) => (typeof value === 'string' ? value.trim().toUpperCase() : undefined);
