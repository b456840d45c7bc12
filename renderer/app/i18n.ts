// The renderer's i18next instance (from shared/i18n) bound to React.
import { initReactI18next } from 'react-i18next';
import { createI18n } from '../../shared/i18n/i18n';
import type { Language } from '../../shared/state/settingsSlice';

export function createRendererI18n(language: Language = 'en') {
  return createI18n(language, [initReactI18next]);
}
