// Entering a profile's name: text entry, so never while driving (the engine's noKeyboard); checked as typed with the host's own rules.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { nameProblem, PROFILE_LIMITS } from '../../../shared/profiles/profileSchema';
import { Button } from '../../components/Button';
import { RestrictedNotice } from '../../components/RestrictedNotice';
import { useRestriction } from '../../app/useRestriction';
import styles from './NameField.module.css';

interface Props {
  initial: string;
  actionLabel: string;
  onSubmit: (name: string) => void;
  /** Other actions beside the submit button (Cancel). */
  children?: ReactNode;
}

export function NameField({ initial, actionLabel, onSubmit, children }: Props) {
  const { t } = useTranslation();
  const typing = useRestriction('noKeyboard');
  const [name, setName] = useState(initial);
  const [touched, setTouched] = useState(false);
  const problem = nameProblem(name);
  if (typing.restricted) return <RestrictedNotice reason={typing.reason} testId="profile-name-restricted" />;
  return (
    <form
      className={styles.row}
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (!problem) onSubmit(name.trim());
      }}
    >
      <label className={styles.label} htmlFor="profile-name">
        {t('profiles.name')}
      </label>
      <div className={styles.field}>
        <input
          id="profile-name"
          className={styles.input}
          value={name}
          maxLength={PROFILE_LIMITS.nameLength * 4}
          autoComplete="off"
          aria-invalid={touched && problem !== null}
          aria-describedby="profile-name-problem"
          onChange={(event) => {
            setName(event.target.value);
            setTouched(true);
          }}
        />
        <p id="profile-name-problem" className={styles.problem} role={touched && problem ? 'alert' : undefined}>
          {touched && problem ? t(`profiles.nameProblems.${problem}`, { max: PROFILE_LIMITS.nameLength }) : ''}
        </p>
      </div>
      <Button type="submit" variant="primary" disabled={touched && problem !== null}>
        {actionLabel}
      </Button>
      {children}
    </form>
  );
}
