// The only place i18next is configured: one instance per process, English and Simplified Chinese.
import i18next, { type i18n as I18n, type Module, type ParseKeys } from 'i18next';
import type { Language } from '../state/settingsSlice';
import { resources, type TranslationResources } from './resources';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: TranslationResources };
  }
}

/** Creates an initialised i18next instance; `plugins` lets the renderer add its React binding. */
export function createI18n(language: Language, plugins: Module[] = []): I18n {
  const instance = i18next.createInstance();
  for (const plugin of plugins) instance.use(plugin);
  void instance.init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: Object.keys(resources),
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

export type { I18n };

/** Any key of the translation resources, e.g. `dock.home`: typed, so a missing key is a compile error. */
export type TranslationKey = ParseKeys<'translation'>;
