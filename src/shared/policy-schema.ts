// The organisation policy: what an administrator can preset (extension/managed-schema.json declares the
// same keys for Chromium; Firefox reads them from policies.json). Pure validation: every value is
// checked on its own, an invalid one is left out and named in `problems` (the settings page shows
// them), and the rest still applies. A broken policy never breaks the extension.

import { PORTAL_LIST_LIMIT, validPortalList } from './portal-address';
import type { LanguageSetting, WarningBarSetting } from './settings-schema';

export interface OrganisationContact {
  email: string | null;
  phone: string | null;
  website: string | null;
}

export interface OrganisationPolicy {
  organizationName: string | null;
  contact: OrganisationContact;
  defaultLanguage: LanguageSetting | null;
  automaticChecking: boolean | null;
  warningBar: WarningBarSetting | null;
  /** Normalised portal patterns (see portal-address.ts). */
  medicalPortals: string[];
  lockSettings: boolean;
}

export type PolicyProblemReason = 'unknown-choice' | 'wrong-type' | 'too-long' | 'not-email' | 'not-phone' | 'not-https' | 'unknown-language' | 'not-an-address' | 'unknown-setting';

export interface PolicyProblem {
  /** The policy key as the administrator wrote it (medicalPortals[2] for one entry of a list). */
  key: string;
  reason: PolicyProblemReason;
}

export interface ValidatedPolicy {
  policy: OrganisationPolicy;
  problems: PolicyProblem[];
}

export const EMPTY_POLICY: OrganisationPolicy = {
  organizationName: null,
  contact: { email: null, phone: null, website: null },
  defaultLanguage: null,
  automaticChecking: null,
  warningBar: null,
  medicalPortals: [],
  lockSettings: false,
};

export const POLICY_LIMITS = { nameChars: 80, contactChars: 200, medicalPortals: PORTAL_LIST_LIMIT } as const;

const KNOWN_KEYS = new Set(['organizationName', 'organizationEmail', 'organizationPhone', 'organizationWebsite', 'defaultLanguage', 'automaticChecking', 'warningBar', 'medicalPortals', 'lockSettings']);
const LANGUAGES: readonly string[] = ['auto', 'en', 'de', 'fr'];
const WARNING_BARS: readonly string[] = ['danger', 'danger-and-warning', 'off'];
const EMAIL = /^[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+$/;
const PHONE = /^\+?[0-9][0-9 ()./-]{3,30}$/;

export function validatePolicy(raw: unknown): ValidatedPolicy {
  const policy: OrganisationPolicy = { ...EMPTY_POLICY, contact: { ...EMPTY_POLICY.contact }, medicalPortals: [] };
  const problems: PolicyProblem[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { policy, problems };
  const values = raw as Record<string, unknown>;
  const problem = (key: string, reason: PolicyProblemReason): void => void problems.push({ key, reason });

  // A text value: trimmed, bounded; control and text-direction characters refused (they could hide or
  // reorder text in the popup).
  const text = (key: string, max: number): string | null => {
    if (!(key in values)) return null;
    const value = values[key];
    if (typeof value !== 'string' || /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(value)) return problem(key, 'wrong-type'), null;
    const trimmed = value.trim();
    if (trimmed.length === 0) return null;
    if (trimmed.length > max) return problem(key, 'too-long'), null;
    return trimmed;
  };
  const flag = (key: string): boolean | null => {
    if (!(key in values)) return null;
    if (typeof values[key] !== 'boolean') return problem(key, 'wrong-type'), null;
    return values[key] as boolean;
  };

  policy.organizationName = text('organizationName', POLICY_LIMITS.nameChars);
  const email = text('organizationEmail', POLICY_LIMITS.contactChars);
  if (email !== null) {
    if (EMAIL.test(email)) policy.contact.email = email;
    else problem('organizationEmail', 'not-email');
  }
  const phone = text('organizationPhone', POLICY_LIMITS.contactChars);
  if (phone !== null) {
    if (PHONE.test(phone)) policy.contact.phone = phone;
    else problem('organizationPhone', 'not-phone');
  }
  const website = text('organizationWebsite', POLICY_LIMITS.contactChars);
  if (website !== null) {
    // Only https: a link the patient follows to their organisation must not be readable on the way.
    let url: URL | null = null;
    try {
      url = new URL(website);
    } catch {
      url = null;
    }
    if (url?.protocol === 'https:' && !url.username && !url.password) policy.contact.website = url.href;
    else problem('organizationWebsite', 'not-https');
  }
  const language = text('defaultLanguage', 10);
  if (language !== null) {
    if (LANGUAGES.includes(language)) policy.defaultLanguage = language as LanguageSetting;
    else problem('defaultLanguage', 'unknown-language');
  }
  policy.automaticChecking = flag('automaticChecking');
  const warningBar = text('warningBar', 30);
  if (warningBar !== null) {
    if (WARNING_BARS.includes(warningBar)) policy.warningBar = warningBar as WarningBarSetting;
    else problem('warningBar', 'unknown-choice');
  }
  policy.lockSettings = flag('lockSettings') ?? false;

  if ('medicalPortals' in values) {
    const list = values.medicalPortals;
    if (!Array.isArray(list)) problem('medicalPortals', 'wrong-type');
    else {
      policy.medicalPortals = validPortalList(list, (index, entry) => problem(`medicalPortals[${index}]`, typeof entry === 'string' ? 'not-an-address' : 'wrong-type'));
      if (list.length > POLICY_LIMITS.medicalPortals) problem('medicalPortals', 'too-long');
    }
  }
  for (const key of Object.keys(values)) if (!KNOWN_KEYS.has(key)) problem(key.slice(0, 60), 'unknown-setting');
  return { policy, problems };
}
