// The background answers every snapshot with what the page should show inside it (shared/page-warning.ts).
// Nearly every page gets nothing, so this stays tiny: the bar's code is loaded only once there is a bar or
// a note to show (it checks the answer in full), and from then on also hears the answers that remove them.

import type { PageWarningMessage } from '../shared/messages';

let warningBar: Promise<typeof import('./warning-bar')> | undefined;

export function followPageWarning(answer: unknown): void {
  const { bar, passwordNote } = (answer ?? {}) as Partial<PageWarningMessage>;
  if (!warningBar && !bar && !passwordNote) return;
  warningBar ??= import('./warning-bar');
  void warningBar.then((module) => module.showPageWarning(answer)).catch(() => undefined);
}
