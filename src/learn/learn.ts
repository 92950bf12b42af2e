// "Learn more": what happened in 2019 (facts with their sources), how each check works, and what the
// extension cannot see. Texts come from the locales; the sources are names and addresses, not translated.

import { FINDING_IDS } from '../shared/report';
import { element, findingKey, startPage } from '../pages/page';

// The public reports the 2019 facts come from (see ../shared/research/peers.md §4.1).
const SOURCES: ReadonlyArray<{ name: string; url: string }> = [
  {
    name: 'AuntMinnieEurope: Analysis finds vulnerable PACS servers in Europe (Greenbone Networks report, 2019)',
    url: 'https://cdn.auntminnieeurope.com/clinical-news/article/15653887/analysis-finds-vulnerable-pacs-servers-in-europe',
  },
  { name: 'Greenbone Networks press release: Unprotected patient data in the Internet – a review 60 days later (2019)', url: 'https://www.presseportal.de/pm/133668/4447464' },
  {
    name: 'ProPublica and Bayerischer Rundfunk, reprinted by PhillyVoice: Millions of Americans’ medical images and data are available on the internet (2019)',
    url: 'https://phillyvoice.com/millions-americans-medical-images-data-internet-anyone-can-take-see',
  },
  { name: 'GDPRhub: CNIL (France) – SAN-2020-015 (2020)', url: 'https://gdprhub.eu/index.php?title=CNIL_(France)_-_SAN-2020-015' },
];

async function main(): Promise<void> {
  const { t } = await startPage('learn_title');
  document.getElementById('sources')!.replaceChildren(
    ...SOURCES.map(({ name, url }) => {
      const link = element('a', name);
      link.href = url;
      link.rel = 'noreferrer';
      const item = element('li');
      item.append(link);
      return item;
    }),
  );
  document.getElementById('checks')!.replaceChildren(
    ...FINDING_IDS.flatMap((id) => [element('dt', t(findingKey('finding_', id, '_headline'))), element('dd', t(findingKey('learn_check_', id)))]),
  );
}

void main();
