// Every check, in the order the popup lists their findings (most serious first).
// Adding a check: one file in this folder, one line here, its texts in extension/_locales.

import type { Check } from './check';
import { noLogin } from './no-login';
import { directoryListing } from './directory-listing';
import { plainHttp } from './plain-http';
import { passwordOverHttp } from './password-over-http';
import { manyPatients } from './many-patients';

export const CHECKS: readonly Check[] = [noLogin, directoryListing, manyPatients, plainHttp, passwordOverHttp];
