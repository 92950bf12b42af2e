// The settings page. Each change is saved at once; the page re-renders in a newly chosen language.

import { readHiddenSites, showOnAllSitesAgain } from '../shared/hidden-sites';
import type { Translator } from '../shared/i18n';
import { readSettings, saveSettings, type LanguageSetting, type WarningBarSetting } from '../shared/settings';
import { startPage } from '../pages/page';

async function showHiddenSites({ t }: Translator): Promise<void> {
  const count = (await readHiddenSites()).length;
  document.getElementById('hidden-sites')!.hidden = count === 0;
  document.getElementById('hidden-sites-count')!.textContent = t('options_warning_bar_hidden_sites', String(count));
}

async function main(): Promise<void> {
  let translator = await startPage('options_title');
  const settings = await readSettings();
  const saved = (): void => void (document.getElementById('saved')!.textContent = translator.t('options_saved'));
  await showHiddenSites(translator);

  const language = document.getElementById('language') as HTMLSelectElement;
  language.value = settings.language;
  language.addEventListener('change', async () => {
    await saveSettings({ language: language.value as LanguageSetting });
    translator = await startPage('options_title');
    await showHiddenSites(translator);
    saved();
  });

  const warningBar = document.getElementById('warning-bar') as HTMLSelectElement;
  warningBar.value = settings.warningBar;
  warningBar.addEventListener('change', async () => {
    await saveSettings({ warningBar: warningBar.value as WarningBarSetting });
    saved();
  });

  document.getElementById('show-again')!.addEventListener('click', async () => {
    await showOnAllSitesAgain();
    await showHiddenSites(translator);
    // The button is gone now: keep keyboard focus on the page, next to where it was.
    warningBar.focus();
    saved();
  });
}

void main();
