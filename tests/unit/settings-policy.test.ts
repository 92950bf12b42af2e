// The organisation policy's validation, value by value, and how it combines with the user's settings.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_POLICY, validatePolicy } from '../../src/shared/policy-schema.js';
import { matchesAnyPortal, matchesPortalPattern, normalisePortalPattern, originOf } from '../../src/shared/portal-address.js';
import { DEFAULT_SETTINGS, effectiveSettings, validateSettings } from '../../src/shared/settings-schema.js';
import { pageSettingsFrom } from '../../src/shared/page-settings.js';

describe('portal addresses', () => {
  it.each([
    ['https://PACS.example.org', 'https://pacs.example.org'],
    ['https://pacs.example.org/', 'https://pacs.example.org'],
    ['http://10.0.0.5:8042', 'http://10.0.0.5:8042'],
    ['*.Example.org', '*.example.org'],
    ['pacs.example.org:8042', 'pacs.example.org:8042'],
  ])('%s is written %s', (input, normal) => expect(normalisePortalPattern(input)).toBe(normal));

  it.each(['javascript:alert(1)', 'https://pacs.example.org/viewer', 'https://user:pw@pacs.example.org', 'ftp://pacs.example.org', '', '*', 'a b', '**.example.org', 'https://x.org/?a=1'])(
    '%j is not a portal address',
    (input) => expect(normalisePortalPattern(input)).toBeNull(),
  );

  it('matches origins exactly, and *.host its subdomains and itself', () => {
    expect(matchesPortalPattern('https://pacs.example.org/app/explorer.html', 'https://pacs.example.org')).toBe(true);
    expect(matchesPortalPattern('http://pacs.example.org/', 'https://pacs.example.org')).toBe(false);
    expect(matchesPortalPattern('https://a.b.example.org/', '*.example.org')).toBe(true);
    expect(matchesPortalPattern('https://example.org/', '*.example.org')).toBe(true);
    expect(matchesPortalPattern('https://badexample.org/', '*.example.org')).toBe(false);
    expect(matchesPortalPattern('https://example.org.evil.test/', 'example.org')).toBe(false);
    expect(matchesPortalPattern('http://pacs.example.org:8042/', 'pacs.example.org:8042')).toBe(true);
    expect(matchesPortalPattern('http://pacs.example.org/', 'pacs.example.org:8042')).toBe(false);
    expect(matchesAnyPortal('not a url', ['example.org'])).toBe(false);
    expect(originOf('https://pacs.example.org/a?b#c')).toBe('https://pacs.example.org');
    expect(originOf('file:///etc/passwd')).toBeNull();
  });
});

describe('the organisation policy', () => {
  it('a complete valid policy is taken as it is', () => {
    const { policy, problems } = validatePolicy({
      organizationName: ' Patientenberatung Nord ',
      organizationEmail: 'hilfe@example.org',
      organizationPhone: '+49 (40) 123-456',
      organizationWebsite: 'https://example.org/hilfe',
      defaultLanguage: 'fr',
      automaticChecking: false,
      medicalPortals: ['https://pacs.example.org', '*.klinik.example', 'https://pacs.example.org/'],
      lockSettings: true,
    });
    expect(problems).toEqual([]);
    expect(policy).toEqual({
      organizationName: 'Patientenberatung Nord',
      contact: { email: 'hilfe@example.org', phone: '+49 (40) 123-456', website: 'https://example.org/hilfe' },
      defaultLanguage: 'fr',
      automaticChecking: false,
      warningBar: null,
      medicalPortals: ['https://pacs.example.org', '*.klinik.example'],
      lockSettings: true,
    });
  });

  it('the warning bar: one of danger, danger-and-warning, off', () => {
    expect(validatePolicy({ warningBar: 'off' }).policy.warningBar).toBe('off');
    expect(validatePolicy({ warningBar: 'always' }).problems).toEqual([{ key: 'warningBar', reason: 'unknown-choice' }]);
  });

  it('each invalid value is left out on its own and named; the others still apply', () => {
    const { policy, problems } = validatePolicy({
      organizationName: 'x'.repeat(81),
      organizationEmail: 'not an address',
      organizationPhone: 'call us',
      organizationWebsite: 'http://example.org',
      defaultLanguage: 'es',
      automaticChecking: 'yes',
      lockSettings: 1,
      medicalPortals: ['https://ok.example', 42, 'javascript:alert(1)'],
      colour: 'red',
    });
    expect(problems).toEqual([
      { key: 'organizationName', reason: 'too-long' },
      { key: 'organizationEmail', reason: 'not-email' },
      { key: 'organizationPhone', reason: 'not-phone' },
      { key: 'organizationWebsite', reason: 'not-https' },
      { key: 'defaultLanguage', reason: 'unknown-language' },
      { key: 'automaticChecking', reason: 'wrong-type' },
      { key: 'lockSettings', reason: 'wrong-type' },
      { key: 'medicalPortals[1]', reason: 'wrong-type' },
      { key: 'medicalPortals[2]', reason: 'not-an-address' },
      { key: 'colour', reason: 'unknown-setting' },
    ]);
    expect(policy).toEqual({ ...EMPTY_POLICY, medicalPortals: ['https://ok.example'] });
  });

  it.each([null, undefined, 'policy', 42, [], [1, 2]])('%j is no policy, without problems', (raw) => {
    expect(validatePolicy(raw)).toEqual({ policy: EMPTY_POLICY, problems: [] });
  });

  it('control characters and a name hidden in them are refused', () => {
    expect(validatePolicy({ organizationName: 'Nord\u202eTSET' }).problems).toEqual([{ key: 'organizationName', reason: 'wrong-type' }]);
  });
});

