// password-over-http: a password field on an http: medical page, a login form that posts to http:,
// or HTTP Basic/Digest authentication (seen by the re-check's 401 answer) on an http: page.
// Fixtures: patient-portal login fixtures in tests/fixtures/catalog.ts; Orthanc with authentication.

import type { Check } from './check';

export const passwordOverHttp: Check = {
  id: 'password-over-http',
  run({ snapshot, facts }) {
    if (!facts.isMedicalPortal) return null;
    const recheck = snapshot.recheck;
    const httpAuth = facts.isPlainHttp && recheck?.kind === 'login-required' && (recheck.scheme === 'basic' || recheck.scheme === 'digest');
    const fieldOnHttpPage = facts.isPlainHttp && snapshot.passwordFieldCount > 0;
    const formPostsToHttp = snapshot.forms.some((form) => form.hasPasswordField && form.action.startsWith('http:'));
    if (!httpAuth && !fieldOnHttpPage && !formPostsToHttp) return null;
    const evidence = httpAuth && recheck?.kind === 'login-required'
      ? `the server asks for HTTP ${recheck.scheme} authentication over http:`
      : fieldOnHttpPage
        ? 'password field on an http: page'
        : 'login form sends the password to an http: address';
    return { id: 'password-over-http', severity: 'high', certainty: 'certain', evidence };
  },
};
