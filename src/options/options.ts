// The settings page. Each change is saved at once; the page re-renders in a newly chosen language.
// An organisation's policy (storage.managed) shows here: who set the extension up, the settings it
// locked (their controls are disabled), and each policy value that was left out because it was invalid.

import { readHiddenSites, showOnAllSitesAgain } from '../shared/hidden-sites';
import type { MessageKey, Translator } from '../shared/i18n';
import type { PolicyProblem } from '../shared/policy-schema';
import { readSettingsState, resetSettings, saveSettings, type LanguageSetting, type SettingsState, type WarningBarSetting } from '../shared/settings';
import { element, setText, startPage } from '../pages/page';

const language = document.getElementById('language') as HTMLSelectElement;
const automaticChecking = document.getElementById('automatic-checking') as HTMLInputElement;
const warningBar = document.getElementById('warning-bar') as HTMLSelectElement;

function problemLine({ t }: Translator, problem: PolicyProblem): HTMLLIElement {
  const reason = t(`options_policy_reason_${problem.reason.replace(/-/g, '_')}` as MessageKey);
  const item = element('li', t('options_policy_problem', [problem.key, reason]));
  item.dataset.policyKey = problem.key;
  return item;
}

function renderOrganisation(translator: Translator, { policy }: SettingsState): void {
  const { t } = translator;
  const organisation = policy.policy;
  const hasPolicy = organisation.organizationName !== null || organisation.lockSettings || policy.problems.length > 0 ||
    organisation.defaultLanguage !== null || organisation.automaticChecking !== null || organisation.warningBar !== null || organisation.medicalPortals.length > 0;
  document.getElementById('organisation')!.hidden = !hasPolicy;
  setText('org-heading', organisation.organizationName ? t('options_org_heading', organisation.organizationName) : t('options_org_heading_generic'));
  setText('locked-note', organisation.lockSettings ? t('options_locked_note') : '');
  document.getElementById('policy-problem-list')!.replaceChildren(...policy.problems.map((problem) => problemLine(translator, problem)));
  document.getElementById('policy-problems')!.hidden = policy.problems.length === 0;
}

// Sites where the user chose "hide on this site" for the warning bar (storage.local, origins only).
async function renderHiddenSites({ t }: Translator): Promise<void> {
  const count = (await readHiddenSites()).length;
  document.getElementById('hidden-sites')!.hidden = count === 0;
  document.getElementById('hidden-sites-count')!.textContent = t('options_warning_bar_hidden_sites', String(count));
}

function renderKnownPortals(translator: Translator, portals: readonly string[]): void {
  const items = portals.map((portal) => {
    const item = element('li', `${portal} `);
    const remove = element('button', translator.t('options_known_remove', portal));
    remove.type = 'button';
    remove.addEventListener('click', async () => {
      const { settings } = await readSettingsState();
      await saveSettings({ knownPortals: settings.knownPortals.filter((known) => known !== portal) });
      await render();
    });
    item.append(remove);
    return item;
  });
  document.getElementById('known-list')!.replaceChildren(...items);
  document.getElementById('known-empty')!.hidden = portals.length > 0;
}

async function render(savedMessage?: MessageKey): Promise<void> {
  const state = await readSettingsState();
  const translator = await startPage('options_title');
  const { settings } = state;
  renderOrganisation(translator, state);
  language.value = settings.language;
  automaticChecking.checked = settings.automaticChecking;
  warningBar.value = settings.warningBar;
  // Locked by the organisation: the controls show its values and cannot be changed.
  language.disabled = settings.locked && state.policy.policy.defaultLanguage !== null;
  automaticChecking.disabled = settings.locked && state.policy.policy.automaticChecking !== null;
  warningBar.disabled = settings.locked && state.policy.policy.warningBar !== null;
  await renderHiddenSites(translator);
  renderKnownPortals(translator, settings.knownPortals);
  document.getElementById('saved')!.textContent = savedMessage ? translator.t(savedMessage) : '';
}

language.addEventListener('change', async () => {
  await saveSettings({ language: language.value as LanguageSetting });
  await render('options_saved');
});
automaticChecking.addEventListener('change', async () => {
  await saveSettings({ automaticChecking: automaticChecking.checked });
  await render('options_saved');
});
warningBar.addEventListener('change', async () => {
  await saveSettings({ warningBar: warningBar.value as WarningBarSetting });
  await render('options_saved');
});
document.getElementById('show-again')!.addEventListener('click', async () => {
  await showOnAllSitesAgain();
  await render('options_saved');
  // The button is gone now: keep keyboard focus on the page, next to where it was.
  warningBar.focus();
});
document.getElementById('reset')!.addEventListener('click', async () => {
  await Promise.all([resetSettings(), showOnAllSitesAgain()]);
  await render('options_reset_done');
});

void render();
