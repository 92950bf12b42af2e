// A storage area that does not answer must not stop the extension: in runs with fifty tabs starting at
// once, a storage read (most likely storage.managed) sometimes never settled, and that tab was never
// checked or reported. Each read gets this long, then counts as empty (defaults, no policy). (Chromium
// answers storage.managed only seconds after it starts, and a busy page's read sometimes not at all:
// managed-policy.ts uses the copy of the policy instead of waiting.)
const STORAGE_WAIT_MS = 2_000;

export function boundedRead(read: () => Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({}), STORAGE_WAIT_MS);
    read().then(
      (values) => {
        clearTimeout(timer);
        resolve(values);
      },
      () => {
        clearTimeout(timer);
        resolve({});
      },
    );
  });
}
