// pages (admin): sign-in, the overview, the audit log and API tokens. Each page is a pure
// function of what the route handler read, returning the page's HTML.
import type { AuditEntry, ApiToken } from '../../store/admin.ts';
import type { StoreStats } from '../../store/index.ts';
import type { SourceHealthOverviewRow } from '../../store/health.ts';
import { html, type Html } from '../html.ts';
import type { Site } from '../site.ts';
import type { Operator } from './auth.ts';
import { UNDOABLE } from './actions.ts';
import { renderHealthOverviewRows } from './health-view.ts';
import { adminPage, csrfField, postButton, when, type AdminPageMeta } from './layout.ts';

export function loginPage(site: Site, csrf: string, opts: { next: string; username?: string; error?: string | null; noAccount?: boolean }): string {
  const main = html`<div class="adm-login">
<h1>Sign in</h1>
${opts.noAccount
  ? html`<p class="adm-error" role="alert">No admin account exists yet. On the server, run <code>npx newsdesk admin set-password</code>, then sign in here.</p>`
  : ''}
<form class="adm-form" method="post" action="/admin/login">
<input type="hidden" name="_csrf" value="${csrf}">
<input type="hidden" name="next" value="${opts.next}">
<label>User name <input type="text" name="username" autocomplete="username" required value="${opts.username ?? 'admin'}"></label>
<label>Password <input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form></div>`;
  return adminPage(site, null, { title: 'Sign in', error: opts.error }, main);
}

/** A one-word state with its colour class (the word carries the meaning, not the colour). */
export function stateBadge(kind: 'ok' | 'warn' | 'bad', text: string): Html {
  return html`<span class="adm-state adm-state-${kind}">${text}</span>`;
}

export function overviewPage(site: Site, op: Operator, meta: AdminPageMeta, d: { stats: StoreStats; health: SourceHealthOverviewRow[]; audit: AuditEntry[] }): string {
  const failing = d.health.filter((h) => h.degraded || h.state === 'gone' || h.consecutiveErrors > 0);
  const main = html`<h1>Overview</h1>
<ul class="adm-cards">
<li><strong>${d.stats.sources}</strong> sources</li>
<li><strong>${d.stats.articles}</strong> articles</li>
<li><strong>${d.stats.stories}</strong> stories</li>
<li><strong>${d.stats.jobsPending}</strong> jobs waiting</li>
<li><strong>${d.stats.errors}</strong> fetch errors</li>
</ul>
<h2>Sources needing attention</h2>
${failing.length
  ? healthTable(failing)
  : html`<p>All ${d.health.length} sources are polling and extracting normally. <a href="/admin/sources">See every source</a>.</p>`}
<h2>Recent actions</h2>
${auditTable(op, d.audit, false)}
<p><a href="/admin/audit">The whole audit log</a></p>`;
  return adminPage(site, op, meta, main);
}

export function healthTable(rows: SourceHealthOverviewRow[]): Html {
  return html`<div class="adm-table-wrap"><table class="adm-table adm-health-list">
<thead><tr><th scope="col">Source</th><th scope="col">State</th><th scope="col">Last poll</th><th scope="col" class="num"><abbr title="articles per day, last 7 days">Per day</abbr></th><th scope="col" class="num">Fetch errors</th><th scope="col" class="num">Extraction</th><th scope="col">Last 30 days</th></tr></thead>
<tbody>${renderHealthOverviewRows(rows)}</tbody></table></div>`;
}

function describeAudit(e: AuditEntry): string {
  const d = e.detail;
  switch (e.action) {
    case 'story.merge':
      return `merged into story ${String(d.into)} (${Array.isArray(d.moved) ? d.moved.length : 0} articles)`;
    case 'story.split':
      return `split ${Array.isArray(d.moved) ? d.moved.length : 0} articles off into story ${String(d.newStory)}`;
    case 'article.correct': {
      const a = d.after as { title?: string; section?: string } | undefined;
      return [a?.title !== undefined ? `headline → “${a.title}”` : '', a?.section !== undefined ? `section → ${a.section}` : ''].filter(Boolean).join('; ');
    }
    case 'story.title':
      return d.after ? `title → “${String(d.after)}”` : 'title restored';
    case 'source.edit':
    case 'source.pause':
    case 'source.resume':
      return Object.keys((d.changed as object) ?? {}).join(', ');
    case 'source.add':
    case 'source.remove':
      return String(d.url ?? '');
    case 'source.import':
      return `${String(d.added)} of ${String(d.total)} feeds added`;
    case 'undo':
      return `undid #${String(d.entry)} (${String(d.action)})`;
    case 'token.create':
    case 'token.revoke':
      return String(d.name ?? '');
    default:
      return typeof d.articles === 'number' ? `${d.articles} articles` : '';
  }
}

