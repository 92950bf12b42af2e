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
