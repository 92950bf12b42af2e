// Directory indexes in the formats of src/analysis/directory-index.ts, each written small and inline
// in its server's markup, with the same entries: which formats are recognised, which entries are
// medical, which folders are named after a patient, and which ordinary pages are not listings.

import { describe, expect, it } from 'vitest';
import { isMedicalEntry, isNavigationByParsing, isNavigationLink, recogniseDirectoryIndex } from '../../src/analysis/directory-index.js';
import { snapshotOfHtml } from './fixture-page.js';

type Format = (path: string, names: readonly string[]) => string;

const bare = (name: string): string => name.replace(/\/$/, '');

// Each writes a listing of `path` the way its server does (fingerprints.md §2).
const FORMATS: Record<string, { server: string; listing: Format }> = {
  Apache: {
    server: 'index-of',
    listing: (path, names) => `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN"><html><head><title>Index of ${path}</title></head><body><h1>Index of ${path}</h1>
<table><tr><th valign="top"><img src="/icons/blank.gif" alt="[ICO]"></th><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th><th><a href="?C=S;O=A">Size</a></th></tr>
<tr><td><img src="/icons/back.gif" alt="[PARENTDIR]"></td><td><a href="/">Parent Directory</a></td><td>&nbsp;</td><td align="right">  - </td></tr>
${names.map((name) => `<tr><td><img src="/icons/unknown.gif" alt="[   ]"></td><td><a href="${name}">${name}</a></td><td align="right">2024-03-14 09:15  </td><td align="right">512K</td></tr>`).join('\n')}
</table><address>Apache/2.4.58 (Debian) Server at 203.0.113.30 Port 80</address></body></html>`,
  },
  nginx: {
    server: 'index-of',
    listing: (path, names) => `<html><head><title>Index of ${path}</title></head><body><h1>Index of ${path}</h1><hr><pre><a href="../">../</a>
${names.map((name) => `<a href="${name}">${name}</a>                                     14-Mar-2024 09:15              527146`).join('\n')}
</pre><hr></body></html>`,
  },
  lighttpd: {
    server: 'index-of',
    listing: (path, names) => `<!DOCTYPE html><html><head><title>Index of ${path}</title></head><body><h2>Index of ${path}</h2><div class="list"><table summary="Directory Listing" cellpadding="0" cellspacing="0">
<thead><tr><th class="n">Name</th><th class="m">Last Modified</th><th class="s">Size</th><th class="t">Type</th></tr></thead><tbody>
<tr class="d"><td class="n"><a href="../">..</a>/</td><td class="m">&nbsp;</td><td class="s">- &nbsp;</td><td class="t">Directory</td></tr>
${names.map((name) => `<tr><td class="n"><a href="${name}">${bare(name)}</a>${name.endsWith('/') ? '/' : ''}</td><td class="m">2024-Mar-14 09:15:40</td><td class="s">514.8K</td><td class="t">application/octet-stream</td></tr>`).join('\n')}
</tbody></table></div><div class="foot">lighttpd/1.4.73</div></body></html>`,
  },
  LiteSpeed: {
    server: 'index-of',
    listing: (path, names) => `<html><head><title>Index of ${path}</title></head><body><h1>Index of ${path}</h1><ul><li><a href="../"> Parent Directory</a></li>
${names.map((name) => `<li><a href="${name}"> ${name}</a></li>`).join('\n')}</ul><address>Proudly Served by LiteSpeed Web Server at 203.0.113.31 Port 80</address></body></html>`,
  },
  IIS: {
    server: 'iis',
    listing: (path, names) => `<html><head><title>203.0.113.70 - ${path}</title></head><body><H1>203.0.113.70 - ${path}</H1><hr>
<pre><A HREF="/">[To Parent Directory]</A><br><br>${names
      .map((name) => ` 3/14/2024 10:20 AM        ${name.endsWith('/') ? '&lt;dir&gt;' : '527146'} <A HREF="${path}${name}">${bare(name)}</A><br>`)
      .join('')}</pre><hr></body></html>`,
  },
  'Python http.server': {
    server: 'python',
    listing: (path, names) => `<!DOCTYPE HTML><html lang="en"><head><meta charset="utf-8"><title>Directory listing for ${path}</title></head><body><h1>Directory listing for ${path}</h1><hr><ul>
${names.map((name) => `<li><a href="${name}">${name}</a></li>`).join('\n')}
</ul><hr></body></html>`,
  },
  Tomcat: {
    server: 'tomcat',
    listing: (path, names) => `<html><head><title>Directory Listing For [${path}]</title></head><body><h1>Directory Listing For [${path}] - <a href="/"><b>Up To [/]</b></a></h1><hr class="line">
<table width="100%" cellspacing="0" cellpadding="5" align="center"><tr><td align="left"><font size="+1"><strong>Filename</strong></font></td><td align="center"><font size="+1"><strong>Size</strong></font></td><td align="right"><font size="+1"><strong>Last Modified</strong></font></td></tr>
${names.map((name) => `<tr><td align="left">&nbsp;&nbsp;<a href="${path}${name}"><tt>${name}</tt></a></td><td align="right"><tt>514.8 KiB</tt></td><td align="right"><tt>Thu, 14 Mar 2024 09:15:40 GMT</tt></td></tr>`).join('\n')}
</table><hr class="line"><h3>Apache Tomcat/10.1.19</h3></body></html>`,
  },
  Jetty: {
    server: 'jetty',
    listing: (path, names) => `<!DOCTYPE html><html><head><title>Directory: ${path}</title></head><body><h1 class="title">Directory: ${path}</h1>
<table class="listing"><thead><tr><th class="name"><a href="?C=N&amp;O=D">Name</a></th><th class="lastmodified"><a href="?C=M&amp;O=A">Last Modified</a></th><th class="size"><a href="?C=S&amp;O=A">Size</a></th></tr></thead><tbody>
<tr><td class="name"><a href="${path}../">Parent Directory</a></td><td class="lastmodified">-</td><td class="size">-</td></tr>
${names.map((name) => `<tr><td class="name"><a href="${path}${name}">${name}&nbsp;</a></td><td class="lastmodified">Mar 14, 2024, 9:15:40 AM</td><td class="size">527,146 bytes</td></tr>`).join('\n')}
</tbody></table></body></html>`,
  },
  'Node serve-index': {
    server: 'node serve-index',
    listing: (path, names) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>listing directory ${path}</title></head><body class="directory"><input id="search" type="text" placeholder="Search" autocomplete="off" />
<div id="wrapper"><h1><a href="/">~</a> / <a href="${path}">${bare(path).slice(1)}</a> / </h1><ul id="files" class="view-tiles"><li><a href="/" class="icon icon-directory" title=".."><span class="name">..</span><span class="size"></span><span class="date"></span></a></li>
${names.map((name) => `<li><a href="${path}${bare(name)}" class="icon" title="${bare(name)}"><span class="name">${bare(name)}</span><span class="size">527146</span><span class="date">3/14/2024 10:15:40 AM</span></a></li>`).join('\n')}
</ul></div></body></html>`,
  },
  Caddy: {
    server: 'generic',
    listing: (path, names) => `<!DOCTYPE html><html><head><title>${path}</title><meta charset="utf-8"></head><body><header><h1><a href="/">/</a><a href="${path}">${bare(path).slice(1)}</a>/</h1></header>
<main><div class="meta"><div id="summary"><span class="meta-item"><input type="text" placeholder="Search" id="filter"></span></div></div><div class="listing"><table aria-describedby="summary"><thead><tr><th></th><th><a href="?sort=namedirfirst&amp;order=desc" class="icon"></a><a href="?sort=name&amp;order=asc">Name</a></th><th class="size"><a href="?sort=size&amp;order=asc">Size</a></th><th class="timestamp hideable"><a href="?sort=time&amp;order=asc">Modified</a></th></tr></thead><tbody>
<tr><td></td><td><a href=".."><span class="go-up">Up</span></a></td><td></td><td></td></tr>
${names.map((name) => `<tr class="file"><td></td><td><a href="./${name}"><span class="name">${name}</span></a></td><td class="size" data-size="527146">527 kB</td><td class="timestamp hideable"><time datetime="2024-03-14T09:15:40Z">03/14/2024 09:15:40 AM +00:00</time></td></tr>`).join('\n')}
</tbody></table></div></main><footer>Served with <a rel="noopener noreferrer" href="https://caddyserver.com">Caddy</a></footer></body></html>`,
  },
  'Go FileServer': {
    server: 'generic',
    listing: (_path, names) => `<!doctype html>
<meta name="viewport" content="width=device-width">
<pre>
${names.map((name) => `<a href="${name}">${name}</a>`).join('\n')}
</pre>`,
  },
  h5ai: {
    server: 'h5ai',
    listing: (path, names) => `<!DOCTYPE html><html class="no-js" lang="en"><head><meta charset="utf-8"><title>index - powered by h5ai v0.30.0 (https://larsjung.de/h5ai/)</title><link rel="stylesheet" href="/_h5ai/public/css/styles.css"></head><body class="index" id="h5ai-main">
<div id="fallback-hints"><span class="noJsMsg">Works best with JavaScript enabled!</span><span class="backlink"><a href="https://larsjung.de/h5ai/" title="h5ai v0.30.0">powered by h5ai</a></span></div>
<div id="fallback"><table><tr><th class="fb-i"></th><th class="fb-n"><span>Name</span></th><th class="fb-d"><span>Last modified</span></th><th class="fb-s"><span>Size</span></th></tr>
<tr><td class="fb-i"><img src="/_h5ai/public/images/fallback/folder-parent.png" alt="folder-parent"/></td><td class="fb-n"><a href="..">Parent Directory</a></td><td class="fb-d"></td><td class="fb-s"></td></tr>
${names.map((name) => `<tr><td class="fb-i"><img src="/_h5ai/public/images/fallback/file.png" alt="file"/></td><td class="fb-n"><a href="${path}${name}">${bare(name)}</a></td><td class="fb-d">2024-03-14 09:15</td><td class="fb-s">515 KB</td></tr>`).join('\n')}
</table></div></body></html>`,
  },
  HFS: {
    server: 'hfs',
    listing: (path, names) => `<html><head><title>HFS ${path}</title></head><body><div id="folder">${path}</div><a href="../">Go up</a><table>
${names.map((name) => `<tr><td><a href="${name}">${name}</a></td><td>514.8 KB</td><td>14.03.2024 09:15:40</td></tr>`).join('\n')}
</table></body></html>`,
  },
};

const DICOM_CD = ['DICOMDIR', 'IM000001', 'scan.dcm', '1.2.840.113619.2.55.3.604688119.969.1268071029.320/', 'PA000000/', 'IMG_2041.jpg', 'readme.txt'];
const HOLIDAY = ['IMG_2041.jpg', 'IMG_2042.jpg', 'holiday/', 'notes.txt', 'backup-2024.tar.gz'];

function indexOf(html: string, url = 'http://203.0.113.30/share/') {
  return recogniseDirectoryIndex(snapshotOfHtml(html, url));
}

describe('recogniseDirectoryIndex', () => {
  describe.each(Object.entries(FORMATS))('%s', (_name, { server, listing }) => {
    it(`recognises the listing as ${server} and counts DICOMDIR, IM000001, x.dcm, the UID folder and PA000000 as medical`, () => {
      const index = indexOf(listing('/share/', DICOM_CD));
      expect(index).toMatchObject({ server, medicalEntries: 5, patientNamedEntries: 0 });
      expect(index!.entries).toBeGreaterThanOrEqual(DICOM_CD.length);
    });

    it('recognises a listing of holiday photos, with no medical entries', () => {
      expect(indexOf(listing('/share/', HOLIDAY))).toMatchObject({ server, medicalEntries: 0, patientNamedEntries: 0 });
    });
  });

  describe('medical folders', () => {
    it('two folders named for studies or patients make a listing medical without any DICOM file', () => {
      const html = FORMATS.nginx!.listing('/archiv/', ['Patienten/', 'Untersuchungen/', 'Rechnungen/', 'Urlaub/']);
      expect(indexOf(html)).toMatchObject({ medicalEntries: 2 });
    });

    it.each([
      [['examens/', 'etudes/', 'factures/']],
      [['MRI_knee/', 'CT_thorax/']],
      [['dicom/', 'pacs/']],
    ])('%j make a listing medical', (names) => {
      expect(indexOf(FORMATS['Python http.server']!.listing('/', names))?.medicalEntries).toBe(names.filter((name) => name !== 'factures/').length);
    });

    it('one medical-sounding folder alone does not', () => {
      expect(indexOf(FORMATS.nginx!.listing('/share/', ['dicom/', 'invoices/', 'photos/']))?.medicalEntries).toBe(0);
    });

    it('a file (not a folder) named like a study does not count as a medical folder', () => {
      expect(indexOf(FORMATS.nginx!.listing('/share/', ['studies.txt', 'patients.csv']))?.medicalEntries).toBe(0);
    });
  });

  describe('patient-named folders', () => {
    const exports = ['DOE_JANE_19800131/', 'PATIENT_MUSTERMANN_MAX_19800131/', 'PAT_DUPONT_CLAIRE_1990-03-03/', 'backup/'];

    it('counts folders named after a person and a birth date in a medical listing', () => {
      expect(indexOf(FORMATS.Apache!.listing('/exports/', [...exports, 'DICOMDIR']))).toMatchObject({ patientNamedEntries: 3 });
    });

    it('counts the listed folder itself when its address is named after a patient', () => {
      const html = FORMATS['Python http.server']!.listing('/exports/DOE_JANE_19800131/', ['DICOMDIR', 'DICOM/', 'Befund.pdf']);
      expect(indexOf(html, 'http://203.0.113.30/exports/DOE_JANE_19800131/')).toMatchObject({ patientNamedEntries: 1 });
    });

    it('counts none when the listing is not medical', () => {
      const html = FORMATS.nginx!.listing('/exports/', ['DOE_JANE_19800131/', 'ROE_RICHARD_19751115/', 'notes.txt']);
      expect(indexOf(html)).toMatchObject({ medicalEntries: 0, patientNamedEntries: 0 });
    });

    it('does not take sequence-numbered or dated folders for patients', () => {
      const html = FORMATS.nginx!.listing('/exports/', ['STUDY_0001/', 'backup_2024_20240314/', 'DICOMDIR']);
      expect(indexOf(html)?.patientNamedEntries).toBe(0);
    });
  });

  describe('structure of generated listings, without a known title', () => {
    // Caddy at the top of a site: title "/", a breadcrumb to itself, sort links, no parent link,
    // one entry and a footer link to the Caddy site.
    const caddyRoot = (names: readonly string[], title = '/') => `<!DOCTYPE html><html><head><title>${title}</title></head><body><header><h1><a href="">/</a></h1></header>
<main><table><thead><tr><th></th><th><a href="?sort=name&amp;order=asc">Name</a></th><th><a href="?sort=size&amp;order=asc">Size</a></th></tr></thead><tbody>
${names.map((name) => `<tr class="file"><td></td><td><a href="./${name}"><span class="name">${name}</span></a></td><td>13 KiB</td></tr>`).join('\n')}
</tbody></table></main><footer>Served with <a href="https://caddyserver.com">Caddy</a></footer></body></html>`;

    it('a page titled with its own path and one self-named entry is a listing', () => {
      expect(indexOf(caddyRoot(['scan.dcm']), 'http://203.0.113.30/')).toMatchObject({ server: 'generic', entries: 1, medicalEntries: 1 });
    });

    it.each(['Export 2024', '/Export 2024/'])('a sub-folder titled %j (its name or path) is a listing; breadcrumbs to the folders above are not foreign links', (title) => {
      const html = caddyRoot(['IM000001'], title).replace('<a href="">/</a>', '<a href="/">/</a><a href="/Export%202024/">Export 2024</a>/');
      expect(indexOf(html, 'http://203.0.113.30/Export%202024/')).toMatchObject({ server: 'generic', entries: 1, medicalEntries: 1 });
    });

    it('sort links in the header make self-named entries a listing, with no title at all', () => {
      expect(indexOf(caddyRoot(['scan.dcm', 'notes.txt'], ''), 'http://203.0.113.30/files/')).toMatchObject({ server: 'generic', medicalEntries: 1 });
    });

    it('a page titled with a path or name other than its own is not a listing by that title', () => {
      const unsorted = caddyRoot(['scan.dcm', 'a.txt', 'b.txt']).replace(/<a href="\?sort=\w+&amp;order=asc">(\w+)<\/a>/g, '$1');
      expect(indexOf(unsorted, 'http://203.0.113.30/')).toMatchObject({ medicalEntries: 1 });
      expect(indexOf(unsorted, 'http://203.0.113.30/other/')).toBeNull();
      expect(indexOf(unsorted.replace('<title>/</title>', '<title>Other</title>'), 'http://203.0.113.30/other/')).toBeNull();
    });

    it('an own-path title does not make a page of foreign links a listing', () => {
      const html = `<html><head><title>/</title></head><body><a href="/news/">News</a> <a href="https://example.org/">Partner</a> <a href="https://example.net/">Shop</a> <a href="scan.dcm">scan.dcm</a></body></html>`;
      expect(indexOf(html, 'http://203.0.113.30/')).toBeNull();
    });
  });

  describe('pages that are not listings', () => {
    it('a news article with many links is not a listing', () => {
      const nav = [['/politics/', 'Politics'], ['/health/', 'Health'], ['/sport/', 'Sport'], ['/about', 'About us'], ['/contact', 'Contact'], ['/imprint', 'Imprint']];
      const html = `<html><head><title>Hospital image archive left open – City News</title></head><body><nav>${nav
        .map(([href, text]) => `<a href="${href}">${text}</a>`)
        .join(' ')}</nav><article><h1>Image archive left open</h1><p>The <a href="/tags/pacs/">PACS</a> server exposed <a href="/tags/dicom/">DICOM</a> images, among them <a href="/health/">files named DICOMDIR and IM000001</a>.</p>
<p>Share on <a href="https://social.example.net/share">social media</a> or <a href="mailto:tips@example.com">send us a tip</a>. <a href="/health/older-leak">Earlier report</a>.</p></article></body></html>`;
      expect(indexOf(html, 'https://news.example.com/health/radiology-leak')).toBeNull();
    });

    it('a site navigation menu is not a listing', () => {
      const html = `<html><head><title>Praxis Dr. Beispiel – Radiologie</title></head><body><nav><ul><li><a href="/">Start</a></li><li><a href="/radiologie/">Radiologie</a></li><li><a href="/mrt/">MRT</a></li><li><a href="/patienten/">Patienten</a></li><li><a href="/kontakt/">Kontakt</a></li></ul></nav><h1>Willkommen</h1><a href="#top">Nach oben</a></body></html>`;
      expect(indexOf(html, 'https://praxis.example.de/')).toBeNull();
    });

    // Self-named menu links plus a back-to-top "Up" link once passed as a generic listing with medical folders.
    it('a practice site whose menu links are written in lower case, with an "Up" link to the top, is not a listing', () => {
      const html = `<html><head><title>Praxis Dr. Beispiel</title></head><body><nav><a href="radiologie/">radiologie</a> <a href="patienten/">patienten</a> <a href="mrt/">mrt</a> <a href="kontakt/">kontakt</a></nav><h1>Willkommen</h1><a href="#top">Up</a></body></html>`;
      expect(indexOf(html, 'https://praxis.example.de/')).toBeNull();
    });

    it('an Orthanc Explorer patient list is not a listing', () => {
      const html = `<html><head><title>Orthanc Explorer</title></head><body><ul><li><a href="#patient?uuid=1"><h3>DOE^JANE</h3></a></li><li><a href="#patient?uuid=2"><h3>ROE^RICHARD</h3></a></li></ul></body></html>`;
      expect(indexOf(html, 'http://203.0.113.5:8042/app/explorer.html')).toBeNull();
    });

    it('a page titled "Index of patients\' rights" is not a listing', () => {
      const html = `<html><head><title>Index of patients' rights</title></head><body><h1>Your rights</h1><a href="/rights/access">Access to your records</a></body></html>`;
      expect(indexOf(html, 'https://hospital.example.org/rights')).toBeNull();
    });
  });
});

