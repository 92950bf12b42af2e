// Generated pages for the benchmark, of about N elements each: an ordinary article, a study list of
// patients (invented), and a web server's directory listing of DICOM files.

export type PageKind = 'article' | 'study-list' | 'directory-listing';

const WORDS = ['the', 'city', 'council', 'met', 'on', 'tuesday', 'to', 'discuss', 'new', 'bike', 'lanes', 'and', 'a', 'park'];

function sentence(seed: number): string {
  return Array.from({ length: 12 }, (_, index) => WORDS[(seed * 7 + index * 3) % WORDS.length]).join(' ');
}

/** About `elements` elements: paragraphs of text with links, as a news site has. */
export function article(elements: number): string {
  const paragraphs = Math.max(1, Math.floor(elements / 3));
  const body = Array.from({ length: paragraphs }, (_, index) => `<p>${sentence(index)} <a href="/story/${index}">more</a> <em>${index}</em></p>`).join('\n');
  return `<!doctype html><html lang="en"><head><title>City news</title></head><body><article><h1>City news</h1>${body}</article></body></html>`;
}

/** About `elements` elements: a study list table, 9 elements per patient row. */
export function studyList(elements: number): string {
  const rows = Math.max(1, Math.floor(elements / 9));
  const body = Array.from(
    { length: rows },
    (_, index) =>
      `<tr><td>TESTPERSON^PATIENT${index}</td><td>BENCH-${index}</td><td>19${String(50 + (index % 50)).padStart(2, '0')}0101</td><td>20240105</td><td>CT</td><td>ACC${index}</td><td>CT HEAD</td></tr>`,
  ).join('\n');
  return `<!doctype html><html lang="en"><head><title>Study list</title></head><body><h1>Study list</h1><table><thead><tr><th>Patient Name</th><th>Patient ID</th><th>Birth Date</th><th>Study Date</th><th>Modality</th><th>Accession</th><th>Description</th></tr></thead><tbody>${body}</tbody></table></body></html>`;
}

/** About `elements` elements: nginx's autoindex format over DICOM files, 1 element per file. */
export function directoryListing(elements: number): string {
  const files = Math.max(1, elements - 8);
  const lines = Array.from({ length: files }, (_, index) => `<a href="IM${String(index).padStart(6, '0')}.dcm">IM${String(index).padStart(6, '0')}.dcm</a>    05-Jan-2024 10:00    524288`).join('\n');
  return `<html><head><title>Index of /studies/</title></head><body><h1>Index of /studies/</h1><hr><pre><a href="../">../</a>\n${lines}\n</pre><hr></body></html>`;
}

export const PAGE_KINDS: Record<PageKind, (elements: number) => string> = {
  article,
  'study-list': studyList,
  'directory-listing': directoryListing,
};

/** A viewer that appends `rows` study rows over about `durationMs`, as study lists do while loading. */
export function liveViewer(rows: number, durationMs: number): string {
  const batches = 200;
  const perBatch = Math.ceil(rows / batches);
  const interval = Math.max(1, Math.round(durationMs / batches));
  return `<!doctype html><html lang="en"><head><title>Study list</title></head><body><h1>Study list</h1>
<table><thead><tr><th>Patient Name</th><th>Patient ID</th><th>Birth Date</th><th>Study Date</th></tr></thead><tbody id="rows"></tbody></table>
<script>
let added = 0;
const body = document.getElementById('rows');
const timer = setInterval(() => {
  for (let i = 0; i < ${perBatch} && added < ${rows}; i++, added++) {
    const row = document.createElement('tr');
    for (const value of ['TESTPERSON^LIVE' + added, 'LIVE-' + added, '19800101', '20240105']) {
      const cell = document.createElement('td');
      cell.textContent = value;
      row.append(cell);
    }
    body.append(row);
  }
  if (added >= ${rows}) { clearInterval(timer); document.title = 'Study list (loaded)'; }
}, ${interval});
</script></body></html>`;
}

/**
 * The changing article: the article with a headline at its top that the page rewrites every `everyMs` for
 * `durationMs`, as news tickers, adverts and clocks do on ordinary pages: what watching a page that is not
 * medical costs while it keeps changing. Its samples wait `settleMs` after the load: the gate's last look
 * comes up to 2 s after the one before (src/content/gate-watch.ts).
 */
export const CHANGING_ARTICLE = { everyMs: 50, durationMs: 3_000, settleMs: 5_000 } as const;

export function changingArticle(elements: number, { everyMs, durationMs } = CHANGING_ARTICLE): string {
  const ticker = `<p id="ticker">Headline</p><script>
let changes = 0;
const ticker = document.getElementById('ticker');
const timer = setInterval(() => {
  ticker.textContent = 'Headline ' + ++changes;
  if (changes * ${everyMs} >= ${durationMs}) clearInterval(timer);
}, ${everyMs});
</script>`;
  return article(elements).replace('<article>', `<article>${ticker}`);
}
