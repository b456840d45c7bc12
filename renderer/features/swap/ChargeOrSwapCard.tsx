// Charge or swap? The best stop of each kind side by side in total minutes (drive + wait + charge or swap) and money, with the verdict and why.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ChargeOrSwap, ChargeOrSwapReason, StopOption } from '../../../shared/state/swapSlice';
import { Button } from '../../components/Button';
import { useFormatters } from '../../app/useFormatters';
import { moneyText, wholeMinutes } from './format';
import styles from './SwapScreen.module.css';

interface Props {
  comparison: ChargeOrSwap | null;
  onBookSwap(key: string): void;
  onReserveCharger(key: string): void;
  reservations: boolean;
}

export function ChargeOrSwapCard({ comparison, onBookSwap, onReserveCharger, reservations }: Props) {
  const { t } = useTranslation();
  const f = useFormatters();
  if (!comparison) return <p className={styles.muted}>{t('swap.compare.waiting')}</p>;
  const reason = (r: ChargeOrSwapReason) => reasonText(t, f.locale, r);
  return (
    <section className={styles.compare} aria-labelledby="compare-title" data-testid="charge-or-swap" data-verdict={comparison.verdict}>
      <h2 id="compare-title" className={styles.verdict}>
        {comparison.reasons[0]?.code === 'notNeeded' ? t('swap.compare.verdict.notNeeded') : t(`swap.compare.verdict.${comparison.verdict}`)}
      </h2>
      <ul className={styles.reasons} data-testid="compare-reasons">
        {comparison.reasons.map((r) => (
          <li key={r.code}>{reason(r)}</li>
        ))}
      </ul>
      <div className={styles.sides}>
        <Side kind="swap" option={comparison.swap} better={comparison.verdict === 'swap'} action={comparison.swap ? { label: t('swap.compare.book'), run: () => onBookSwap(comparison.swap!.key) } : null} />
        <Side
          kind="charge"
          option={comparison.charge}
          better={comparison.verdict === 'charge'}
          action={comparison.charge && comparison.charge.reservable && reservations ? { label: t('swap.compare.reserve'), run: () => onReserveCharger(comparison.charge!.key) } : null}
        />
      </div>
    </section>
  );
}

function Side({ kind, option, better, action }: { kind: 'swap' | 'charge'; option: StopOption | null; better: boolean; action: { label: string; run(): void } | null }) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <div className={styles.side} data-better={better} data-testid={`compare-${kind}`}>
      <h3 className={styles.sideTitle}>{t(`swap.compare.${kind}`)}</h3>
      {option ? (
        <>
          <p className={styles.sideName} translate="no">
            {option.name}
          </p>
          <p className={styles.total} data-testid={`compare-${kind}-total`}>
            {t('swap.compare.total', { minutes: wholeMinutes(option.totalMinutes) })}
          </p>
          <p className={styles.small}>
            {t('swap.compare.parts', { drive: wholeMinutes(option.driveMinutes), wait: Math.round(option.waitMinutes), stop: wholeMinutes(option.stopMinutes) })}
          </p>
          <p className={styles.small}>
            {option.cost ? t('swap.compare.cost', { cost: moneyText(f.locale, option.cost) }) : t('swap.compare.costUnknown')} · {t('swap.compare.leaveWith', { soc: f.percent(option.leaveSoc).text })}
          </p>
          {action && (
            <Button onClick={action.run} data-testid={`compare-${kind}-action`}>
              {action.label}
            </Button>
          )}
        </>
      ) : (
        <p className={styles.muted}>{t(`swap.compare.none.${kind}`)}</p>
      )}
    </div>
  );
}

function reasonText(t: TFunction, locale: string, r: ChargeOrSwapReason): string {
  switch (r.code) {
    case 'swapFaster':
    case 'chargeFaster':
      return t(`swap.compare.reasons.${r.code}`, { minutes: r.minutes });
    case 'swapCheaper':
    case 'chargeCheaper':
      return t(`swap.compare.reasons.${r.code}`, { amount: moneyText(locale, r.amount) });
    case 'preference':
      return t(r.prefers === 'charge' ? 'swap.compare.reasons.prefersCharge' : 'swap.compare.reasons.prefersSwap');
    default:
      return t(`swap.compare.reasons.${r.code}`);
  }
}
