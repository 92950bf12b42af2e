// The demo portal of scripts/demo-portal (an open study list over plain HTTP, invented patients), served on
// 127.0.0.1 the way `npm start` shows it: the page, its script, and the JSON it loads after the page.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunningServer } from './ports.js';
import { startHttpServer } from './static-https.js';

const DEMO_PORTAL_DIR = resolve(import.meta.dirname, '../../../scripts/demo-portal');

export function startDemoPortal(): Promise<RunningServer> {
  const file = (name: string): string => readFileSync(join(DEMO_PORTAL_DIR, name), 'utf8');
  return startHttpServer({
    '/': file('index.html'),
    '/study-list.js': { body: file('study-list.js'), contentType: 'text/javascript; charset=utf-8' },
    '/studies.json': { body: file('studies.json'), contentType: 'application/json' },
  });
}
