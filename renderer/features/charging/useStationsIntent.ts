// Sends a stations intent and keeps the last refusal to show: the host's reason (translated) or its one-line message.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntentReason } from '../../../shared/ipc/contract';
import type { IntentName, IntentRequest, IntentResponse } from '../../../shared/ipc/intents';
import { useBridge } from '../../app/bridgeContext';

type StationsIntent = Extract<IntentName, `stations.${string}`>;
type Refusal = { reason: IntentReason } | { message: string };

export function useStationsIntent() {
  const bridge = useBridge();
  const { t } = useTranslation();
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const run = useCallback(
    async <N extends StationsIntent>(name: N, request: IntentRequest<N>): Promise<IntentResponse<N> | null> => {
      const result = await bridge.invoke(name, request);
      if (result.ok) {
        setRefusal(null);
        return result.value;
      }
      setRefusal(result.error.reason ? { reason: result.error.reason } : { message: result.error.message });
      return null;
    },
    [bridge],
  );

  // Host keys arrive at run time; every one it sends is in the locale files (checked by main/services/stations/stationsStrings.test.ts).
  const translate = t as unknown as (key: string, params?: Record<string, string | number>) => string;
  const message = refusal === null ? null : 'reason' in refusal ? translate(refusal.reason.key, refusal.reason.params) : t('charging.refused', { message: refusal.message });
  return { run, message, clear: useCallback(() => setRefusal(null), []) };
}
