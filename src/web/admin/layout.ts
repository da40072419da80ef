// layout (admin): the operator's page shell — navigation, the flash line after an action,
// and the small form pieces every admin page uses (CSRF field, one-button forms). Pages
// are never cached and never indexed. Same escaping `html` tag as the public site.
import { html, type Html, type HtmlValue } from '../html.ts';
import { ASSETS, type Site } from '../site.ts';
import { longDate } from '../text.ts';
import type { Operator } from './auth.ts';
import { ADMIN_ASSETS } from './assets.ts';

export interface AdminPageMeta {
  title: string;
  /** Which navigation entry is current. */
  nav?: 'home' | 'sources' | 'articles' | 'stories' | 'audit' | 'tokens';
  /** A line saying what just happened (after a redirect). */
  notice?: string | null;
  /** A problem with what the operator just sent. */
  error?: string | null;
}

const NAV: [NonNullable<AdminPageMeta['nav']>, string, string][] = [
  ['home', '/admin', 'Overview'],
  ['sources', '/admin/sources', 'Sources'],
  ['articles', '/admin/articles', 'Articles'],
  ['stories', '/admin/stories', 'Stories'],
  ['audit', '/admin/audit', 'Audit log'],
  ['tokens', '/admin/tokens', 'API tokens'],
];

/** The hidden field every admin form carries. */
export function csrfField(op: Operator): Html {
  return html`<input type="hidden" name="_csrf" value="${op.csrf ?? ''}">`;
}

/** A form that is one button (POST), with optional hidden fields and a confirmation prompt (admin.js). */
export function postButton(op: Operator, action: string, label: string, opts: { fields?: Record<string, string | number>; confirm?: string; danger?: boolean; quiet?: boolean } = {}): Html {
  const cls = opts.danger ? 'adm-btn adm-danger' : opts.quiet ? 'adm-btn adm-quiet' : 'adm-btn';
  return html`<form class="adm-inline" method="post" action="${action}"${opts.confirm ? html` data-confirm="${opts.confirm}"` : ''}>${csrfField(op)}${Object.entries(opts.fields ?? {}).map(
    ([k, v]) => html`<input type="hidden" name="${k}" value="${String(v)}">`,
  )}<button type="submit" class="${cls}">${label}</button></form>`;
}

/** A timestamp for operators: full date and time, machine-readable, localised by site.js. */
export function when(iso: string | null | undefined, none = '—'): Html {
  if (!iso) return html`${none}`;
  return html`<time datetime="${iso}" data-local>${longDate(iso)}</time>`;
}

/** The admin shell around `main`. `op` is null on the login page. */
export function adminPage(site: Site, op: Operator | null, meta: AdminPageMeta, main: HtmlValue): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${meta.title} — ${site.name} admin</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ASSETS.css.path}">
<link rel="stylesheet" href="${ADMIN_ASSETS.css.path}">
<script src="${ASSETS.js.path}" defer></script>
<script src="${ADMIN_ASSETS.js.path}" defer></script>
</head>
<body class="adm">
<a class="skip" href="#main">Skip to content</a>
<header class="site-header adm-header"><div class="wrap">
<a class="brand" href="/admin">${site.name} <span class="adm-tag">admin</span></a>
${op
  ? html`<div class="adm-who">Signed in as <strong>${op.actor}</strong> ${postButton(op, '/admin/logout', 'Sign out', { quiet: true })}</div>
<nav class="site-nav" aria-label="Admin"><ul>
${NAV.map(([key, href, label]) => html`<li><a href="${href}"${key === meta.nav ? html` aria-current="page"` : ''}>${label}</a></li>`)}
<li><a href="/">View site</a></li>
</ul></nav>`
  : ''}
</div></header>
<main id="main" class="wrap adm-main">
${meta.notice ? html`<p class="adm-notice" role="status">${meta.notice}</p>` : ''}
${meta.error ? html`<p class="adm-error" role="alert">${meta.error}</p>` : ''}
${main}
</main>
</body>
</html>
`.value;
}
