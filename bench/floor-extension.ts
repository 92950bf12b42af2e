// The floor: the least a content-script extension can cost a page. A minimal MV3 extension, written into a
// temp dir for each bench run: one classic content script at document_idle that reads document.title and
// sends one message, and a service worker that answers it. Portal Checkup on a page that is not medical
// should cost no more than this.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from '../tests/harness/servers/index.js';

const MANIFEST = {
  manifest_version: 3,
  name: 'Bench floor',
  version: '1.0',
  background: { service_worker: 'worker.js' },
  content_scripts: [{ matches: ['http://*/*', 'https://*/*'], js: ['content.js'], run_at: 'document_idle' }],
};

const CONTENT = `chrome.runtime.sendMessage({ title: document.title });\n`;
const WORKER = `chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {\n  sendResponse({ seen: typeof message?.title === 'string' });\n});\n`;

/** Writes the floor extension and returns its directory. */
export async function writeFloorExtension(): Promise<string> {
  const directory = await makeTempDir('bench-floor-extension');
  await writeFile(join(directory, 'manifest.json'), JSON.stringify(MANIFEST, null, 2));
  await writeFile(join(directory, 'content.js'), CONTENT);
  await writeFile(join(directory, 'worker.js'), WORKER);
  return directory;
}
