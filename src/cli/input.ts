// input: reads a page from a file (`.html`, or gzip-compressed `.html.gz`) or stdin, with
// a size cap so a huge or hostile file gives a clear error instead of exhausting memory.
import { readFile, stat } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

/** Largest page file (after decompression) we read; a news page is a few MB at most. */
export const MAX_PAGE_BYTES = 64 * 1024 * 1024;

/** A file that cannot be read as a page; the message names the file. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

const MB = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Reads a page file; gzip is recognised by its magic bytes (whatever the name). */
export async function readPageFile(file: string): Promise<Uint8Array> {
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new InputError(`${file}: not a regular file`);
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}: ${describeFsError(err)}`);
  }
  if (size > MAX_PAGE_BYTES) throw new InputError(`${file}: ${MB(size)} is larger than the ${MB(MAX_PAGE_BYTES)} page limit`);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new InputError(`${file}: ${describeFsError(err)}`);
  }
  return maybeGunzip(bytes, file);
}

/** Reads all of stdin as one page. */
export async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    total += b.length;
    if (total > MAX_PAGE_BYTES) throw new InputError(`stdin: more than ${MB(MAX_PAGE_BYTES)}, larger than the page limit`);
    chunks.push(b);
  }
  return maybeGunzip(Buffer.concat(chunks), 'stdin');
}

/** Decompresses gzip data (magic 1f 8b), capped at MAX_PAGE_BYTES; other bytes pass. */
export function maybeGunzip(bytes: Uint8Array, name: string): Uint8Array {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    if (name.endsWith('.gz') && bytes.length > 0) throw new InputError(`${name}: named .gz but is not gzip data`);
    return bytes;
  }
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_PAGE_BYTES });
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (e.code === 'ERR_BUFFER_TOO_LARGE') throw new InputError(`${name}: decompresses to more than ${MB(MAX_PAGE_BYTES)}, larger than the page limit`);
    throw new InputError(`${name}: corrupt gzip data (${e.message ?? String(err)})`);
  }
}

function describeFsError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (e.code === 'ENOENT') return 'no such file';
  if (e.code === 'EACCES') return 'permission denied';
  if (e.code === 'EISDIR') return 'is a directory';
  return e.message ?? String(err);
}
