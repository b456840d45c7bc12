// Seat, mirrors and steering column, two pages; "save the current positions" reads the car's own.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROFILE_LIMITS as L } from '../../../shared/profiles/profileSchema';
import { settingPath, type VehicleSettingId } from '../../../shared/profiles/vehicleSettings';
import { Button } from '../../components/Button';
import { Pager } from '../../components/Pager';
import { useAppSelector } from '../../app/store';
import { useFormatters } from '../../app/useFormatters';
import { SettingRow } from './SettingRow';
import type { TabProps } from './tabProps';
import styles from './ProfileEditor.module.css';

type Row = [id: VehicleSettingId, value: number | null, limits: { min: number; max: number }, step: number, unit: 'mm' | 'deg' | 'percent', apply: (v: number) => Parameters<TabProps['update']>[0]];

export function PositionTab({ profile, update, run, writable, disabled }: TabProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const signals = useAppSelector((s) => s.vehicle.signals);
  const [page, setPage] = useState(0);
  const { seat, mirrors, steering } = profile;
  const pages: Row[][] = [
    [
      ['seat.position', seat.position, L.seatPositionMm, 10, 'mm', (position) => ({ seat: { ...seat, position } })],
      ['seat.height', seat.height, L.seatHeightMm, 5, 'mm', (height) => ({ seat: { ...seat, height } })],
      ['seat.recline', seat.recline, L.reclineDeg, 1, 'deg', (recline) => ({ seat: { ...seat, recline } })],
      ['seat.lumbar', seat.lumbar, L.lumbarPercent, 10, 'percent', (lumbar) => ({ seat: { ...seat, lumbar } })],
    ],
    [
      ['mirrors.driver.tilt', mirrors.driver.tilt, L.mirrorPercent, 5, 'percent', (tilt) => ({ mirrors: { ...mirrors, driver: { ...mirrors.driver, tilt } } })],
      ['mirrors.driver.pan', mirrors.driver.pan, L.mirrorPercent, 5, 'percent', (pan) => ({ mirrors: { ...mirrors, driver: { ...mirrors.driver, pan } } })],
      ['mirrors.passenger.tilt', mirrors.passenger.tilt, L.mirrorPercent, 5, 'percent', (tilt) => ({ mirrors: { ...mirrors, passenger: { ...mirrors.passenger, tilt } } })],
      ['mirrors.passenger.pan', mirrors.passenger.pan, L.mirrorPercent, 5, 'percent', (pan) => ({ mirrors: { ...mirrors, passenger: { ...mirrors.passenger, pan } } })],
      ['steering.tilt', steering.tilt, L.steeringPercent, 5, 'percent', (tilt) => ({ steering: { ...steering, tilt } })],
      ['steering.extension', steering.extension, L.steeringPercent, 5, 'percent', (extension) => ({ steering: { ...steering, extension } })],
    ],
  ];
  const text = (unit: Row[4], v: number) =>
    unit === 'mm' ? t('profiles.units.mm', { value: format.number(v) }) : unit === 'deg' ? t('profiles.units.deg', { value: format.number(v, 1) }) : t('profiles.units.percent', { value: format.number(v) });
  const rows = pages[page];
  const half = Math.ceil(rows.length / 2);
  const row = ([id, value, limits, step, unit, apply]: Row) => {
    const current = signals[settingPath(id)]?.value;
    return (
      <SettingRow
        key={id}
        id={id}
        writable={writable}
        label={t(`profiles.settings.${id}`)}
        value={value}
        format={(v) => text(unit, v)}
        min={limits.min}
        max={limits.max}
        step={step}
        start={typeof current === 'number' ? current : undefined}
        disabled={disabled}
        onChange={(v) => update(apply(v))}
      />
    );
  };
  return (
    <>
      <div className={styles.columns}>
        <div className={styles.column}>{rows.slice(0, half).map(row)}</div>
        <div className={styles.column}>{rows.slice(half).map(row)}</div>
      </div>
      <div className={styles.actions}>
        <Pager
          page={page}
          pages={pages.length}
          onPage={setPage}
          label={t(page === 0 ? 'profiles.positionPages.seat' : 'profiles.positionPages.mirrors')}
          previousLabel={t('profiles.positionPages.previous')}
          nextLabel={t('profiles.positionPages.next')}
        />
        <Button variant="primary" disabled={disabled} data-testid="capture-positions" onClick={() => void run('profiles.capturePositions', { id: profile.id })}>
          {t('profiles.capture')}
        </Button>
      </div>
    </>
  );
}
