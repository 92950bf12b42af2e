// The sites where the patient chose "Hide on this site" for the warning bar, in storage.local (kept across
// browser restarts, on this computer only): origins only, validated when read, at most HIDDEN_SITES_LIMIT.

import browser from 'webextension-polyfill';
import { HIDDEN_SITES_KEY, parseHiddenSites, withHiddenSite } from './page-warning';

export async function readHiddenSites(): Promise<string[]> {
  return parseHiddenSites((await browser.storage.local.get(HIDDEN_SITES_KEY))[HIDDEN_SITES_KEY]);
}

export async function hideOnSite(origin: string): Promise<void> {
  await browser.storage.local.set({ [HIDDEN_SITES_KEY]: withHiddenSite(await readHiddenSites(), origin) });
}

export async function showOnAllSitesAgain(): Promise<void> {
  await browser.storage.local.remove(HIDDEN_SITES_KEY);
}
