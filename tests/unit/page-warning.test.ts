// @vitest-environment happy-dom
// The warning inside pages, its pure parts: when a page gets the bar or the password note (verdict ×
// setting × hidden sites), which sentence the bar says, the bounded list of hidden sites, the messages'
// guards, and the bar's markup: texts only as text, an alert for screen readers, buttons that ignore
// clicks made by scripts. The real browsers are in tests/browser/warning-bar.test.ts.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { isWarningBarActionMessage, type PageWarningMessage } from '../../src/shared/messages.js';
import { BAR_SENTENCE_ORDER, decidePageWarning, HIDDEN_SITES_LIMIT, isPageWarningMessage, parseHiddenSites, withHiddenSite } from '../../src/shared/page-warning.js';
import { FINDING_IDS, type FindingId, type Report, type Verdict } from '../../src/shared/report.js';
import { WARNING_BAR_SETTINGS, type WarningBarSetting } from '../../src/shared/settings-schema.js';
import { renderPasswordNote, renderWarningBar, type BarTexts } from '../../src/content/warning-view.js';

const ORIGIN = 'http://127.0.0.1:8042';

/** A report with these findings; `plain-http` is high (the page shows patient data) on danger pages only, as the check decides. */
function report(verdict: Verdict, findings: FindingId[], pageOrigin = ORIGIN): Report {
  return {
    version: 2,
    verdict,
    findings: findings.map((id) => ({ id, severity: id === 'plain-http' && verdict !== 'danger' ? 'medium' : 'high', certainty: 'certain', evidence: '' })),
    product: null,
    productVersion: null,
    pageOrigin,
    checkedAt: 0,
    analysisMs: 1,
    loginCheck: null,
  };
}

describe('decidePageWarning', () => {
  // verdict × setting → bar shown?
  const table: Array<[Verdict, WarningBarSetting, boolean]> = [
    ['danger', 'danger', true],
    ['danger', 'danger-and-warning', true],
    ['danger', 'off', false],
    ['warning', 'danger', false],
    ['warning', 'danger-and-warning', true],
    ['warning', 'off', false],
    ['ok', 'danger', false],
    ['ok', 'danger-and-warning', false],
    ['not-medical', 'danger', false],
    ['not-medical', 'danger-and-warning', false],
  ];
  it.each(table)('a %s page with the setting %s gets a bar: %s', (verdict, setting, shown) => {
    const findings: FindingId[] = verdict === 'danger' ? ['no-login', 'plain-http'] : verdict === 'warning' ? ['plain-http'] : [];
    const { bar } = decidePageWarning(report(verdict, findings), setting, []);
    expect(bar !== null).toBe(shown);
    if (bar) expect(bar.verdict).toBe(verdict);
  });

  it.each(WARNING_BAR_SETTINGS)('a site the patient hid gets neither bar nor note (setting %s)', (setting) => {
    const page = report('danger', ['no-login', 'plain-http', 'password-over-http']);
    expect(decidePageWarning(page, setting, ['https://elsewhere.example', ORIGIN])).toEqual({ bar: null, passwordNote: false });
    // Another port is another site.
    expect(decidePageWarning(page, 'danger', ['http://127.0.0.1:8043']).bar).not.toBeNull();
  });

  it('says the sentence of the worst finding', () => {
    expect(decidePageWarning(report('danger', ['many-patients', 'plain-http', 'no-login']), 'danger', []).bar?.finding).toBe('no-login');
    expect(decidePageWarning(report('danger', ['directory-listing', 'plain-http']), 'danger', []).bar?.finding).toBe('directory-listing');
    // Orthanc behind a login over http: danger because the data travels unencrypted.
    expect(decidePageWarning(report('danger', ['many-patients', 'plain-http', 'password-over-http']), 'danger', []).bar?.finding).toBe('plain-http');
    // An http: login page without patient data: the password is what is at risk.
    expect(decidePageWarning(report('warning', ['plain-http', 'password-over-http']), 'danger-and-warning', []).bar?.finding).toBe('password-over-http');
    expect(decidePageWarning(report('warning', ['plain-http']), 'danger-and-warning', []).bar?.finding).toBe('plain-http');
    expect(decidePageWarning(report('warning', ['many-patients']), 'danger-and-warning', []).bar?.finding).toBe('many-patients');
    // Every finding has a sentence.
    expect(new Set(BAR_SENTENCE_ORDER.map(({ id }) => id))).toEqual(new Set(FINDING_IDS));
  });

  it('puts the password note on http: medical pages that ask for a password, whatever the bar setting except off', () => {
    const login = report('warning', ['plain-http', 'password-over-http']);
    expect(decidePageWarning(login, 'danger', [])).toEqual({ bar: null, passwordNote: true });
    expect(decidePageWarning(login, 'off', []).passwordNote).toBe(false);
    // An https: page whose form posts to http: has the finding, but no http: page to put the note on.
    expect(decidePageWarning(report('warning', ['password-over-http'], 'https://portal.example'), 'danger', []).passwordNote).toBe(false);
    expect(decidePageWarning(report('danger', ['no-login', 'plain-http']), 'danger', []).passwordNote).toBe(false);
  });
});

