// The reader against markup that clobbers the members it uses: form fields named after form methods,
// and layout tables that come before the study list. Real Chromium runs the same pages in
// tests/browser/hostile.test.ts; these pin the reader itself.

import { describe, expect, it } from 'vitest';
import { snapshotOfHtml } from './fixture-page.js';

const STUDY_TABLE = `<table><thead><tr><th>Patient Name</th><th>Patient ID</th><th>Birth date</th></tr></thead><tbody>
  <tr><td>DOE^JANE</td><td>PID0001</td><td>1980-01-31</td></tr>
  <tr><td>ROE^RICHARD</td><td>PID0002</td><td>1975-11-15</td></tr></tbody></table>`;

describe('the reader on clobbering markup', () => {
  it('reads a form whose fields are named getAttribute, elements, querySelector, action and method', () => {
    const snapshot = snapshotOfHtml(`<form action="/search" method="post"><input name="getAttribute"><input name="elements">
      <input name="querySelector"><input name="method"><input type="password" name="action"></form>`);
    expect(snapshot.forms).toHaveLength(1);
    const [form] = snapshot.forms;
    expect(form?.action).toBe('http://203.0.113.9/search');
    expect(form?.method).toBe('post');
    expect(form?.hasPasswordField).toBe(true);
    expect(form?.fieldNames).toEqual(['getattribute', 'elements', 'queryselector', 'method', 'action']);
  });

  it('keeps the study list when ten one-row navigation tables come first', () => {
    const nav = '<table><tr><td><a href="/">Home</a></td><td><a href="/search">Search</a></td><td>Help</td></tr></table>'.repeat(10);
    const snapshot = snapshotOfHtml(`<body>${nav}${STUDY_TABLE}</body>`);
    expect(snapshot.tables[0]?.headers).toEqual(['Patient Name', 'Patient ID', 'Birth date']);
    expect(snapshot.tables[0]?.rows).toHaveLength(2);
  });

  it('still reads one-row tables when there is nothing list-like', () => {
    const snapshot = snapshotOfHtml('<table><tr><td>Name:</td><td>DOE^JANE</td></tr></table>');
    expect(snapshot.tables).toHaveLength(1);
  });
});

describe('the reader on text of spaces', () => {
  it('leaves out text made only of white space of any kind, and keeps text with any other character', () => {
    // Every character JavaScript counts as white space (\s): tabs, line ends, no-break and wide spaces, BOM.
    const spaces = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
    for (const space of spaces) {
      expect(snapshotOfHtml(`<body><p>alpha</p><span>${space}${space}</span><p>beta</p></body>`).text, `U+${space.charCodeAt(0).toString(16)}`).toBe('alpha beta');
    }
    // A zero-width space and a soft hyphen are no white space: the node is text (nothing is left of it
    // but that character, and the sample keeps it).
    for (const other of ['\u200b', '\u00ad']) expect(snapshotOfHtml(`<body><p>alpha</p><span> ${other} </span><p>beta</p></body>`).text).toBe(`alpha ${other} beta`);
  });
});
