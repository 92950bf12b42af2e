// The two settings the content script needs on every page — check automatically? which addresses does
// the organisation list as portals? — read with the same rules as the full settings (settings.ts) but
// without loading the whole policy validation into every web page.

import { boundedRead } from './bounded-read';
import { browser } from './extension-api';
import { browserPolicyAreas, readManagedPolicy } from './managed-policy';
import { validPortalList } from './portal-address';
import { chooseSetting } from './setting-choice';

export interface PageSettings {
  automaticChecking: boolean;
  /** Normalised patterns (portal-address.ts) of the organisation's medicalPortals. */
  medicalPortals: string[];
}

// Automatic checking is on unless someone turned it off (DEFAULT_SETTINGS in settings-schema.ts, which
// this module does not import: it would bring the policy validation along).
const CHECK_AUTOMATICALLY_BY_DEFAULT = true;

/** Pure: the page settings from the stored user settings and the raw managed policy. */
export function pageSettingsFrom(stored: Record<string, unknown>, managed: Record<string, unknown>): PageSettings {
  const flag = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);
  return {
    automaticChecking: chooseSetting(
      { chose: typeof stored.automaticChecking === 'boolean', value: stored.automaticChecking === true },
      flag(managed.automaticChecking),
      managed.lockSettings === true,
      CHECK_AUTOMATICALLY_BY_DEFAULT,
    ),
    medicalPortals: validPortalList(managed.medicalPortals),
  };
}

export async function readPageSettings(): Promise<PageSettings> {
  const [stored, managed] = await Promise.all([
    boundedRead(() => browser.storage.sync.get('automaticChecking')),
    // The policy, or the copy of it while the browser has not loaded its policies (managed-policy.ts).
    readManagedPolicy(browserPolicyAreas({ keepCopy: false })),
  ]);
  return pageSettingsFrom(stored, managed);
}