describe('hidden sites', () => {
  it('keeps origins only, drops anything else', () => {
    expect(parseHiddenSites(['http://127.0.0.1:8042', 'https://portal.example', 'http://a.example/path', 'javascript:alert(1)', 42, null, ''])).toEqual([
      'http://127.0.0.1:8042',
      'https://portal.example',
    ]);
    expect(parseHiddenSites('http://127.0.0.1:8042')).toEqual([]);
    expect(parseHiddenSites(undefined)).toEqual([]);
  });

  it('adds a site once, as the newest, and forgets the oldest beyond the limit', () => {
    expect(withHiddenSite(['http://a.example', 'http://b.example'], 'http://a.example')).toEqual(['http://b.example', 'http://a.example']);
    const full = Array.from({ length: HIDDEN_SITES_LIMIT }, (_, index) => `http://site-${index}.example`);
    const added = withHiddenSite(full, 'http://new.example');
    expect(added).toHaveLength(HIDDEN_SITES_LIMIT);
    expect(added[0]).toBe('http://site-1.example');
    expect(added.at(-1)).toBe('http://new.example');
    expect(parseHiddenSites([...full, ...full])).toHaveLength(HIDDEN_SITES_LIMIT);
    expect(withHiddenSite([], 'not an origin')).toEqual([]);
  });
});

describe('messages', () => {
  const texts = { locale: 'en', label: 'L', sentence: 'S', explain: 'E', hideOnSite: 'H', close: 'C', passwordNote: 'P' };
  const valid: PageWarningMessage = { type: 'page-warning', bar: { verdict: 'danger', finding: 'no-login' }, passwordNote: false, texts: { ...texts, locale: 'en' } };

  it('accepts a page-warning answer and refuses malformed ones', () => {
    expect(isPageWarningMessage(valid)).toBe(true);
    expect(isPageWarningMessage({ type: 'page-warning', bar: null, passwordNote: false, texts: null })).toBe(true);
    for (const broken of [
      { ...valid, bar: { verdict: 'ok', finding: 'no-login' } },
      { ...valid, bar: { verdict: 'danger', finding: 'something-else' } },
      { ...valid, passwordNote: 'yes' },
      { ...valid, texts: { ...texts, sentence: 3 } },
      { ...valid, texts: { ...texts, locale: 'xx' } },
      { ...valid, type: 'page-snapshot' },
      undefined,
      null,
    ]) {
      expect(isPageWarningMessage(broken)).toBe(false);
    }
  });

  it('accepts the two bar actions only', () => {
    expect(isWarningBarActionMessage({ type: 'warning-bar-action', action: 'open-explanation' })).toBe(true);
    expect(isWarningBarActionMessage({ type: 'warning-bar-action', action: 'hide-on-site' })).toBe(true);
    expect(isWarningBarActionMessage({ type: 'warning-bar-action', action: 'hide-everywhere' })).toBe(false);
  });
});

describe('the bar and the note, as markup', () => {
  const english = JSON.parse(readFileSync(join(resolve(import.meta.dirname, '../..'), 'extension/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
  const texts: BarTexts = {
    locale: 'en',
    label: english.warning_bar_label!.message,
    sentence: '<img src=x onerror=alert(1)>',
    explain: english.warning_bar_explain!.message,
    hideOnSite: english.warning_bar_hide_on_site!.message,
    close: english.warning_bar_close!.message,
  };

  function renderBar() {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'closed' });
    const actions = { explain: vi.fn(), hideOnSite: vi.fn(), close: vi.fn() };
    const view = renderWarningBar(root, texts, actions);
    return { root, actions, view };
  }

  it('announces the label and the sentence as an alert, in the texts’ language, and sets texts only as text', () => {
    const { root } = renderBar();
    const alert = root.querySelector('[role="alert"]')!;
    expect(alert.textContent).toBe(`${texts.label} ${texts.sentence}`);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('.bar')!.getAttribute('lang')).toBe('en');
    expect(alert.querySelector('button')).toBeNull();
    expect([...root.querySelectorAll('button')].map((button) => button.textContent)).toEqual([texts.explain, texts.hideOnSite, texts.close]);
    expect([...root.querySelectorAll('button')].every((button) => button.type === 'button')).toBe(true);
  });

  it('ignores clicks made by a script (isTrusted is false)', () => {
    const { root, actions } = renderBar();
    for (const button of root.querySelectorAll('button')) {
      button.click();
      button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    }
    expect(actions.explain).not.toHaveBeenCalled();
    expect(actions.hideOnSite).not.toHaveBeenCalled();
    expect(actions.close).not.toHaveBeenCalled();
    // The same click, as a person's (happy-dom lets the test mark it trusted), does act.
    const personClick = new MouseEvent('click', { bubbles: true });
    Object.defineProperty(personClick, 'isTrusted', { value: true });
    root.querySelectorAll('button')[2]!.dispatchEvent(personClick);
    expect(actions.close).toHaveBeenCalledOnce();
  });

  it('changes only the sentence when another finding comes first', () => {
    const { root, view } = renderBar();
    view.setSentence('Another sentence.');
    expect(view.sentence).toBe('Another sentence.');
    expect(root.querySelector('[role="alert"]')!.textContent).toBe(`${texts.label} Another sentence.`);
  });

  it('the password note is a status that says its text only when asked', () => {
    const root = document.createElement('div').attachShadow({ mode: 'closed' });
    const note = renderPasswordNote(root, 'de', english.password_note_body!.message);
    expect(note.note.getAttribute('role')).toBe('status');
    expect(note.note.getAttribute('lang')).toBe('de');
    expect(note.note.textContent).toBe('');
    note.say();
    expect(note.note.textContent).toBe(english.password_note_body!.message);
    note.silence();
    expect(note.note.textContent).toBe('');
  });
});
