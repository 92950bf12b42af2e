// The settings' shape, defaults and validation, and how an organisation's policy combines with the
// user's own choices, as pure code (settings.ts reads and writes them).

import { EMPTY_POLICY, type OrganisationPolicy } from './policy-schema';
import { validPortalList } from './portal-address';
import { chooseSetting } from './setting-choice';

export type LanguageSetting = 'auto' | 'en' | 'de' | 'fr';

/** When the warning bar appears inside web pages: on danger only, on danger and warning, or never. */
export type WarningBarSetting = 'danger' | 'danger-and-warning' | 'off';

export interface Settings {
  language: LanguageSetting;
  /** true: every page is checked as it loads; false: only when the toolbar button is clicked. */
  automaticChecking: boolean;
  /** Origins the user marked "I know this portal": still checked, warnings shown quieter. */
  knownPortals: string[];
  /** When the warning bar appears in web pages. */
  warningBar: WarningBarSetting;
}

export const DEFAULT_SETTINGS: Settings = { language: 'auto', automaticChecking: true, knownPortals: [], warningBar: 'danger' };

const LANGUAGES: readonly LanguageSetting[] = ['auto', 'en', 'de', 'fr'];
export const WARNING_BAR_SETTINGS: readonly WarningBarSetting[] = ['danger', 'danger-and-warning', 'off'];

function isLanguage(value: unknown): value is LanguageSetting {
  return LANGUAGES.includes(value as LanguageSetting);
}

export function isWarningBarSetting(value: unknown): value is WarningBarSetting {
  return WARNING_BAR_SETTINGS.includes(value as WarningBarSetting);
}

/** The user's own settings: a value that is missing or malformed falls back to its default, one at a time. */
export function validateSettings(stored: Record<string, unknown>): Settings {
  return {
    language: isLanguage(stored.language) ? stored.language : DEFAULT_SETTINGS.language,
    automaticChecking: typeof stored.automaticChecking === 'boolean' ? stored.automaticChecking : DEFAULT_SETTINGS.automaticChecking,
    knownPortals: validPortalList(stored.knownPortals),
    warningBar: isWarningBarSetting(stored.warningBar) ? stored.warningBar : DEFAULT_SETTINGS.warningBar,
  };
}

export interface EffectiveSettings extends Settings {
  /** Patterns of portals the organisation says are medical portals: always fully checked. */
  medicalPortals: string[];
  /** The organisation locked language, automatic checking and the warning bar to its values. */
  locked: boolean;
}

/**
 * What applies: the user's choice where they made one, else the organisation's default, else ours.
 * With lockSettings, the organisation's values win over the user's.
 */
export function effectiveSettings(stored: Record<string, unknown>, policy: OrganisationPolicy = EMPTY_POLICY): EffectiveSettings {
  const user = validateSettings(stored);
  const userChoseLanguage = isLanguage(stored.language);
  const userChoseChecking = typeof stored.automaticChecking === 'boolean';
  return {
    language: chooseSetting({ chose: userChoseLanguage, value: user.language }, policy.defaultLanguage, policy.lockSettings, DEFAULT_SETTINGS.language),
    automaticChecking: chooseSetting({ chose: userChoseChecking, value: user.automaticChecking }, policy.automaticChecking, policy.lockSettings, DEFAULT_SETTINGS.automaticChecking),
    knownPortals: user.knownPortals,
    warningBar: chooseSetting({ chose: isWarningBarSetting(stored.warningBar), value: user.warningBar }, policy.warningBar, policy.lockSettings, DEFAULT_SETTINGS.warningBar),
    medicalPortals: policy.medicalPortals,
    locked: policy.lockSettings,
  };
}
