// The full content script, loaded by the gate script (gate.iife.ts) only on pages that may be medical
// portals, or when the extension asks. It runs in every frame where the gate loads it (a portal may wrap
// its viewer in an iframe: each frame reports on its own, and the background folds the tab's report from
// them). The check itself is in check-page.ts.

import type { StartFullCheck } from './gate-handoff';
import { startChecking } from './check-page';

export const startFullCheck: StartFullCheck = (handoff) => startChecking(handoff);
