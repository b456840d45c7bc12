// Sends a profiles intent and keeps the last refusal to show: the host's reason (translated) or its one-line message.
import { useCallback, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { IntentReason } from '../../../shared/ipc/contract';
import type { IntentName, IntentRequest, IntentResponse } from '../../../shared/ipc/intents';
import { useBridge } from '../../app/bridgeContext';

type ProfilesIntent = Extract<IntentName, `profiles.${string}`>;

/** Kept untranslated, so switching the language re-renders the message in the new one. */
type Refusal = { reason: IntentReason } | { message: string };

export function useProfileIntent() {
  const bridge = useBridge();
  const { t } = useTranslation();
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const run = useCallback(
    async <N extends ProfilesIntent>(name: N, request: IntentRequest<N>): Promise<IntentResponse<N> | null> => {
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

  const message = refusal === null ? null : 'reason' in refusal ? reasonText(t, refusal.reason) : t('profiles.refused', { message: refusal.message });
  return { run, message, clear: useCallback(() => setRefusal(null), []) };
}

/** A host reason in the driver's language. */
export function reasonText(t: TFunction, reason: IntentReason): string {
  // The key comes from the host at run time; every one it sends is in the locale files (checked by profilesStrings.test.ts).
  const translate = t as unknown as (key: string, params?: Record<string, string | number>) => string;
  return translate(reason.key, reason.params);
}
