// third-party-tracking: a medical portal that loads from listed tracking hosts (scripts, pixels, frames),
// seen in the page's elements and in the browser's resource timing. Links to social networks do not count.

import { describe, expect, it } from 'vitest';
import { analysePage } from '../../../src/analysis/analyse-page.js';
import { TRACKER_HOSTS, TRACKER_LIST_SOURCE, trackerFor } from '../../../src/analysis/tracker-hosts.js';
import { readPage } from '../../../src/snapshot/read-page.js';
import { analyseHtml, expectEvidenceFreeOf, findingOf, LANGUAGES, NOT_MEDICAL, ONE_PATIENT, PORTAL_LOGIN, type TestPage } from './check-pages.js';
import { loadDocument } from '../fixture-page.js';

/** A page with extra markup added at the end of its body. */
const withBody = (page: TestPage, extra: string): TestPage => ({ ...page, html: page.html.replace('</body>', `${extra}</body>`) });

const GA = '<script async src="https://www.googletagmanager.com/gtag/js?id=G-EXAMPLE01"></script>';
const PIXEL = '<img height="1" width="1" alt="" src="https://www.facebook.com/tr?id=000000000000000&amp;ev=PageView">';

describe('third-party-tracking', () => {
  describe.each(LANGUAGES)('%s', (lang) => {
    it("a patient's page with Google Tag Manager and the Meta pixel: high, as its scripts can read the patient's data", () => {
      const page = withBody(ONE_PATIENT[lang], GA + PIXEL);
      const { findings, verdict } = analyseHtml(page, 'https://portal.example.org/me');
      expect(findingOf(findings, 'third-party-tracking')).toEqual({
        id: 'third-party-tracking',
        severity: 'high',
        certainty: 'recognised',
        evidence: 'loads from 2 tracking host(s): googletagmanager.com (analytics), facebook.com (social)',
      });
      expect(verdict).toBe('warning');
      expectEvidenceFreeOf(findings, page.patientValues);
    });

    it('a portal login page with a tracker: medium, no patient data on it', () => {
      const { findings } = analyseHtml(withBody(PORTAL_LOGIN[lang], '<iframe src="https://td.doubleclick.net/td/rul/000"></iframe>'), 'https://portal.example.org/login');
      expect(findingOf(findings, 'third-party-tracking')).toMatchObject({ severity: 'medium', evidence: 'loads from 1 tracking host(s): doubleclick.net (advertising)' });
    });

    it('links to social networks, fonts and a CDN are not tracking', () => {
      const extra =
        '<a href="https://www.facebook.com/clinic">Facebook</a><link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto"><script src="https://cdn.example.net/ui.js"></script>';
      expect(findingOf(analyseHtml(withBody(ONE_PATIENT[lang], extra), 'https://portal.example.org/me').findings, 'third-party-tracking')).toBeUndefined();
    });
  });

  it('counts what the browser says the page loaded, also when a script removed the element again', () => {
    const doc = loadDocument(ONE_PATIENT.en.html, 'https://portal.example.org/me');
    const loaded = [
      { name: 'https://www.google-analytics.com/g/collect?v=2&dl=https%3A%2F%2Fportal.example.org%2Fme', initiatorType: 'beacon' },
      { name: 'https://portal.example.org/app.js', initiatorType: 'script' },
    ];
    const snapshot = readPage(doc, 'https://portal.example.org/me', loaded);
    // Only origins travel: the collect address above carries the page's own address.
    expect(snapshot.resources).toContainEqual({ origin: 'https://www.google-analytics.com', kind: 'data' });
    expect(JSON.stringify(snapshot.resources)).not.toContain('collect');
    expect(findingOf(analysePage(snapshot).findings, 'third-party-tracking')?.evidence).toBe('loads from 1 tracking host(s): google-analytics.com (analytics)');
  });

  it.each(Object.entries(NOT_MEDICAL))('%s with trackers is not checked: not a medical portal', (_name, page) => {
    const { findings, verdict } = analyseHtml(withBody(page, GA + PIXEL), 'https://www.example.com/');
    expect(findings).toEqual([]);
    expect(verdict).toBe('not-medical');
  });

  describe('the tracker list', () => {
    it('names its source and keeps to a small list of registrable domains', () => {
      expect(TRACKER_LIST_SOURCE).toMatch(/Disconnect/);
      expect(TRACKER_HOSTS.length).toBeLessThanOrEqual(40);
      for (const { domain } of TRACKER_HOSTS) expect(domain).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    });

    it.each([
      ['connect.facebook.net', 'facebook.net'],
      ['www.google-analytics.com', 'google-analytics.com'],
      ['WWW.GOOGLETAGMANAGER.COM.', 'googletagmanager.com'],
      ['bat.bing.com', 'bat.bing.com'],
    ])('%s is the tracker %s', (host, domain) => {
      expect(trackerFor(host)?.domain).toBe(domain);
    });

    it.each(['www.bing.com', 'notgoogle-analytics.com', 'google-analytics.com.example.org', 'portal.example.org'])('%s is not a tracker', (host) => {
      expect(trackerFor(host)).toBeNull();
    });
  });
});
