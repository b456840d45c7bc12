// Every VSS path the inspector lists: the ones the mapping provides and any that arrived without being listed, sorted.
import { createSelector } from '@reduxjs/toolkit';
import type { RootState } from '../../../shared/state/rootReducer';

export const selectInspectorPaths = createSelector(
  [(state: RootState) => state.vehicle.paths, (state: RootState) => state.vehicle.signals],
  (paths, signals) => {
    const all = new Set(paths);
    for (const path of Object.keys(signals)) all.add(path);
    return [...all].sort();
  },
);

/** Case-insensitive path substring match; a blank filter keeps everything. */
export function filterPaths(paths: readonly string[], filter: string): readonly string[] {
  const needle = filter.trim().toLowerCase();
  return needle ? paths.filter((path) => path.toLowerCase().includes(needle)) : paths;
}