function targetLink(e: AuditEntry): Html {
  if (!e.targetId) return html`${e.targetType}`;
  const href = e.targetType === 'source' ? `/admin/sources/${e.targetId}` : e.targetType === 'article' ? `/admin/articles/${e.targetId}` : e.targetType === 'story' ? `/admin/stories/${e.targetId}` : null;
  return href ? html`<a href="${href}">${e.targetType} #${e.targetId}</a>` : html`${e.targetType} #${e.targetId}`;
}

export function auditTable(op: Operator, entries: AuditEntry[], withUndo: boolean): Html {
  if (entries.length === 0) return html`<p>Nothing yet.</p>`;
  return html`<div class="adm-table-wrap"><table class="adm-table">
<thead><tr><th scope="col">#</th><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">On</th><th scope="col">Details</th>${withUndo ? html`<th scope="col"><span class="vh">Undo</span></th>` : ''}</tr></thead>
<tbody>${entries.map(
    (e) => html`<tr><td class="num">${e.id}</td><td>${when(e.at)}</td><td>${e.actor}</td><td>${e.action}</td><td>${targetLink(e)}</td><td>${describeAudit(e)}${
      e.undoneAt ? html`<br><span class="muted">undone by ${e.undoneBy} ${when(e.undoneAt)}</span>` : ''
    }</td>${withUndo ? html`<td>${!e.undoneAt && UNDOABLE[e.action] ? postButton(op, `/admin/audit/${e.id}/undo`, 'Undo', { quiet: true, confirm: `Undo: ${UNDOABLE[e.action]}?` }) : ''}</td>` : ''}</tr>`,
  )}</tbody></table></div>`;
}

export function auditPage(site: Site, op: Operator, meta: AdminPageMeta, entries: AuditEntry[], next: number | null): string {
  const main = html`<h1>Audit log</h1>
<p>Every change made here or through the write API, newest first. Moderation can be undone; an undo is logged too.</p>
${auditTable(op, entries, true)}
${next ? html`<nav class="pager" aria-label="Pages"><span></span><a rel="next" href="/admin/audit?before=${next}">Older entries →</a></nav>` : ''}`;
  return adminPage(site, op, meta, main);
}

export function tokensPage(site: Site, op: Operator, meta: AdminPageMeta, tokens: ApiToken[], created: string | null): string {
  const main = html`<h1>API tokens</h1>
<p>A token lets a program use the write API (<code>Authorization: Bearer …</code>): add and change sources, moderate articles and stories. It acts with your rights; its actions are logged under its name.</p>
${created
  ? html`<div class="adm-preview" role="status"><p><strong>Your new token — copy it now, it is not shown again:</strong></p><p class="adm-token">${created}</p></div>`
  : ''}
<form class="adm-form" method="post" action="/admin/tokens">${csrfField(op)}
<label>Name <span class="adm-hint">what uses it, e.g. “newsroom CMS”</span><input type="text" name="name" required maxlength="80"></label>
<button type="submit">Create token</button></form>
${tokens.length
  ? html`<div class="adm-table-wrap"><table class="adm-table"><thead><tr><th scope="col">Name</th><th scope="col">Ends in</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">State</th><th scope="col"><span class="vh">Revoke</span></th></tr></thead>
<tbody>${tokens.map(
      (t) => html`<tr><td>${t.name}</td><td><code>…${t.hint}</code></td><td>${when(t.createdAt)} by ${t.createdBy}</td><td>${when(t.lastUsedAt, 'never')}</td><td>${
        t.revokedAt ? html`revoked ${when(t.revokedAt)}` : stateBadge('ok', 'active')
      }</td><td>${t.revokedAt ? '' : postButton(op, `/admin/tokens/${t.id}/revoke`, 'Revoke', { danger: true, confirm: `Revoke the token “${t.name}”? Programs using it stop working.` })}</td></tr>`,
    )}</tbody></table></div>`
  : html`<p>No tokens yet.</p>`}`;
  return adminPage(site, op, meta, main);
}
