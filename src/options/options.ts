// The settings page. Each change is saved at once; the page re-renders in a newly chosen language.

import { readSettings, saveSettings, type LanguageSetting } from '../shared/settings';
import { startPage } from '../pages/page';

async function main(): Promise<void> {
  await startPage('options_title');
  const settings = await readSettings();
  const language = document.getElementById('language') as HTMLSelectElement;
  language.value = settings.language;
  language.addEventListener('change', async () => {
    await saveSettings({ language: language.value as LanguageSetting });
    const { t } = await startPage('options_title');
    document.getElementById('saved')!.textContent = t('options_saved');
  });
}

void main();
