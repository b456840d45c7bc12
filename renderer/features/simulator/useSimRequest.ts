// Sends a control-panel intent unless a local check found a problem, and keeps the one message to show beside the panel.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntentRequest } from '../../../shared/ipc/intents';
import { useBridge } from '../../app/bridgeContext';
import type { Problem } from './validation';

type SimIntent = 'sim.control' | 'sim.override' | 'sim.fault';

/** Kept untranslated so a language switch re-renders the message in the new language. */
type Outcome = { kind: 'problem'; problem: Problem } | { kind: 'refused'; message: string };

export function useSimRequest() {
  const bridge = useBridge();
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const send = useCallback(
    async <N extends SimIntent>(name: N, request: IntentRequest<N>, problem: Problem | null): Promise<boolean> => {
      if (problem) {
        setOutcome({ kind: 'problem', problem });
        return false;
      }
      try {
        const result = await bridge.invoke(name, request);
        setOutcome(result.ok ? null : { kind: 'refused', message: result.error.message });
        return result.ok;
      } catch (error) {
        // The bridge contract says it never throws; a broken transport still must not leave the panel silent.
        setOutcome({ kind: 'refused', message: error instanceof Error ? error.message : String(error) });
        return false;
      }
    },
    [bridge],
  );

  const message =
    outcome === null
      ? null
      : outcome.kind === 'problem'
        ? t(`simulator.errors.${outcome.problem.key}`, outcome.problem.params)
        : t('simulator.refused', { message: outcome.message });

  return { send, message };
}
