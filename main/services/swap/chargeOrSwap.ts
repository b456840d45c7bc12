// Charge or swap? The best charging stop and the best swap stop for the situation now, each in total minutes (drive + wait + charge or swap) and money, and which is better and why.
import type { StationListItem } from '../../../shared/state/stationsSlice';
import type { ChargeOrSwap, ChargeOrSwapReason, Money, StopOption, SwapStationView } from '../../../shared/state/swapSlice';
import { ASSUMED_READY_SOC } from '../../../shared/swap/terms';
import { driveMinutes } from './arrival';

/** Within this many minutes the two take "about the same time" and money (or the driver's preference) decides. */
export const SAME_TIME_MINUTES = 5;
/** Expected wait at a charger whose connectors are all busy: about half a typical session. */
export const BUSY_CHARGER_WAIT_MINUTES = 20;
/** Statuses a driver can wait out; others (out of order, removed) are no option at all. */
const WAITABLE = new Set(['CHARGING', 'RESERVED', 'BLOCKED']);

export type Preference = 'charge' | 'swap' | 'either';

/** Minor units of a currency (2 for CNY, EUR, NOK; 0 for JPY), so charging prices compare with the swap's. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

const totalOf = (o: Pick<StopOption, 'driveMinutes' | 'waitMinutes' | 'stopMinutes'>) => o.driveMinutes + o.waitMinutes + o.stopMinutes;

/** The swap station that has the car on its way again soonest (a ready pack, open now). */
export function bestSwap(stations: readonly SwapStationView[]): StopOption | null {
  let best: StopOption | null = null;
  for (const s of stations) {
    if (s.readyPacks < 1 || !s.openNow || s.distanceM === null) continue;
    const o: StopOption = {
      name: s.name,
      networkOrOperator: s.networkName,
      driveMinutes: driveMinutes(s.distanceM),
      waitMinutes: s.waitMinutes,
      stopMinutes: s.typicalSwapMinutes,
      totalMinutes: 0,
      cost: s.priceEstimate,
      leaveSoc: ASSUMED_READY_SOC,
      arrivalSoc: s.arrivalSoc,
      key: `${s.networkId}/${s.id}`,
    };
    o.totalMinutes = totalOf(o);
    if (!best || o.totalMinutes < best.totalMinutes) best = o;
  }
  return best;
}

/** The charging station among the search results that has the car on its way again soonest. */
export function bestCharge(results: readonly StationListItem[], targetSoc: number): StopOption | null {
  let best: StopOption | null = null;
  for (const r of results) {
    if (r.reachable === false || r.drive_minutes === undefined || r.charge_minutes === undefined || !Number.isFinite(r.charge_minutes)) continue;
    let wait = 0;
    if (r.available === 0) {
      if (!WAITABLE.has(r.best.status)) continue;
      wait = BUSY_CHARGER_WAIT_MINUTES;
    }
    const cost = r.price?.cost;
    const o: StopOption = {
      name: r.name,
      networkOrOperator: r.operator ?? null,
      driveMinutes: r.drive_minutes,
      waitMinutes: wait,
      stopMinutes: r.charge_minutes,
      totalMinutes: 0,
      cost: cost !== undefined && Number.isFinite(cost) ? { amountMinor: Math.round(cost * 10 ** minorDigits(r.price!.currency)), currency: r.price!.currency } : null,
      leaveSoc: targetSoc,
      arrivalSoc: r.arrival_soc ?? null,
      key: r.key,
      reservable: r.reservable,
    };
    o.totalMinutes = totalOf(o);
    if (!best || o.totalMinutes < best.totalMinutes) best = o;
  }
  return best;
}

function costReason(swap: Money | null, charge: Money | null): ChargeOrSwapReason | null {
  if (!swap || !charge || swap.currency !== charge.currency) return { code: 'costsNotComparable' };
  if (swap.amountMinor === charge.amountMinor) return null;
  const diff = { amountMinor: Math.abs(swap.amountMinor - charge.amountMinor), currency: swap.currency };
  return swap.amountMinor < charge.amountMinor ? { code: 'swapCheaper', amount: diff } : { code: 'chargeCheaper', amount: diff };
}

/** Time decides first (more than SAME_TIME_MINUTES apart); then money; then the driver's preference. */
export function compareChargeOrSwap(input: { swap: StopOption | null; charge: StopOption | null; swapStationsWithoutPack: number; preference: Preference; seenAt: number; socPercent?: number | null; targetSoc?: number }): ChargeOrSwap {
  const { swap, charge, preference, seenAt } = input;
  const reasons: ChargeOrSwapReason[] = [];
  // Charged to the driver's target already: neither stop gives anything now.
  if (input.socPercent != null && input.targetSoc !== undefined && input.socPercent >= input.targetSoc) return { verdict: 'none', reasons: [{ code: 'notNeeded' }], swap, charge, seenAt };
  if (!swap && !charge) return { verdict: 'none', reasons: [{ code: 'noSwap' }, { code: 'noCharger' }], swap, charge, seenAt };
  if (!swap) {
    reasons.push(input.swapStationsWithoutPack > 0 ? { code: 'swapNoPack' } : { code: 'noSwap' });
    return { verdict: 'charge', reasons, swap, charge, seenAt };
  }
  if (!charge) return { verdict: 'swap', reasons: [{ code: 'noCharger' }], swap, charge, seenAt };

  const dt = Math.round(charge.totalMinutes - swap.totalMinutes);
  const money = costReason(swap.cost, charge.cost);
  let verdict: ChargeOrSwap['verdict'];
  if (Math.abs(dt) >= SAME_TIME_MINUTES) {
    verdict = dt > 0 ? 'swap' : 'charge';
    reasons.push(dt > 0 ? { code: 'swapFaster', minutes: dt } : { code: 'chargeFaster', minutes: -dt });
    if (money) reasons.push(money);
  } else {
    reasons.push({ code: 'aboutSameTime' });
    if (money) reasons.push(money);
    verdict = money?.code === 'swapCheaper' ? 'swap' : money?.code === 'chargeCheaper' ? 'charge' : 'either';
    if (verdict === 'either' && preference !== 'either') {
      verdict = preference;
      reasons.push({ code: 'preference', prefers: preference });
    }
  }
  return { verdict, reasons, swap, charge, seenAt };
}
