// known-viewer: the viewer's name (and version) as information, and Orthanc's own "Insecure setup"
// warning as a real finding when the page shows it. The product fingerprints themselves: ../products.test.ts.

import { describe, expect, it } from 'vitest';
import { analyseHtml, findingOf, NOT_MEDICAL, type TestPage } from './check-pages.js';
import { analysePage } from '../../../src/analysis/analyse-page.js';
import { snapshotOfFile } from '../fixture-page.js';

const BANNER = '<h1>Insecure setup</h1><p>Your Orthanc server is accepting remote connections, but is using the default username and password, or has user authentication explicitly turned off.</p>';

/** Orthanc Explorer's lookup page as Orthanc 1.10 serves it, with the banner copied into the page in a given state. */
function orthancExplorer(copiedBanner: string): TestPage {
  return {
    html: `<!doctype html><html><head><title>Orthanc Explorer</title><script src="explorer.js"></script></head><body>
<div data-role="page" id="lookup"><div data-role="header"><h1><span class="orthanc-name"></span>Lookup studies</h1></div>
<div data-role="content">${copiedBanner}
<form id="lookup-form"><label for="lookup-patient-id">Patient ID:</label><input id="lookup-patient-id"><label for="lookup-patient-name">Patient Name:</label><input id="lookup-patient-name"></form></div></div>
<div id="template-insecure" style="display:none"><div class="warning-insecure ui-body ui-body-e">${BANNER}</div></div>
</body></html>`,
    patientValues: [],
  };
}

const ORTHANC_URL = 'https://pacs.example.org/app/explorer.html';

describe('known-viewer', () => {
  it('names Orthanc Explorer as information: it alone leaves an https page ok', () => {
    // What Orthanc does when its setup is secure: the copied banner is hidden with an inline style.
    const { findings, verdict } = analyseHtml(orthancExplorer(`<div class="warning-insecure ui-body ui-body-e" style="display: none;">${BANNER}</div>`), ORTHANC_URL);
    expect(findingOf(findings, 'known-viewer')).toEqual({
      id: 'known-viewer',
      severity: 'info',
      certainty: 'recognised',
      evidence: 'recognised as Orthanc Explorer (signs weigh 8)',
    });
    expect(findings.map((finding) => finding.id)).toEqual(['known-viewer']);
    expect(verdict).toBe('ok');
  });

  it('explains the "Insecure setup" banner when Orthanc Explorer shows it: high, its own texts, a warning', () => {
    // What Orthanc 1.10 does with IsHttpServerSecure false: the copy has no style, so it is shown.
    const { findings, verdict } = analyseHtml(orthancExplorer(`<div class="warning-insecure ui-body ui-body-e">${BANNER}</div>`), ORTHANC_URL);
    expect(findingOf(findings, 'known-viewer')).toEqual({
      id: 'known-viewer',
      severity: 'high',
      certainty: 'certain',
      evidence: 'recognised as Orthanc Explorer (signs weigh 8); the program shows its own "insecure setup" warning',
      variant: 'insecure-setup',
    });
    expect(verdict).toBe('warning');
  });

  it.each([
    ['only in the hidden template (before Orthanc copies it)', ''],
    ['hidden by the hidden attribute', `<div class="warning-insecure" hidden>${BANNER}</div>`],
    ['hidden by visibility: hidden on its parent', `<div style="color: red; visibility: hidden"><div class="warning-insecure">${BANNER}</div></div>`],
    ['inside a <template>', `<template><div class="warning-insecure">${BANNER}</div></template>`],
  ])('does not count the banner when it is %s', (_how, banner) => {
    const { findings } = analyseHtml(orthancExplorer(banner), ORTHANC_URL);
    expect(findingOf(findings, 'known-viewer')?.severity).toBe('info');
    expect(findingOf(findings, 'known-viewer')?.variant).toBeUndefined();
  });

  it("reads the version and the insecure flag from Orthanc's own /system answer", () => {
    const snapshot = snapshotOfFile('pages/orthanc-system.json', 'http://203.0.113.5:8042/system', 'application/json');
    const { findings, facts } = analysePage(snapshot);
    expect(facts.product).toMatchObject({ name: 'Orthanc', version: '1.12.3', warnings: ['insecure-setup'] });
    expect(findingOf(findings, 'known-viewer')).toMatchObject({ severity: 'high', variant: 'insecure-setup' });
    expect(findingOf(findings, 'known-viewer')?.evidence).toContain('recognised as Orthanc version 1.12.3');
  });

  it('a secure Orthanc /system answer is information, with the version', () => {
    const snapshot = snapshotOfFile('pages/orthanc-system.json', 'https://pacs.example.org/system', 'application/json');
    snapshot.json = { ...(snapshot.json as object), IsHttpServerSecure: true };
    const { findings, verdict } = analysePage(snapshot);
    expect(findingOf(findings, 'known-viewer')).toMatchObject({ severity: 'info', evidence: 'recognised as Orthanc version 1.12.3 (signs weigh 5)' });
    expect(verdict).toBe('ok');
  });

  it("reads Conquest's version from its title, and keeps only what looks like a version", () => {
    const page = (title: string): TestPage => ({
      html: `<html><head><title>${title}</title></head><body><h1>Welcome to the Conquest DICOM server</h1></body></html>`,
      patientValues: [],
    });
    expect(analyseHtml(page('Conquest DICOM server - version 1.5.0c'), 'http://203.0.113.40/cgi-bin/dgate.exe?mode=top').facts.product?.version).toBe('1.5.0c');
    expect(analyseHtml(page('Conquest DICOM server - version DOE^JANE'), 'http://203.0.113.40/cgi-bin/dgate.exe?mode=top').facts.product).toMatchObject({
      name: 'Conquest DICOM server',
      version: null,
    });
    expect(analyseHtml(page(`Conquest DICOM server - version 1${'.1'.repeat(40)}`), 'http://203.0.113.40/').facts.product?.version).toBeNull();
  });

  it.each(Object.entries(NOT_MEDICAL))('%s has no known-viewer', (_name, page) => {
    expect(findingOf(analyseHtml(page, 'https://www.example.com/').findings, 'known-viewer')).toBeUndefined();
  });
});
