// Reservation fees from the official OCPI 2.2.1 tariff examples (tariff_15 to tariff_18 price reservations; tariff_1 does not).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusPath } from '../../../test/fixtures/corpus';
import { feeFor, ocpiTariffSchema, priceFor, reservationFee } from './reservationFee';

const tariff = (name: string) => ocpiTariffSchema.parse(JSON.parse(readFileSync(corpusPath('stations', 'ocpi-2.2.1', name)!, 'utf8')));
const haveCorpus = corpusPath('stations') !== null;

describe.skipIf(!haveCorpus)('reservation fees of the OCPI examples (skipped without ../shared)', () => {
  it('tariff 15: 5 €/h while reserved (VAT 20 %), billed per minute', () => {
    const fee = reservationFee(tariff('tariff_15_reservation_5_euro_per_hour.json'))!;
    expect(fee.reserved).toEqual({ flat: 0, perHour: 6, stepSeconds: 60 });
    expect(feeFor(fee, 30).ifUsed).toBeCloseTo(3, 9);
    expect(feeFor(fee, 30.2).ifUsed).toBeCloseTo(3.1, 9);
    // No expiry elements: an expired reservation costs what a used one does.
    expect(feeFor(fee, 30).ifExpired).toBeCloseTo(3, 9);
  });

  it('tariff 16: 2 € to reserve plus 5 €/h in 5-minute steps', () => {
    const fee = reservationFee(tariff('tariff_16_reservation_2_euro_fee_5_euro_per_hour.json'))!;
    expect(feeFor(fee, 30).ifUsed).toBeCloseTo(2.4 + 3, 9);
    expect(feeFor(fee, 31).ifUsed).toBeCloseTo(2.4 + 3.5, 9);
  });

  it('tariff 17: 2 €/h while reserved, 4 € when it expires unused', () => {
    const fee = reservationFee(tariff('tariff_17_reservation_with_expire_fee.json'))!;
    expect(feeFor(fee, 30)).toEqual({ ifUsed: expect.closeTo(1.2, 9), ifExpired: expect.closeTo(4.8, 9) });
    expect(feeFor(fee, 31).ifUsed).toBeCloseTo(1.6, 9);
  });

  it('tariff 18: 3 €/h while reserved, 6 €/h when it expires unused', () => {
    const fee = reservationFee(tariff('tariff_18_reservation_with_expire_time.json'))!;
    expect(feeFor(fee, 30)).toEqual({ ifUsed: expect.closeTo(1.8, 9), ifExpired: expect.closeTo(3.6, 9) });
  });

  it('a tariff without reservation elements reserves for free', () => {
    expect(reservationFee(tariff('tariff_1_simple_2hour.json'))).toBeNull();
  });
});

describe('billing steps', () => {
  it('bills time in whole steps and never less than nothing', () => {
    expect(priceFor({ flat: 1, perHour: 12, stepSeconds: 300 }, 1)).toBeCloseTo(2, 9);
    expect(priceFor({ flat: 1, perHour: 12, stepSeconds: 300 }, 0)).toBe(1);
    expect(priceFor({ flat: 0, perHour: 12, stepSeconds: 300 }, -5)).toBe(0);
  });
});
