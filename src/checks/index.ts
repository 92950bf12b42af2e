// Every check, in the order the popup lists their findings (most serious first).
// Adding a check: one file in this folder, one line here, its texts in extension/_locales.

import type { Check } from './check';
import { noLogin } from './no-login';
import { directoryListing } from './directory-listing';
import { plainHttp } from './plain-http';
import { passwordOverHttp } from './password-over-http';
import { manyPatients } from './many-patients';
import { linkIsKey } from './link-is-key';
import { mixedContent } from './mixed-content';
import { thirdPartyTracking } from './third-party-tracking';
import { patientDataInUrl } from './patient-data-in-url';
import { knownViewer } from './known-viewer';

export const CHECKS: readonly Check[] = [
  noLogin,
  linkIsKey,
  directoryListing,
  manyPatients,
  plainHttp,
  passwordOverHttp,
  mixedContent,
  thirdPartyTracking,
  patientDataInUrl,
  knownViewer,
];