describe('settings', () => {
  it('stored values are validated one at a time', () => {
    expect(validateSettings({ language: 'de', automaticChecking: 'no', knownPortals: ['https://a.example', 'nonsense value', 3], warningBar: 'loud' })).toEqual({
      language: 'de',
      automaticChecking: true,
      knownPortals: ['https://a.example'],
      warningBar: 'danger',
    });
    expect(validateSettings({})).toEqual(DEFAULT_SETTINGS);
  });

  it('without lock: the user\'s choice, else the organisation\'s default, else ours', () => {
    const { policy } = validatePolicy({ defaultLanguage: 'de', automaticChecking: false });
    expect(effectiveSettings({}, policy)).toMatchObject({ language: 'de', automaticChecking: false, locked: false });
    expect(effectiveSettings({ language: 'fr', automaticChecking: true }, policy)).toMatchObject({ language: 'fr', automaticChecking: true });
    expect(effectiveSettings({})).toMatchObject({ language: 'auto', automaticChecking: true, medicalPortals: [] });
  });

  it('with lock: the organisation\'s values win; what it did not set stays the user\'s', () => {
    const { policy } = validatePolicy({ defaultLanguage: 'de', warningBar: 'danger-and-warning', lockSettings: true, medicalPortals: ['pacs.example'] });
    expect(effectiveSettings({ language: 'fr', automaticChecking: false, knownPortals: ['https://k.example'], warningBar: 'off' }, policy)).toEqual({
      language: 'de',
      automaticChecking: false,
      knownPortals: ['https://k.example'],
      warningBar: 'danger-and-warning',
      medicalPortals: ['pacs.example'],
      locked: true,
    });
  });
});

describe('the administrators\' samples in docs/administrators', () => {
  const sample = (name: string): string => readFileSync(join(import.meta.dirname, '../../docs/administrators', name), 'utf8');
  const schemaKeys = Object.keys((JSON.parse(readFileSync(join(import.meta.dirname, '../../extension/managed-schema.json'), 'utf8')) as { properties: object }).properties).sort();

  it('the Chromium (Linux) and Firefox samples are valid policies with every setting', () => {
    const chromium = JSON.parse(sample('chromium-linux.json')) as { '3rdparty': { extensions: Record<string, unknown> } };
    const firefox = JSON.parse(sample('firefox-policies.json')) as { policies: { '3rdparty': { Extensions: Record<string, unknown> } } };
    for (const policy of [chromium['3rdparty'].extensions.EXTENSION_ID, firefox.policies['3rdparty'].Extensions['{5b1f3c2e-8d4a-4c71-9e0b-2f6a7d3c9e14}']]) {
      expect(Object.keys(policy as object).sort()).toEqual(schemaKeys);
      expect(validatePolicy(policy).problems).toEqual([]);
    }
  });

  it('the Windows registry file and the macOS profile set every setting', () => {
    const registry = sample('chrome-windows.reg');
    const profile = sample('chrome-macos.mobileconfig');
    for (const key of schemaKeys) {
      expect(registry).toMatch(new RegExp(`"${key}"=|\\\\${key}\\]`));
      expect(profile).toContain(`<key>${key}</key>`);
    }
  });

  it('the Firefox sample force-installs the add-on by its id from an https address, as firefox-install.md shows it', () => {
    const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../../manifest.json'), 'utf8')) as { browser_specific_settings: { gecko: { id: string } } };
    const id = manifest.browser_specific_settings.gecko.id;
    const firefox = JSON.parse(sample('firefox-policies.json')) as { policies: { ExtensionSettings: Record<string, { installation_mode: string; install_url: string }> } };
    expect(Object.keys(firefox.policies.ExtensionSettings)).toEqual([id]);
    expect(firefox.policies.ExtensionSettings[id]!.installation_mode).toBe('force_installed');
    expect(new URL(firefox.policies.ExtensionSettings[id]!.install_url).protocol).toBe('https:');
    const guide = sample('firefox-install.md');
    const shown = JSON.parse(/```json\n([\s\S]+?)```/.exec(guide)![1]!) as { policies: { ExtensionSettings: unknown; '3rdparty': { Extensions: Record<string, object> } } };
    expect(shown.policies.ExtensionSettings).toEqual(firefox.policies.ExtensionSettings);
    expect(Object.keys(shown.policies['3rdparty'].Extensions)).toEqual([id]);
    expect(validatePolicy(shown.policies['3rdparty'].Extensions[id]).problems).toEqual([]);
  });

  it('the Firefox sample uses the extension id of the Firefox build', () => {
    const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../../manifest.json'), 'utf8')) as { browser_specific_settings: { gecko: { id: string } } };
    expect(sample('firefox-policies.json')).toContain(manifest.browser_specific_settings.gecko.id);
  });
});

describe('the content script\'s own reading (page-settings.ts) agrees with the full settings', () => {
  const userValues = [{}, { automaticChecking: true }, { automaticChecking: false }, { automaticChecking: 'no' }];
  const policies = [{}, { automaticChecking: false }, { automaticChecking: true, lockSettings: true }, { automaticChecking: false, lockSettings: true },
    { lockSettings: true }, { automaticChecking: 'off' }, { medicalPortals: ['https://a.example', 'bad value', '*.b.example'] }, { medicalPortals: 'a.example' }];
  it.each(userValues.flatMap((user) => policies.map((policy) => [user, policy] as const)))('user %j, policy %j', (user, policy) => {
    const full = effectiveSettings(user, validatePolicy(policy).policy);
    expect(pageSettingsFrom(user, policy)).toEqual({ automaticChecking: full.automaticChecking, medicalPortals: full.medicalPortals });
  });
});
