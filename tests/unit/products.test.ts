// The product fingerprints (src/analysis/products.ts): one data file serves the quick-look gate, the
// product in the report and known-viewer. A product is named only when its signs add up to the threshold.

import { describe, expect, it } from 'vitest';
import { mayBeMedicalPortal } from '../../src/analysis/medical-gate.js';
import { PRODUCT_THRESHOLD, PRODUCTS, WARNING_BANNERS } from '../../src/analysis/products.js';
import { recogniseProduct } from '../../src/analysis/recognise-product.js';
import { snapshotOfHtml } from './fixture-page.js';

const recognise = (html: string, url = 'https://pacs.example.org/'): string | null => recogniseProduct(snapshotOfHtml(html, url))?.name ?? null;
const page = (title: string, body = ''): string => `<html><head><title>${title}</title></head><body>${body}</body></html>`;

describe('the fingerprint data', () => {
  it('gives every product a unique name and at least one sign', () => {
    expect(new Set(PRODUCTS.map((product) => product.name)).size).toBe(PRODUCTS.length);
    for (const product of PRODUCTS) expect(product.signs.length, product.name).toBeGreaterThan(0);
  });

  it('lets every product reach the threshold when all its signs agree', () => {
    for (const product of PRODUCTS) expect(product.signs.reduce((sum, sign) => sum + sign.weight, 0), product.name).toBeGreaterThanOrEqual(PRODUCT_THRESHOLD);
  });

  it("lists Orthanc Explorer's insecure-setup banner for the page reader", () => {
    expect(WARNING_BANNERS).toEqual([{ id: 'insecure-setup', className: 'warning-insecure' }]);
  });
});

describe('recogniseProduct', () => {
  it.each([
    ['Orthanc Web Viewer', page('Orthanc Web Viewer', '<div id="dicomImageWrapper"></div>')],
    ['Stone Web Viewer', page('Stone Web Viewer', '<div id="wv"></div>')],
    ['OHIF Viewer', '<html><head><title>Study list</title><meta name="application-name" content="OHIF Viewer"></head><body></body></html>'],
    ['XNAT', page('XNAT')],
    ['Synapse Mobility', page('Synapse Mobility Login')],
    ['Vitrea', page('Vitrea intelligence')],
    ['Weasis', page('My studies', '<a href="https://pacs.example.org/weasis-pacs-connector/viewer?studyUID=2.25.1">Open</a> <a href="weasis://%24dicom%3Aget">Open in Weasis</a>')],
    ['Kodak InSite', page('Login', '<div class="CSWStyle_PoweredBy">Kodak InSite</div>')],
  ])('names %s when enough signs agree', (name, html) => {
    expect(recognise(html, name === 'Kodak InSite' ? 'https://insite.example.org/Site/Pages/login.aspx' : 'https://pacs.example.org/')).toBe(name);
  });

  it.each([
    ['a page that only links to Weasis', page('Downloads', '<a href="weasis://%24dicom%3Aget">Weasis</a>')],
    ['an element with the class orthanc-name', page('My site', '<span class="orthanc-name"></span>')],
    ['a project page titled "About Orthanc Explorer"', page('About Orthanc Explorer')],
    ['a manual quoting Orthanc\'s /system answer', page('Orthanc manual', '<pre>{ "DicomAet" : "ORTHANC", "IsHttpServerSecure" : false, "ApiVersion" : 22 }</pre>')],
    ['a page that only mentions Kodak InSite', page('Imaging software', '<p>We used Kodak InSite until 2019.</p>')],
  ])('names nothing on %s: one sign, or words quoted in text, are not enough', (_what, html) => {
    expect(recognise(html)).toBeNull();
  });

  it('prefers the higher score, and on a tie the product listed first', () => {
    // Orthanc Explorer 2's title (3) beats Orthanc Explorer's address sign (2).
    expect(recognise(page('Orthanc Explorer 2'), 'https://pacs.example.org/app/explorer.html')).toBe('Orthanc Explorer 2');
  });
});

describe('the quick-look gate uses the same fingerprints', () => {
  const look = (title: string, url = 'https://pacs.example.org/'): boolean => mayBeMedicalPortal({ url, title, contentType: 'text/html', text: '', textNodes: 0 });

  it.each(['XNAT', 'Synapse Mobility Login', 'Dicoogle', 'Vitrea intelligence', 'Brainlab Origin Server'])('lets a page titled "%s" through', (title) => {
    expect(look(title)).toBe(true);
  });

  it('lets a product address through with an empty title', () => {
    expect(look('', 'https://insite.example.org/Site/Pages/login.aspx')).toBe(true);
    expect(look('', 'https://pacs.example.org/pureweb/server/login.jsp')).toBe(true);
  });

  it('stops an ordinary page', () => {
    expect(look('Holiday photos', 'https://photos.example.com/album/2023')).toBe(false);
  });
});