describe('isMedicalEntry', () => {
  it.each(['IM000001', 'IM_0001', 'I0000001', 'IMAGE0001', 'DICOMDIR', 'dicomdir', 'x.dcm', 'CT_0001.DCM', 'scan.dicom', 'export.osirixzip', '1.2.826.0.1.3680043.8.641.1.20240314.4471/', 'PA000000/', 'ST000001', 'SE000002/'])(
    '%s is medical',
    (name) => {
      expect(isMedicalEntry(name)).toBe(true);
    },
  );

  it.each(['IMG_2041.jpg', 'IM000001.png', 'report.pdf', 'DICOM/', 'v1.2.3/', '2024.03.14/', 'PA00/', 'PAGE0001', 'readme.txt', 'dcm.txt'])('%s is not medical', (name) => {
    expect(isMedicalEntry(name)).toBe(false);
  });
});

// Plain names are decided without parsing their address (a shortcut for speed): the answer must be what
// resolving the address says, for names that look plain and for every near miss a parser reads otherwise.
describe('isNavigationLink', () => {
  const pages = ['http://127.0.0.1:8080/studies/', 'http://127.0.0.1:8080/', 'http://127.0.0.1:8080/studies/scans', 'http://127.0.0.1:8080/a/b/index.html', 'file:///srv/dicom/', 'http://127.0.0.1:8080/studies/?C=N;O=D'];
  const hrefs = [
    'IM000001.dcm', 'SE000001/', 'DICOMDIR', '...', '.hidden', 'scans', 'scans/', 'index.html', 'b', 'studies', 'a',
    '.', './', '..', '../', '%2e%2e/', '.%2E', '%2E', 'a%2fb', 'x/../../', 'c:', 'C:/x', 'javascript:void(0)', '//elsewhere/',
    '\\..', '..\\', '\u0001..', '..\u0001', '\t..', '.\t.', 'a b', ' scans/ ', '?C=M;O=A', '#top', 'x?y', 'x#y', 'ü.dcm', '\u3002\u3002/',
  ];
  it.each(pages)('says what parsing the address says, on %s', (pageUrl) => {
    const page = new URL(pageUrl);
    for (const href of hrefs) expect([href, isNavigationLink({ href, text: href }, page)]).toEqual([href, isNavigationByParsing(href.trim(), page)]);
  });

  it('takes the plain names of a listing for entries, "../" and the page itself for navigation', () => {
    const page = new URL('http://127.0.0.1:8080/studies/');
    expect(['IM000001.dcm', 'SE000001/', '../', './', '/studies/', '/'].map((href) => isNavigationLink({ href, text: href }, page))).toEqual([false, false, true, true, true, true]);
  });
});
