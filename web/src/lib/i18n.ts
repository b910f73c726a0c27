// Translation (English and Simplified Chinese) and the current-language state; the strings are in ./messages/.
import { createSubscriber } from 'svelte/reactivity';
import { en, zh, type MessageKey } from './messages/index.ts';
import { setParams } from './url.ts';

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

export type { MessageKey };

export const messages: Record<Lang, Record<MessageKey, string>> = { en, zh };

export type Vars = Record<string, string | number>;
export type Translator = (key: MessageKey, vars?: Vars) => string;

/** Looks a key up and fills "{name}" placeholders; pure, so tests and chart builders can use it directly. */
export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text: string = messages[lang][key];
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

function isLang(value: unknown): value is Lang {
  return LANGS.includes(value as Lang);
}

/** URL wins over the stored choice, which wins over the browser's preference. */
export function detectLang(fromUrl: string | null, stored: string | null, preferred: readonly string[]): Lang {
  if (isLang(fromUrl)) return fromUrl;
  if (isLang(stored)) return stored;
  return preferred.some((tag) => tag.toLowerCase().startsWith('zh')) ? 'zh' : 'en';
}

const STORAGE_KEY = 'lifecycle.lang';
let current: Lang = 'en';
let notify = () => {};
// Lets plain .ts code expose reactive state: templates and $derived that call t() re-run on setLang.
const subscribe = createSubscriber((update) => {
  notify = update;
  return () => (notify = () => {});
});

export function lang(): Lang {
  subscribe();
  return current;
}

export const t: Translator = (key, vars) => translate(lang(), key, vars);

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage can be disabled (privacy mode); the URL still carries the choice
  }
}

function apply(next: Lang): void {
  current = next;
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  notify();
}

/** Browser start-up: picks the language before the first render. */
export function initLang(): void {
  apply(detectLang(new URLSearchParams(location.search).get('lang'), readStored(), navigator.languages ?? []));
}

export function setLang(next: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // see readStored
  }
  setParams({ lang: next });
  apply(next);
}
