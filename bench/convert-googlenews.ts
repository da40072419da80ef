// convert-googlenews: Google News (Yin & Wang 2014) title+snippet documents in the MStream
// stream order, as bench JSON lines. `mstream_News-T.jsonl`'s `Id` is the 1-based line of
// the document in `gsdmm_TS.jsonl`/`gsdmm_T.jsonl`; the title comes from gsdmm_T and the
// text is the snippet after it (the TS text starts with the title's words).
// The set has no times or outlets: documents carry neither.
//
//   node --import tsx bench/convert-googlenews.ts [OUT]   (default .bench/googlenews-ts.jsonl)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OUT_DIR, STORIES_CORPUS, toJsonl, type BenchDoc } from './lib/stories-sets.ts';

const DIR = path.join(STORIES_CORPUS, 'googlenews');

function lines(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
}

export function convertGoogleNews(): BenchDoc[] {
  const ts = lines(path.join(DIR, 'gsdmm_TS.jsonl'));
  const t = lines(path.join(DIR, 'gsdmm_T.jsonl'));
  const order = lines(path.join(DIR, 'mstream_News-T.jsonl'));
  return order.map((o) => {
    const i = Number(o.Id) - 1;
    const full = ts[i];
    const title = t[i];
    if (!full || !title) throw new Error(`mstream Id ${String(o.Id)} has no line in gsdmm_TS.jsonl: the files do not match`);
    if (full.cluster !== o.clusterNo) throw new Error(`mstream Id ${String(o.Id)}: cluster ${String(o.clusterNo)} ≠ ${String(full.cluster)}; the files do not match`);
    const titleText = String(title.text);
    const fullText = String(full.text);
    const text = fullText.startsWith(titleText) ? fullText.slice(titleText.length).trim() : fullText;
    return { id: String(o.Id), title: titleText, text, story: String(full.cluster) };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(DIR)) {
    console.error(`no Google News set at ${DIR}: put the shared corpus beside the project (../shared)`);
    process.exit(1);
  }
  const out = process.argv[2] ?? path.join(OUT_DIR, 'googlenews-ts.jsonl');
  mkdirSync(path.dirname(out), { recursive: true });
  const docs = convertGoogleNews();
  writeFileSync(out, toJsonl(docs));
  console.log(`wrote ${docs.length} documents to ${out}`);
}
