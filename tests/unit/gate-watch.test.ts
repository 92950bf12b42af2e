// @vitest-environment happy-dom
// The gate's watch (src/content/gate-watch.ts): one look at once, one after a change of the page, at most one
// per interval on a page that changes all the time, none after it is stopped.

import { afterEach, describe, expect, it } from 'vitest';
import { watchForChanges, type GateWatch } from '../../src/content/gate-watch.js';

const TIMING = { afterChangeMs: 30, afterLookMs: 100 };
const wait = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
const addParagraph = (text: string): void => {
  const paragraph = document.createElement('p');
  paragraph.textContent = text;
  document.body.append(paragraph);
};

describe('watchForChanges', () => {
  let watch: GateWatch | null = null;
  afterEach(() => {
    watch?.stop();
    watch = null;
    document.body.replaceChildren();
  });

  it('looks at once, and not again while the page stays still', async () => {
    let looks = 0;
    watch = watchForChanges(() => void looks++, TIMING);
    expect(looks).toBe(1);
    await wait(250);
    expect(looks).toBe(1);
  });

  it('looks again once after a change, not before afterChangeMs, and after the previous look by afterLookMs', async () => {
    let looks = 0;
    watch = watchForChanges(() => void looks++, { afterChangeMs: 30, afterLookMs: 200 });
    await wait(250);
    addParagraph('Study list');
    await wait(10);
    expect(looks).toBe(1);
    await wait(150);
    expect(looks).toBe(2);
    // A change soon after that look waits until 200 ms after it.
    addParagraph('Patient');
    await wait(50);
    expect(looks).toBe(2);
    await wait(200);
    expect(looks).toBe(3);
  });

  it('on a page that changes every 5 ms, looks about once per afterLookMs, not once per change', async () => {
    let looks = 0;
    watch = watchForChanges(() => void looks++, TIMING);
    let changes = 0;
    const ticker = setInterval(() => {
      changes++;
      document.body.textContent = `Headline ${changes}`;
    }, 5);
    await wait(520);
    clearInterval(ticker);
    expect(changes).toBeGreaterThan(10);
    // 1 at once, then at 100, 200, 300, 400, 500 ms at most (timers may run late, never early).
    expect(looks).toBeGreaterThanOrEqual(2);
    expect(looks).toBeLessThanOrEqual(6);
  });

  it('looks after a change of the address hash', async () => {
    let looks = 0;
    watch = watchForChanges(() => void looks++, TIMING);
    await wait(120);
    dispatchEvent(new Event('hashchange'));
    await wait(150);
    expect(looks).toBe(2);
  });

  it('stops: no look after stop, also when the look itself stops the watch', async () => {
    let looks = 0;
    watch = watchForChanges(() => void looks++, TIMING);
    watch.stop();
    addParagraph('Patient');
    await wait(150);
    expect(looks).toBe(1);

    let handedOver = 0;
    let selfStopping: GateWatch | null = null;
    selfStopping = watchForChanges(() => {
      handedOver++;
      selfStopping?.stop();
    }, TIMING);
    await wait(120);
    addParagraph('Patient');
    await wait(150);
    // The first look ran before the watch existed; the second stopped it.
    expect(handedOver).toBe(2);
    addParagraph('Patient again');
    await wait(250);
    expect(handedOver).toBe(2);
  });

  it('a look that throws does not end the watch', async () => {
    let looks = 0;
    watch = watchForChanges(() => {
      looks++;
      throw new Error('a strange page');
    }, TIMING);
    await wait(120);
    addParagraph('Patient');
    await wait(150);
    expect(looks).toBe(2);
  });
});
