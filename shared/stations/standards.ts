// Connector standards: the canonical names (OCPI ConnectorType), how raw feed spellings map onto them, AC/DC, and inlet compatibility.

/**
 * OCPI 2.2.1 ConnectorType values, plus SAE_J3400 from OCPI 2.3 (NACS). ChaoJi is `CHAOJI` (its 2.2.1 name);
 * NACS is `SAE_J3400` (accepted on input as "NACS"). TESLA_S stays its own name: feeds use it for Tesla's
 * older connector and it is not rewritten. The order fixes each standard's bit in the columnar store:
 * append only.
 */
export const CONNECTOR_STANDARDS = [
  'CHADEMO',
  'CHAOJI',
  'DOMESTIC_A',
  'DOMESTIC_B',
  'DOMESTIC_C',
  'DOMESTIC_D',
  'DOMESTIC_E',
  'DOMESTIC_F',
  'DOMESTIC_G',
  'DOMESTIC_H',
  'DOMESTIC_I',
  'DOMESTIC_J',
  'DOMESTIC_K',
  'DOMESTIC_L',
  'DOMESTIC_M',
  'DOMESTIC_N',
  'DOMESTIC_O',
  'GBT_AC',
  'GBT_DC',
  'IEC_60309_2_single_16',
  'IEC_60309_2_three_16',
  'IEC_60309_2_three_32',
  'IEC_60309_2_three_64',
  'IEC_62196_T1',
  'IEC_62196_T1_COMBO',
  'IEC_62196_T2',
  'IEC_62196_T2_COMBO',
  'IEC_62196_T3A',
  'IEC_62196_T3C',
  'NEMA_5_20',
  'NEMA_6_30',
  'NEMA_6_50',
  'NEMA_10_30',
  'NEMA_10_50',
  'NEMA_14_30',
  'NEMA_14_50',
  'PANTOGRAPH_BOTTOM_UP',
  'PANTOGRAPH_TOP_DOWN',
  'TESLA_R',
  'TESLA_S',
  'SAE_J3400',
] as const;

type Standard = (typeof CONNECTOR_STANDARDS)[number];

/** Standard → its index (the bit in a location's standards mask). */
export const STANDARD_INDEX: ReadonlyMap<string, number> = new Map(CONNECTOR_STANDARDS.map((s, i) => [s, i]));

const compact = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** Spellings seen in real feeds and other formats, by their compact form (upper case, letters and digits only). */
const ALIASES: Record<string, Standard> = {
  GBTDC: 'GBT_DC',
  GBT20234DC: 'GBT_DC',
  GBT202343: 'GBT_DC',
  GBTAC: 'GBT_AC',
  GBT20234AC: 'GBT_AC',
  GBT202342: 'GBT_AC',
  CHAOJI: 'CHAOJI',
  CHAOJI1: 'CHAOJI',
  NACS: 'SAE_J3400',
  SAEJ3400: 'SAE_J3400',
  TESLANACS: 'SAE_J3400',
  TYPE2: 'IEC_62196_T2',
  TYPE2OUTLET: 'IEC_62196_T2',
  TYPE2SOCKET: 'IEC_62196_T2',
  TYPE2CABLE: 'IEC_62196_T2',
  MENNEKES: 'IEC_62196_T2',
  IEC621962TYPE2: 'IEC_62196_T2',
  TYPE1: 'IEC_62196_T1',
  J1772: 'IEC_62196_T1',
  SAEJ1772: 'IEC_62196_T1',
  CCS: 'IEC_62196_T2_COMBO',
  CCS2: 'IEC_62196_T2_COMBO',
  CCSTYPE2: 'IEC_62196_T2_COMBO',
  COMBO2: 'IEC_62196_T2_COMBO',
  CCS1: 'IEC_62196_T1_COMBO',
  CCSTYPE1: 'IEC_62196_T1_COMBO',
  COMBO1: 'IEC_62196_T1_COMBO',
  SCHUKO: 'DOMESTIC_F',
};

const BY_COMPACT: ReadonlyMap<string, Standard> = new Map([
  ...Object.entries(ALIASES),
  ...CONNECTOR_STANDARDS.map((s) => [compact(s), s] as const),
]);

export type StandardMatch = { standard: Standard; exact: boolean };

/**
 * Canonical standard for a raw feed value: exact names pass, other case or padding ("gbt_dc ") and known
 * aliases ("GB/T (DC)", "Type 2 outlet", "NACS") are mapped with `exact: false`; anything else is null.
 */
export function normaliseStandard(raw: unknown): StandardMatch | null {
  if (typeof raw !== 'string' || raw.length > 64) return null;
  if (STANDARD_INDEX.has(raw)) return { standard: raw as Standard, exact: true };
  const standard = BY_COMPACT.get(compact(raw));
  return standard ? { standard, exact: false } : null;
}

const DC_ONLY = new Set<Standard>([
  'CHADEMO',
  'CHAOJI',
  'GBT_DC',
  'IEC_62196_T1_COMBO',
  'IEC_62196_T2_COMBO',
  'PANTOGRAPH_BOTTOM_UP',
  'PANTOGRAPH_TOP_DOWN',
]);
const AC_AND_DC = new Set<Standard>(['TESLA_S', 'SAE_J3400']);

/** 'DC' for DC-only standards, 'AC' for AC-only ones, null where the plug carries both. */
export function currentOfStandard(standard: Standard): 'AC' | 'DC' | null {
  if (DC_ONLY.has(standard)) return 'DC';
  if (AC_AND_DC.has(standard)) return null;
  return 'AC';
}

/**
 * VSS inlet types (the vehicle definition's `acInlet`/`dcInlet`) → connector standards that plug in
 * without an adapter. A CCS inlet also takes the AC plug it is built around.
 */
export const INLET_STANDARDS: Record<string, readonly Standard[]> = {
  IEC_TYPE_1_AC: ['IEC_62196_T1'],
  IEC_TYPE_2_AC: ['IEC_62196_T2'],
  IEC_TYPE_4_DC: ['CHADEMO'],
  IEC_TYPE_1_CCS_DC: ['IEC_62196_T1_COMBO', 'IEC_62196_T1'],
  IEC_TYPE_2_CCS_DC: ['IEC_62196_T2_COMBO', 'IEC_62196_T2'],
  TESLA_SUPERCHARGER: ['SAE_J3400', 'TESLA_S'],
  GBT_AC: ['GBT_AC'],
  GBT_DC: ['GBT_DC'],
  OTHER: [],
};

/** Standards a vehicle with these inlets can use (deduplicated, canonical order). */
export function standardsForInlets(inlets: readonly string[]): Standard[] {
  const wanted = new Set<Standard>();
  for (const inlet of inlets) for (const s of INLET_STANDARDS[inlet] ?? []) wanted.add(s);
  return CONNECTOR_STANDARDS.filter((s) => wanted.has(s));
}
