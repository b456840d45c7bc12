// A translated sentence whose data values (a source id, a network or station name, a standard's number) are marked translate="no": they read the same in every language, and a page translator must leave them alone.
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Private-use characters no translation or value contains: they mark where each data value landed in the sentence. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARK = new RegExp(`${OPEN}(\\d+)${CLOSE}`);

export type DataTextProps = {
  /** A key the screen or the host chose. */
  i18nKey: string;
  /** Interpolated and translated like any value (counts, ages, amounts). */
  values?: Record<string, string | number>;
  /** Interpolated as they are, each in its own `translate="no"` span. */
  data: Record<string, string>;
};

export function DataText({ i18nKey, values, data }: DataTextProps) {
  const { t } = useTranslation();
  const names = Object.keys(data);
  const marked = Object.fromEntries(names.map((name, i) => [name, `${OPEN}${i}${CLOSE}`]));
  const sentence = (t as (key: string, params: Record<string, string | number>) => string)(i18nKey, { ...values, ...marked });
  // split with a capture group alternates text and the index of the value that stood there.
  const parts = sentence.split(MARK);
  const nodes: ReactNode[] = parts.map((part, i) =>
    i % 2 === 0 ? (
      <Fragment key={i}>{part}</Fragment>
    ) : (
      <span key={i} translate="no">
        {data[names[Number(part)]!]}
      </span>
    ),
  );
  return <>{nodes}</>;
}

/** Parameters of a host's reason that are names or ids, never words to translate. */
const DATA_PARAMS = new Set(['network', 'station', 'name', 'source', 'standard', 'fob']);

/** A reason, problem or outcome the host chose at run time, with its names marked as data. */
export function HostText({ reason }: { reason: { key: string; params?: Record<string, string | number> } }) {
  const values: Record<string, string | number> = {};
  const data: Record<string, string> = {};
  for (const [name, value] of Object.entries(reason.params ?? {})) {
    if (DATA_PARAMS.has(name)) data[name] = String(value);
    else values[name] = value;
  }
  return <DataText i18nKey={reason.key} values={values} data={data} />;
}
