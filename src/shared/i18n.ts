// Every word the user sees comes from extension/_locales through here; keys are checked by the compiler.

import browser from 'webextension-polyfill';

export type MessageKey = keyof typeof import('../../extension/_locales/en/messages.json');

export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions);
}
