// third-party-tracking: a medical portal that loads scripts, pixels or frames from advertising, analytics
// or social-network hosts. The patient's visit to a health page is shared with them, and their scripts can
// read what the page shows. Hosts: src/analysis/tracker-hosts.ts (a small list; its source is named there).
// Only what the page loads counts (elements and resource timing), never a plain link to a social network.
// Fixtures: portal-tracking-en.html; news-health-trackers-en.html is the non-medical negative.

import { trackerFor, type TrackerHost } from '../analysis/tracker-hosts';
import type { Check } from './check';

export const thirdPartyTracking: Check = {
  id: 'third-party-tracking',
  run({ snapshot, facts }) {
    if (!facts.isMedicalPortal) return null;
    const ownTracker = trackerFor(hostOf(snapshot.url));
    const found = new Map<string, TrackerHost>();
    for (const resource of snapshot.resources) {
      const tracker = trackerFor(hostOf(resource.origin));
      // The tracker company's own site is not a third party to itself.
      if (tracker && tracker !== ownTracker) found.set(tracker.domain, tracker);
    }
    if (found.size === 0) return null;
    const trackers = [...found.values()];
    return {
      id: 'third-party-tracking',
      severity: facts.showsPatientData ? 'high' : 'medium',
      certainty: 'recognised',
      evidence: `loads from ${trackers.length} tracking host(s): ${trackers.map((tracker) => `${tracker.domain} (${tracker.category})`).join(', ')}`,
    };
  },
};

function hostOf(address: string): string {
  try {
    return new URL(address).hostname;
  } catch {
    return '';
  }
}
