// How one setting's value is chosen from the user's choice and the organisation's policy. Its own small
// module because the content script needs it too (page-settings.ts) and loads into every page.

/** The user's choice where they made one, else the organisation's value, else ours; with a lock, the organisation's. */
export function chooseSetting<T>(user: { chose: boolean; value: T }, policyValue: T | null, locked: boolean, fallback: T): T {
  if (locked && policyValue !== null) return policyValue;
  if (user.chose) return user.value;
  return policyValue ?? fallback;
}
