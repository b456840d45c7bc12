// What reserving a charger costs, read from the OCPI 2.2.1 tariff's reservation elements (restrictions.reservation RESERVATION / RESERVATION_EXPIRES), VAT included, time billed in the tariff's steps.
import { z } from 'zod';

const component = z.object({ type: z.string(), price: z.number().min(0), vat: z.number().min(0).optional(), step_size: z.number().int().min(1).optional() });
const element = z.object({ price_components: z.array(component), restrictions: z.object({ reservation: z.string().optional() }).loose().optional() });
/** Tolerant of everything a reservation fee does not need; strict about what it does. */
export const ocpiTariffSchema = z.object({ id: z.string(), currency: z.string().regex(/^[A-Za-z]{3}$/), elements: z.array(element) }).loose();
export type OcpiTariff = z.infer<typeof ocpiTariffSchema>;

/** One way a reservation is priced: a flat fee plus a price per hour billed in steps (major units, VAT included). */
export interface FeeRule {
  flat: number;
  perHour: number;
  stepSeconds: number;
}

export interface ReservationFee {
  currency: string;
  /** While reserved (paid whether or not the reservation is used). */
  reserved: FeeRule;
  /** When the reservation runs out without a session: the RESERVATION_EXPIRES elements, else the same as reserved. */
  expired: FeeRule;
}

const NO_FEE: FeeRule = { flat: 0, perHour: 0, stepSeconds: 1 };
const withVat = (c: z.infer<typeof component>) => c.price * (1 + (c.vat ?? 0) / 100);

function rule(elements: z.infer<typeof element>[]): FeeRule | null {
  if (elements.length === 0) return null;
  const out: FeeRule = { ...NO_FEE };
  for (const e of elements) {
    for (const c of e.price_components) {
      if (c.type === 'FLAT') out.flat += withVat(c);
      else if (c.type === 'TIME') {
        out.perHour += withVat(c);
        out.stepSeconds = Math.max(out.stepSeconds, c.step_size ?? 1);
      }
    }
  }
  return out;
}

/** The reservation fee of a tariff; a tariff without reservation elements reserves for free (`null`). */
export function reservationFee(tariff: OcpiTariff): ReservationFee | null {
  const of = (kind: string) => tariff.elements.filter((e) => e.restrictions?.reservation === kind);
  const reserved = rule(of('RESERVATION'));
  const expired = rule(of('RESERVATION_EXPIRES'));
  if (!reserved && !expired) return null;
  return { currency: tariff.currency.toUpperCase(), reserved: reserved ?? NO_FEE, expired: expired ?? reserved ?? NO_FEE };
}

/** A rule's price for a reservation of `minutes`: time is billed in whole steps. */
export function priceFor(r: FeeRule, minutes: number): number {
  const seconds = Math.max(0, minutes * 60);
  const billed = Math.ceil(seconds / r.stepSeconds - 1e-9) * r.stepSeconds;
  return r.flat + (r.perHour * billed) / 3600;
}

/** The most a reservation of `minutes` costs if used, and what it costs if it runs out unused. */
export function feeFor(fee: ReservationFee, minutes: number): { ifUsed: number; ifExpired: number } {
  return { ifUsed: priceFor(fee.reserved, minutes), ifExpired: priceFor(fee.expired, minutes) };
}
