// What the gate script (gate.iife.ts, in every page) hands to the full content script when it loads it
// (content-script.ts). The gate keeps listening until the full script has its own listener; what it
// heard meanwhile is in here, read by the full script once it is ready.

import type { PageWarningMessage } from '../shared/messages';

export interface GateHandoff {
  /** The popup asked for a check (check-again): check even where automatic checking is off. */
  asked: boolean;
  /** The newest warning the background pushed for this page (a frame inside it is dangerous). */
  warning: PageWarningMessage | null;
  /** Set by the full script once it listens itself: from then on the gate ignores every message. */
  fullScriptListens: boolean;
}

/** The full content script's entry point, called by the gate with the handoff. */
export type StartFullCheck = (handoff: GateHandoff) => Promise<void>;
