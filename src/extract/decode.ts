// PLACEHOLDER until the decoder lands: the agreed signature only.

/** Decodes page bytes to text the WHATWG way; reports the encoding used. */
export function decodeHtml(bytes: Uint8Array, _contentType?: string | null): { text: string; encoding: string } {
  return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
}
