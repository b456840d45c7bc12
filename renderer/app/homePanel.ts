// What a Home panel is to Home: the main area shows the panel with the highest priority now (the map with the car, a booking, a suggestion, the low-battery options).
import type { ReactNode } from 'react';
import type { RootState } from '../../shared/state/rootReducer';

export interface HomePanelProps {
  /** Host time, for ages of vehicle values. */
  now: number;
  /** Wall clock, for times of day. */
  wall: number;
  navigate(id: string): void;
}

/**
 * Priorities, so features agree without knowing each other: 0 the calm default (the car), 10 a suggestion,
 * 20 an active booking or charging session, 30 the low-battery options (battery at or below the red threshold).
 */
export const HOME_PANEL_PRIORITY = { default: 0, suggestion: 10, active: 20, lowBattery: 30 } as const;

export interface HomePanel {
  id: string;
  /** How much this panel matters now; null when it has nothing to show. Ties go to the one listed first. */
  priority(state: RootState): number | null;
  render(props: HomePanelProps): ReactNode;
}

/** The panel to show: the highest priority now (the default panel always answers). */
export function pickHomePanel(panels: readonly HomePanel[], state: RootState): HomePanel {
  let best: HomePanel | null = null;
  let bestPriority = -Infinity;
  for (const panel of panels) {
    const priority = panel.priority(state);
    if (priority !== null && priority > bestPriority) {
      best = panel;
      bestPriority = priority;
    }
  }
  if (!best) throw new Error('no Home panel answered: the registry must hold a default panel');
  return best;
}
