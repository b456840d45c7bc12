// The translation resources Cabin ships, English as the reference for the typed keys.
import en from '../../assets/locales/en/translation.json';
import zhCN from '../../assets/locales/zh-CN/translation.json';
import type { Language } from '../state/settingsSlice';

export const resources = {
  en: { translation: en },
  'zh-CN': { translation: zhCN },
} as const satisfies Record<Language, { translation: typeof en }>;

export type TranslationResources = typeof en;
