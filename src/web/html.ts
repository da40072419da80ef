// html: the site's template primitive — a tagged template that escapes every interpolated
// value unless it is already `Html`. Pages are built from these values, so third-party text
// (headlines, bylines, excerpts, outlet names) can only reach a page escaped. The two ways
// to put markup in unescaped are `raw()` (grep for it: each call is a trust decision) and
// nesting another `html` value.

/** A piece of markup that is safe to print as is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may be interpolated: text (escaped), numbers, markup, lists of those; nothing for null/false. */
export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const NEEDS_ESCAPE = /[&<>"']/;
const ESCAPE_ALL = /[&<>"']/g;

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  // Most strings need nothing: skip the replace (pages print thousands of short strings).
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPE_ALL, (c) => ESCAPES[c]!) : text;
}

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.value;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return escapeHtml(v);
  let out = '';
  for (const item of v) out += render(item);
  return out;
}

/** The template tag: `html\`<p>${text}</p>\`` escapes `text`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/**
 * Marks a string as trusted markup. Only for HTML that went through the sanitizer (stored
 * article bodies), the store's search snippets (escaped text with <mark>), and markup this
 * module's callers built themselves.
 */
export function raw(markup: string): Html {
  return new Html(markup);
}

/** Joins markup pieces with a separator (itself escaped when it is text). */
export function join(items: readonly HtmlValue[], separator: HtmlValue = ''): Html {
  const sep = render(separator);
  return new Html(items.map(render).join(sep));
}

/**
 * JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` are written as
 * \u escapes so no string in the data can close the element or open a comment.
 */
export function jsonForScript(data: unknown): Html {
  return new Html(
    JSON.stringify(data)
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e')
      .replace(/&/g, '\\u0026')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029'),
  );
}
