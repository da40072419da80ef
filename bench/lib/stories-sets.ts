// stories-sets: where the shared story sets live and the JSON-lines document format the
// stories benchmark reads ({id, title, text, publishedAt, source, story, category, group}).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const STORIES_CORPUS = path.join(SHARED, 'corpus', 'stories');
export const EXTRACTION_CORPUS = path.join(SHARED, 'corpus', 'extraction');
export const OUT_DIR = path.join(ROOT, '.bench');

/** One benchmark document; every field but `id` may be absent. */
export interface BenchDoc {
  id: string;
  title?: string;
  text?: string;
  publishedAt?: string;
  source?: string;
  /** Gold story label. */
  story?: string;
  /** Gold category label. */
  category?: string;
  /** Gold duplicate-group label (documents with the same group are copies of one text). */
  group?: string;
}

/** Reads a JSON-lines file of BenchDoc, telling which line is wrong if one is. */
export function readJsonl(file: string): BenchDoc[] {
  const out: BenchDoc[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch (err) {
      throw new Error(`${file}:${i + 1}: not JSON (${(err as Error).message}); each line must be one document object`);
    }
    if (typeof doc !== 'object' || doc === null) throw new Error(`${file}:${i + 1}: expected a JSON object`);
    const d = doc as Record<string, unknown>;
    const str = (k: string) => (d[k] === undefined || d[k] === null ? undefined : String(d[k]));
    const bd: BenchDoc = { id: str('id') ?? String(i + 1) };
    for (const k of ['title', 'text', 'publishedAt', 'source', 'story', 'category', 'group'] as const) {
      const v = str(k);
      if (v !== undefined) bd[k] = v;
    }
    out.push(bd);
  });
  return out;
}

export function toJsonl(docs: BenchDoc[]): string {
  return docs.map((d) => JSON.stringify(d)).join('\n') + '\n';
}
