// fetch/body: reads one response body, decompressing as it streams (gzip, deflate, br)
// and counting bytes *after* decompression, so a 10 KB gzip bomb that would inflate to
// gigabytes stops at the cap after a few chunks. Backpressure is kept all the way: the
// server can push only as much as the socket buffers hold before we stop reading.
import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw, constants as zlibConstants } from 'node:zlib';
import { FetchError } from './errors.ts';

export interface BodyLimits {
  url: string;
  maxBytes: number;
  /** Return the first maxBytes instead of failing (robots.txt: the rest is ignored). */
  truncate?: boolean;
}

/** Codings we undo, as named in Content-Encoding. */
const CODINGS = new Set(['gzip', 'x-gzip', 'deflate', 'br', 'identity']);

/** zlib flush that tolerates a body cut short at the end (many servers do that). */
const LENIENT = { finishFlush: zlibConstants.Z_SYNC_FLUSH };

/**
 * Reads `res` to the end through the decoders its Content-Encoding asks for. Throws
 * FetchError 'too-large' past `maxBytes` (unless truncating), 'bad-encoding' for an
 * unknown coding or a corrupt stream, or whatever error the response was destroyed with
 * (timeouts and aborts destroy it with their own FetchError).
 */
export async function readBody(res: IncomingMessage, limits: BodyLimits): Promise<Uint8Array> {
  const { url, maxBytes } = limits;
  const codings = (res.headers['content-encoding'] ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity');
  const unknown = codings.find((c) => !CODINGS.has(c));
  if (unknown) {
    res.destroy();
    throw new FetchError('bad-encoding', url, `${url}: the server used Content-Encoding "${unknown}", which Newsdesk cannot decode (it asks for gzip, deflate or br)`);
  }
  const declared = Number(res.headers['content-length']);
  if (!codings.length && !limits.truncate && Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw tooLarge(url, maxBytes);
  }

  // Decoders in the order the codings must be undone: the last one applied comes off first.
  const decoders: Transform[] = [];
  for (const [i, coding] of [...codings].reverse().entries()) {
    if (coding === 'br') decoders.push(createBrotliDecompress());
    else if (coding === 'deflate') {
      // "deflate" should be zlib-wrapped, but some servers send raw deflate. Peek at the
      // first bytes when this is the outermost coding; inner ones are taken as specified.
      const raw = i === 0 ? isRawDeflate(await peek(res)) : false;
      decoders.push(raw ? createInflateRaw(LENIENT) : createInflate(LENIENT));
    } else decoders.push(createGunzip(LENIENT));
  }

  const chunks: Buffer[] = [];
  let total = 0;
  let truncated = false;
  // The cap's own error; pipeline may report it wrapped in an AbortError from a decoder.
  let capError: FetchError | null = null;
  const collect = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      if (total + chunk.byteLength > maxBytes) {
        if (!limits.truncate) throw (capError = tooLarge(url, maxBytes));
        chunks.push(chunk.subarray(0, maxBytes - total));
        total = maxBytes;
        truncated = true;
        return;
      }
      total += chunk.byteLength;
      chunks.push(chunk);
    }
  };
  try {
    // pipeline's typings have no overload for a variable number of transforms.
    await (pipeline as (...streams: unknown[]) => Promise<void>)(res, ...decoders, collect);
  } catch (err) {
    if (truncated) return join(chunks, total);
    throw capError ?? bodyError(err, url);
  }
  if (truncated) res.destroy();
  return join(chunks, total);
}

function join(chunks: Buffer[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** The first chunk of a stream, put back so the pipeline still reads it (null at EOF). */
async function peek(stream: IncomingMessage): Promise<Buffer | null> {
  for (;;) {
    const chunk = stream.read() as Buffer | null;
    if (chunk !== null) {
      stream.unshift(chunk);
      return chunk;
    }
    if (stream.readableEnded || stream.destroyed) return null;
    const ac = new AbortController();
    try {
      await Promise.race([once(stream, 'readable', { signal: ac.signal }), once(stream, 'end', { signal: ac.signal }), once(stream, 'close', { signal: ac.signal })]);
    } finally {
      ac.abort();
    }
    if (stream.errored) throw stream.errored;
    if (stream.readableEnded || (stream.destroyed && stream.readableLength === 0)) return null;
  }
}

/** A zlib header is CMF/FLG with method 8 and a checksum multiple of 31 (RFC 1950). */
function isRawDeflate(head: Buffer | null): boolean {
  if (!head || head.length < 2) return false;
  const cmf = head[0]!;
  const flg = head[1]!;
  return !((cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0);
}

function tooLarge(url: string, maxBytes: number): FetchError {
  const mib = maxBytes / 1024 / 1024;
  const size = mib >= 1 ? `${Math.round(mib * 10) / 10} MiB` : `${Math.round(maxBytes / 1024)} KiB`;
  return new FetchError('too-large', url, `${url}: body larger than ${size} (counted after decompression), not fetched; raise fetch.maxBytes if this source is legitimately that big`);
}

/** Turns a pipeline failure into a FetchError that says what went wrong. */
function bodyError(err: unknown, url: string): FetchError {
  if (err instanceof FetchError) return err;
  const e = err as { code?: string; message?: string; cause?: unknown };
  if (e.cause instanceof FetchError) return e.cause;
  if (typeof e.code === 'string' && e.code.startsWith('Z_')) {
    return new FetchError('bad-encoding', url, `${url}: the compressed body is corrupt (${e.message ?? e.code})`, { cause: err });
  }
  if (e.code === 'ERR_STREAM_PREMATURE_CLOSE' || e.code === 'ECONNRESET' || e.message === 'aborted') {
    return new FetchError('network', url, `${url}: the server closed the connection before the body was complete; try again later`, { cause: err });
  }
  return new FetchError('network', url, `${url}: ${e.code ?? e.message ?? String(err)} while reading the body`, { cause: err });
}
