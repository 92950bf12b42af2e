// @vitest-environment happy-dom
// The page watcher runs another pass when the page changes, but not when the only change is the
// extension's own warning bar coming or going: showing the bar on a dangerous page used to start a
// second full read of the whole page a second later (bench/, issue 15).

import { afterEach, describe, expect, it } from 'vitest';
import { watchPage, type PageWatch } from '../../src/content/page-watcher.js';
import { createShieldedHost, isShieldedHostChange } from '../../src/content/shielded-host.js';

const TIMING = { quietMs: 20, maxWaitMs: 100, minIntervalMs: 0 };
const settle = (): Promise<void> => new Promise((done) => setTimeout(done, 120));

describe('watchPage with isShieldedHostChange', () => {
  let watch: PageWatch | null = null;
  afterEach(() => {
    watch?.stop();
    document.documentElement.innerHTML = '<head></head><body></body>';
  });

  const start = async (): Promise<{ passes: () => number }> => {
    let passes = 0;
    watch = watchPage(async () => void passes++, TIMING, isShieldedHostChange);
    await settle();
    return { passes: () => passes };
  };

  it('runs the first pass, and none for our bar shown, hidden and removed', async () => {
    const { passes } = await start();
    expect(passes()).toBe(1);
    const host = createShieldedHost({ top: '0' });
    host.show();
    await settle();
    host.hide();
    host.remove();
    await settle();
    expect(passes()).toBe(1);
  });

  it('runs a pass when the page adds its own content, also in the same moment as our bar', async () => {
    const { passes } = await start();
    const host = createShieldedHost({ top: '0' });
    host.show();
    const row = document.createElement('p');
    row.textContent = 'TESTPERSON^PATIENT';
    document.body.append(row);
    await settle();
    expect(passes()).toBe(2);
    row.textContent = 'changed';
    await settle();
    expect(passes()).toBe(3);
  });

  it('without the filter, our bar counts as a change (what the filter is for)', async () => {
    let passes = 0;
    watch = watchPage(async () => void passes++, TIMING);
    await settle();
    createShieldedHost({ top: '0' }).show();
    await settle();
    expect(passes).toBe(2);
  });
});
