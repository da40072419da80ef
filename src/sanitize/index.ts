// PLACEHOLDER until the sanitizer lands: the agreed signature only.
import type { AnyNode } from '../extract/dom.ts';

export interface SanitizeOptions {
  /** Base URL for making links and image sources absolute. */
  baseUrl?: string | null;
}

/** Sanitizes an HTML string with the allow-list; returns safe HTML. */
export function sanitizeHtml(html: string, _opts: SanitizeOptions = {}): string {
  return html.replace(/<[^>]*>/g, '');
}

/** Sanitizes already-parsed nodes (not modified); returns safe HTML. */
export function sanitizeNodes(_nodes: AnyNode[], _opts: SanitizeOptions = {}): string {
  return '';
}
