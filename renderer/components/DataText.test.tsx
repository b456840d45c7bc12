// Data values inside a translated sentence land where each language puts them, each marked translate="no", with the sentence's own words still translated.
import { cleanup, render } from '@testing-library/react';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../shared/i18n/i18n';
import { DataText, HostText } from './DataText';

afterEach(cleanup);

function renderIn(language: 'en' | 'zh-CN', node: React.ReactNode) {
  const i18n = createI18n(language, [initReactI18next]);
  return render(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
}

describe('DataText', () => {
  it('marks the source id as data and translates the rest, in either word order', () => {
    const { container } = renderIn('zh-CN', <DataText i18nKey="charging.source.live" values={{ age: '5 秒前' }} data={{ source: 'sim-cpo' }} />);
    expect(container.textContent).toBe('sim-cpo：实时，5 秒前更新');
    const marked = [...container.querySelectorAll('[translate="no"]')].map((el) => el.textContent);
    expect(marked).toEqual(['sim-cpo']);
  });

  it('pluralises on a count and keeps a standard number as data', () => {
    const { container } = renderIn('en', <DataText i18nKey="swap.list.incompatible" values={{ count: 2 }} data={{ standard: 'GB/T 40032' }} />);
    expect(container.textContent).toBe("2 stations nearby do not take this car's GB/T 40032 pack, so they are not offered.");
    expect(container.querySelector('[translate="no"]')?.textContent).toBe('GB/T 40032');
  });

  it("a host's reason: names are data, codes and numbers are values", () => {
    const { container } = renderIn('en', <HostText reason={{ key: 'swap.problems.refused.OTHER', params: { network: 'VoltSwap', code: 'X1' } }} />);
    expect(container.textContent).toBe('VoltSwap refused (X1).');
    expect([...container.querySelectorAll('[translate="no"]')].map((el) => el.textContent)).toEqual(['VoltSwap']);
  });
});
