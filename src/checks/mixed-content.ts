// mixed-content: an https: medical portal that loads images, scripts, frames or data over http:. Those
// parts travel unprotected (and can be changed on the way); browsers block some of them, but the page
// asks for them. Read from the page's elements and resource timing, as origins only.
// Fixtures: portal-mixed-content.html; portal-https-clean.html is the negative (https only).

import type { ResourceKind } from '../snapshot/snapshot';
import type { Check } from './check';

export const mixedContent: Check = {
  id: 'mixed-content',
  run({ snapshot, facts }) {
    if (!facts.isMedicalPortal || !snapshot.url.startsWith('https:')) return null;
    const plain = snapshot.resources.filter((resource) => resource.origin.startsWith('http:'));
    if (plain.length === 0) return null;
    const kinds = [...new Set<ResourceKind>(plain.map((resource) => resource.kind))];
    const origins = new Set(plain.map((resource) => resource.origin)).size;
    return {
      id: 'mixed-content',
      severity: facts.showsPatientData ? 'high' : 'medium',
      certainty: 'certain',
      evidence: `an https: page loads from ${origins} http: origin(s): ${kinds.join(', ')}`,
    };
  },
};
