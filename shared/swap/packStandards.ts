// Swappable battery-pack standards: the ones Cabin knows by name, the token shape any network may use, and car ↔ pack compatibility.

/**
 * A pack standard as the protocol spells it: an upper-case token. Networks may run standards Cabin
 * has never heard of; the catalog below only adds names and capacities for the ones it knows.
 */
export const PACK_STANDARD_PATTERN = /^[A-Z][A-Z0-9_]{1,39}$/;

export interface PackStandardInfo {
  id: string;
  /** The vehicle-side swap standard (shared/vehicle/catalog SWAP_STANDARDS) a car declares for this pack. */
  family: string;
  /** `unified`: any brand's car built to it fits; `brand`: one maker's cars only. */
  kind: 'unified' | 'brand';
  /** Usable energy of a full pack, kWh; the basis of energy-priced swaps. */
  usableKwh: number;
  /** What a driver recognises it by (a proper name, not translated). */
  label: string;
}

/** Standards named by the issue and by China's public swap networks; usable capacities are nominal. */
export const KNOWN_PACK_STANDARDS: readonly PackStandardInfo[] = [
  { id: 'GBT_40032', family: 'GBT_40032', kind: 'unified', usableKwh: 75, label: 'GB/T 40032' },
  { id: 'CATL_CHOCO_20', family: 'CATL_EVOGO', kind: 'unified', usableKwh: 42, label: 'Choco-Swap 20#' },
  { id: 'CATL_CHOCO_25', family: 'CATL_EVOGO', kind: 'unified', usableKwh: 56, label: 'Choco-Swap 25#' },
  { id: 'NIO_75', family: 'NIO_PSS', kind: 'brand', usableKwh: 75, label: 'NIO 75 kWh' },
  { id: 'NIO_100', family: 'NIO_PSS', kind: 'brand', usableKwh: 100, label: 'NIO 100 kWh' },
  { id: 'AULTON_A1', family: 'AULTON', kind: 'brand', usableKwh: 52, label: 'Aulton A1' },
];

const byId = new Map(KNOWN_PACK_STANDARDS.map((s) => [s.id, s]));

export function packStandardInfo(id: string): PackStandardInfo | undefined {
  return byId.get(id);
}

export function isPackStandardToken(value: string): boolean {
  return PACK_STANDARD_PATTERN.test(value);
}

/** What a car carries, as its vehicle definition declares it. */
export interface CarPack {
  /** Vehicle-side swap standard, e.g. `GBT_40032`; `NONE` for a fixed pack. */
  swapStandard: string;
  usableKwh: number;
}

/**
 * The protocol pack standard a car books: the unified standard itself, or within a family the
 * standard whose capacity matches the car's pack. A fixed pack (`NONE`) books nothing.
 */
export function packStandardForCar(car: CarPack): string | null {
  if (car.swapStandard === 'NONE') return null;
  if (byId.has(car.swapStandard)) return car.swapStandard;
  const family = KNOWN_PACK_STANDARDS.filter((s) => s.family === car.swapStandard);
  if (family.length === 0) return null;
  return family.reduce((best, s) => (Math.abs(s.usableKwh - car.usableKwh) < Math.abs(best.usableKwh - car.usableKwh) ? s : best)).id;
}

/** Whether a station accepting `stationStandards` can swap this car's pack. */
export function stationAcceptsCar(stationStandards: readonly string[], car: CarPack): boolean {
  const standard = packStandardForCar(car);
  return standard !== null && stationStandards.includes(standard);
}
