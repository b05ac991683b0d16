import en from '@/messages/en.json';
import ptBR from '@/messages/pt-BR.json';
import type { AppLocale } from './locales';

/** `en` is the source of truth: its shape types every key, so one missing from pt-BR fails tsc here. */
export type Messages = typeof en;

export const CATALOGS: Record<AppLocale, Messages> = { en, 'pt-BR': ptBR };
