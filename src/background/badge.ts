// The toolbar badge per tab: colour, a short mark and a title that says the verdict in words
// (colour alone is not enough for everyone), in the language the settings choose.

import browser from 'webextension-polyfill';
import type { Verdict } from '../shared/report';
import { loadTranslator, type MessageKey, type Translator } from '../shared/i18n';

const BADGES: Record<Verdict, { text: string; color: string; title: MessageKey }> = {
  danger: { text: '!', color: '#b3261e', title: 'badge_title_danger' },
  warning: { text: '?', color: '#a85d00', title: 'badge_title_warning' },
  ok: { text: '✓', color: '#1e7a34', title: 'badge_title_ok' },
  'not-medical': { text: '', color: '#5f6368', title: 'badge_title_not_medical' },
};

// A portal the user marked "I know this portal": its warnings are shown in grey, with their own title.
// Danger is never made quieter: an open archive is open whatever the user knows about it.
const KNOWN_PORTAL_WARNING = { text: '?', color: '#5f6368', title: 'badge_title_warning_known' } as const;

let translator: Promise<Translator> | null = null;

/** The language setting changed: titles are made anew from the next badge on. */
export function forgetBadgeLanguage(): void {
  translator = null;
}

export async function showVerdictBadge(tabId: number, verdict: Verdict | null, knownPortal = false): Promise<void> {
  translator ??= loadTranslator();
  const { t } = await translator;
  if (verdict === null) {
    await Promise.all([browser.action.setBadgeText({ tabId, text: '' }), browser.action.setTitle({ tabId, title: t('action_title') })]);
    return;
  }
  const badge = knownPortal && verdict === 'warning' ? KNOWN_PORTAL_WARNING : BADGES[verdict];
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: badge.text }),
    browser.action.setBadgeBackgroundColor({ tabId, color: badge.color }),
    browser.action.setTitle({ tabId, title: t(badge.title) }),
  ]);
}
