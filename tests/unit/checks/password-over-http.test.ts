// password-over-http: a password typed on, sent to, or asked for by HTTP authentication over http:.

import { describe, expect, it } from 'vitest';
import type { RecheckOutcome } from '../../../src/snapshot/snapshot.js';
import { analyseHtml, expectEvidenceFreeOf, findingOf, LANGUAGES, NOT_MEDICAL, PORTAL_LOGIN, portalLoginPostingTo, STUDY_LIST } from './check-pages.js';

const challenge = (scheme: 'basic' | 'digest' | 'other' | null, status = 401): RecheckOutcome => ({ kind: 'login-required', status, scheme });

describe('password-over-http', () => {
  describe.each(LANGUAGES)('%s', (lang) => {
    it('an http: patient-portal login page with a password field is password-over-http, high and certain', () => {
      const { findings } = analyseHtml(PORTAL_LOGIN[lang], 'http://portal.example.org/login');
      expect(findingOf(findings, 'password-over-http')).toEqual({
        id: 'password-over-http',
        severity: 'high',
        certainty: 'certain',
        evidence: 'password field on an http: page',
      });
    });

    it('the same login page over https: with a relative form action is not password-over-http', () => {
      const { findings } = analyseHtml(PORTAL_LOGIN[lang], 'https://portal.example.org/login');
      expect(findingOf(findings, 'password-over-http')).toBeUndefined();
    });

    it('an http: study list whose server asks for HTTP Basic authentication is password-over-http', () => {
      const { findings } = analyseHtml(STUDY_LIST[lang], 'http://203.0.113.9/studies', challenge('basic'));
      expect(findingOf(findings, 'password-over-http')?.evidence).toBe('the server asks for HTTP basic authentication over http:');
      expectEvidenceFreeOf(findings, STUDY_LIST[lang].patientValues);
    });
  });

  it('an https: login form that posts to http: is password-over-http', () => {
    const { findings } = analyseHtml(portalLoginPostingTo('http://portal.example.org/login'), 'https://portal.example.org/');
    expect(findingOf(findings, 'password-over-http')).toEqual({
      id: 'password-over-http',
      severity: 'high',
      certainty: 'certain',
      evidence: 'login form sends the password to an http: address',
    });
  });

  it('an https: login form that posts to another https: address is not password-over-http', () => {
    const { findings } = analyseHtml(portalLoginPostingTo('https://auth.example.org/login'), 'https://portal.example.org/');
    expect(findingOf(findings, 'password-over-http')).toBeUndefined();
  });

  it('an http: study list whose server asks for HTTP Digest authentication is password-over-http', () => {
    const { findings } = analyseHtml(STUDY_LIST.en, 'http://203.0.113.9/studies', challenge('digest'));
    expect(findingOf(findings, 'password-over-http')?.evidence).toBe('the server asks for HTTP digest authentication over http:');
  });

  it('an https: study list whose server asks for HTTP Basic authentication is not password-over-http', () => {
    const { findings } = analyseHtml(STUDY_LIST.en, 'https://pacs.example.org/studies', challenge('basic'));
    expect(findingOf(findings, 'password-over-http')).toBeUndefined();
  });

  it.each<[string, RecheckOutcome | null]>([
    ['a login page of its own (403 without a challenge)', challenge(null, 403)],
    ['a Bearer challenge', challenge('other')],
    ['no re-check at all', null],
  ])('an http: study list without a password field is not password-over-http after %s', (_why, recheck) => {
    const { findings } = analyseHtml(STUDY_LIST.de, 'http://203.0.113.9/studies', recheck);
    expect(findingOf(findings, 'password-over-http')).toBeUndefined();
  });

  it('a webmail login over http: is not password-over-http: it is not medical', () => {
    const { findings, verdict } = analyseHtml(NOT_MEDICAL['a webmail login']!, 'http://mail.example.com/login', challenge('basic'));
    expect(findingOf(findings, 'password-over-http')).toBeUndefined();
    expect(verdict).toBe('not-medical');
  });

  it.each(Object.entries(NOT_MEDICAL))('%s over http: with a Basic challenge is not password-over-http', (_name, page) => {
    const { findings } = analyseHtml(page, 'http://www.example.com/', challenge('basic'));
    expect(findings).toEqual([]);
  });
});
