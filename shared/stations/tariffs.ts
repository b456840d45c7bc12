// OCPI Tariffs reduced to what filtering and ranking by price need: per-kWh, per-hour and per-session prices including VAT.
import { IssueSink } from './importReport';
import type { TariffSummary } from './model';
import { at, isObject, readId } from './feedValues';

/**
 * The first price of each kind in an OCPI 2.2.1 Tariff's elements (restrictions such as time of day are not
 * evaluated: the summary is the headline price). Prices are excl. VAT in OCPI; the summary adds the VAT.
 */
export function summariseOcpiTariff(raw: unknown, path = '$', sink = new IssueSink()): TariffSummary | null {
  if (!isObject(raw)) return null;
  const id = readId(raw.id, at(path, 'id'), sink);
  const currency = typeof raw.currency === 'string' && /^[A-Za-z]{3}$/.test(raw.currency) ? raw.currency.toUpperCase() : undefined;
  if (!id || !currency) {
    sink.rejected(path, 'tariff-invalid', 'a tariff needs an id and a 3-letter currency');
    return null;
  }
  const summary: TariffSummary = { id, currency, energy_per_kwh: 0, time_per_hour: 0, flat: 0 };
  const seen = new Set<string>();
  const elements = Array.isArray(raw.elements) ? raw.elements : [];
  for (const element of elements) {
    if (!isObject(element) || !Array.isArray(element.price_components)) continue;
    for (const component of element.price_components) {
      if (!isObject(component) || typeof component.type !== 'string' || typeof component.price !== 'number') continue;
      if (seen.has(component.type) || !(component.price >= 0)) continue;
      seen.add(component.type);
      const vat = typeof component.vat === 'number' && component.vat >= 0 ? component.vat : 0;
      const price = component.price * (1 + vat / 100);
      if (component.type === 'ENERGY') summary.energy_per_kwh = price;
      else if (component.type === 'TIME') summary.time_per_hour = price;
      else if (component.type === 'FLAT') summary.flat = price;
    }
  }
  return summary;
}

/**
 * Price per kWh for the maximum-price filter: the energy price plus the hourly price spread over an hour
 * at the connector's power (a 50 kW charger at 10/h adds 0.2 per kWh). Flat fees are left to the cost.
 */
export function pricePerKwh(tariff: TariffSummary, connectorKw: number): number {
  return tariff.energy_per_kwh + (connectorKw > 0 ? tariff.time_per_hour / connectorKw : 0);
}

/** Estimated cost of one charge: flat fee + energy + charging time. */
export function chargeCost(tariff: TariffSummary, kwh: number, minutes: number): number {
  return tariff.flat + tariff.energy_per_kwh * kwh + (tariff.time_per_hour * minutes) / 60;
}
