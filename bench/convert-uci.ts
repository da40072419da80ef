// convert-uci: the UCI News Aggregator dev sample (raw headlines, March 2014) in timestamp
// order, as bench JSON lines: title, publisher as source, story and category labels.
//
//   node --import tsx bench/convert-uci.ts [OUT]   (default .bench/uci-dev.jsonl)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OUT_DIR, STORIES_CORPUS, toJsonl, type BenchDoc } from './lib/stories-sets.ts';

const FILE = path.join(STORIES_CORPUS, 'uci-dev', 'uci-dev.csv');

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

export function convertUci(): BenchDoc[] {
  const [header, ...rows] = parseCsv(readFileSync(FILE, 'utf8'));
  if (!header) throw new Error(`${FILE} is empty`);
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${FILE}: no ${name} column (have ${header.join(', ')})`);
    return i;
  };
  const [ID, TITLE, PUBLISHER, CATEGORY, STORY, TIMESTAMP] = ['ID', 'TITLE', 'PUBLISHER', 'CATEGORY', 'STORY', 'TIMESTAMP'].map(col) as [number, number, number, number, number, number];
  const docs = rows.map((r) => ({
    ms: Number(r[TIMESTAMP]),
    doc: {
      id: r[ID]!, title: r[TITLE]!, source: r[PUBLISHER]!, category: r[CATEGORY]!, story: r[STORY]!,
      publishedAt: new Date(Number(r[TIMESTAMP])).toISOString(),
    } satisfies BenchDoc,
  }));
  // Stable sort: equal timestamps keep file order.
  docs.sort((a, b) => a.ms - b.ms);
  return docs.map((d) => d.doc);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(FILE)) {
    console.error(`no UCI dev set at ${FILE}: put the shared corpus beside the project (../shared)`);
    process.exit(1);
  }
  const out = process.argv[2] ?? path.join(OUT_DIR, 'uci-dev.jsonl');
  mkdirSync(path.dirname(out), { recursive: true });
  const docs = convertUci();
  writeFileSync(out, toJsonl(docs));
  console.log(`wrote ${docs.length} documents to ${out}`);
}
