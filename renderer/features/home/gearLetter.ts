// Maps VSS gear numbers (SelectedGear 126 = Park, 127 = Drive; 0 N; negative R; positive forward) to P/R/N/D.
export type GearLetter = 'P' | 'R' | 'N' | 'D';

export function gearLetter(value: unknown): GearLetter | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  if (value === 126) return 'P';
  if (value === 127 || value > 0) return 'D';
  if (value === 0) return 'N';
  return 'R';
}
