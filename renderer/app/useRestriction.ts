// Asks the driving-restriction engine's shared answer whether a restriction is active now, with the reason in the driver's language.
import { useTranslation } from 'react-i18next';
import { selectUxRestrictions } from '../../shared/state/uxSlice';
import { isRestricted, type Restriction } from '../../shared/ux/restrictions';
import { useAppSelector } from './store';

export interface RestrictionState {
  restricted: boolean;
  /** Translated, e.g. "Typing is not available while driving"; empty when not restricted. */
  reason: string;
}

export function useRestriction(restriction: Restriction): RestrictionState {
  const { t } = useTranslation();
  const ux = useAppSelector(selectUxRestrictions);
  const restricted = isRestricted(ux, restriction);
  return { restricted, reason: restricted ? t(`ux.restricted.${restriction}`) : '' };
}

/** Items a list may show now: all of them, or the engine's limit while `limitedLists` is active. */
export function useListLimit(): number {
  const ux = useAppSelector(selectUxRestrictions);
  return isRestricted(ux, 'limitedLists') ? ux.maxListItems : Number.POSITIVE_INFINITY;
}
