// A dotted name (VSS path, DBC MESSAGE.SIGNAL) that may wrap after its dots only; copying it still gives the plain text.
import { Fragment } from 'react';

export function DottedName({ name }: { name: string }) {
  const parts = name.split('.');
  // translate="no": a signal name is data, the same in every language.
  return (
    <span translate="no">
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && '.'}
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </span>
  );
}
