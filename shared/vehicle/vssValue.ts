// Whether a value fits a VSS signal's datatype, range and allowed list: the check mapping validation and the write path share.
import type { VssDatatype, VssSignal } from './catalog';

export const INTEGER_RANGES: Record<string, readonly [number, number]> = {
  uint8: [0, 255],
  uint16: [0, 65_535],
  uint32: [0, 4_294_967_295],
  int8: [-128, 127],
  int16: [-32_768, 32_767],
  int32: [-2_147_483_648, 2_147_483_647],
};

export function isNumericType(t: VssDatatype): boolean {
  return t !== 'boolean' && t !== 'string';
}

export function isIntegerType(t: VssDatatype): boolean {
  return t in INTEGER_RANGES;
}

/** A value as it travels in VSS updates: numbers, booleans and enum strings. */
export type VssValue = number | boolean | string;

/**
 * Whether a value fits the signal's datatype, VSS range and allowed list; returns the reason when
 * it does not. Used by validation (mapping targets) and the write path (intent values).
 */
export function checkVssValue(sig: VssSignal, value: unknown): string | null {
  const t = sig.datatype;
  if (t === 'boolean') return typeof value === 'boolean' ? null : `${sig.path} is boolean, got ${describe(value)}`;
  if (t === 'string') {
    if (typeof value !== 'string') return `${sig.path} is string, got ${describe(value)}`;
    if (sig.allowed && !sig.allowed.includes(value)) {
      return `${JSON.stringify(value)} is not an allowed value of ${sig.path} (allowed: ${sig.allowed.join(', ')})`;
    }
    return null;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${sig.path} is ${t}, got ${describe(value)}`;
  const range = INTEGER_RANGES[t];
  if (range) {
    if (!Number.isInteger(value)) return `${sig.path} is ${t}, got non-integer ${value}`;
    if (value < range[0] || value > range[1]) return `${value} is outside ${t} range ${range[0]}..${range[1]} of ${sig.path}`;
  }
  if (sig.min !== undefined && value < sig.min) return `${value} is below the minimum ${sig.min} of ${sig.path}`;
  if (sig.max !== undefined && value > sig.max) return `${value} is above the maximum ${sig.max} of ${sig.path}`;
  return null;
}

function describe(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : `${typeof v} ${String(v)}`;
}
