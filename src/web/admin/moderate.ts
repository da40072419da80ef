// moderate (admin): articles and stories as an editor sees them — hidden ones included —
// with the controls to hide or show, correct a headline or section, pin a story, give it a
// title, merge it into another or split articles off. Every control is a plain form.
import type { AuditEntry } from '../../store/admin.ts';
import type { StoryFlags } from '../../store/moderation.ts';
import type { Revision, StoredArticle } from '../../store/index.ts';
import { html, type Html } from '../html.ts';
import type { Site } from '../site.ts';
import { paths } from '../site.ts';
import type { Operator } from './auth.ts';
import { adminPage, csrfField, postButton, when, type AdminPageMeta } from './layout.ts';
import { auditTable, stateBadge } from './pages.ts';
import type { AdminArticleRow, AdminStoryRow } from './queries.ts';

function articleRows(rows: AdminArticleRow[], opts: { select?: boolean } = {}): Html {
  return html`<div class="adm-table-wrap"><table class="adm-table">
<thead><tr>${opts.select ? html`<th scope="col"><span class="vh">Choose</span></th>` : ''}<th scope="col">#</th><th scope="col">Headline</th><th scope="col">Outlet</th><th scope="col">Section</th><th scope="col">Story</th><th scope="col">Date</th><th scope="col">Shown</th></tr></thead>
<tbody>${rows.map(
    (a) => html`<tr${a.hidden ? html` class="adm-hidden-row"` : ''}>${
      opts.select ? html`<td><input type="checkbox" name="article" value="${a.id}" id="pick-${a.id}" aria-label="Split off article ${a.id}"></td>` : ''
    }<td class="num">${a.id}</td><td><a href="/admin/articles/${a.id}">${a.title ?? 'Untitled'}</a></td><td>${a.outlet ?? '—'}</td><td>${a.section ?? '—'}</td><td>${
      a.storyId != null ? html`<a href="/admin/stories/${a.storyId}">${a.storyId}</a>` : '—'
    }</td><td>${when(a.sortAt)}</td><td>${a.hidden ? stateBadge('warn', 'hidden') : 'yes'}</td></tr>`,
  )}</tbody></table></div>`;
}

export function articlesPage(site: Site, op: Operator, meta: AdminPageMeta, d: { rows: AdminArticleRow[]; q: string; hiddenOnly: boolean; sourceId: number | null; next: number | null }): string {
  const params = new URLSearchParams();
  if (d.hiddenOnly) params.set('hidden', '1');
  if (d.sourceId != null) params.set('source', String(d.sourceId));
  const main = html`<h1>Articles</h1>
<form class="filters" method="get" action="/admin/articles" role="search">
<label>Search <input type="search" name="q" value="${d.q}" placeholder="words, &quot;a phrase&quot;"></label>
${d.sourceId != null ? html`<input type="hidden" name="source" value="${d.sourceId}">` : ''}
<label class="adm-check"><span>Only hidden</span><input type="checkbox" name="hidden" value="1"${d.hiddenOnly ? html` checked` : ''}></label>
<button type="submit">Show</button>
</form>
${d.rows.length ? articleRows(d.rows) : html`<p>No articles match.</p>`}
${d.next ? html`<nav class="pager" aria-label="Pages"><span></span><a rel="next" href="/admin/articles?${params.toString()}${params.size ? '&' : ''}before=${d.next}">Older articles →</a></nav>` : ''}`;
  return adminPage(site, op, meta, main);
}

/** Where an article's section came from, in the operator's words. */
function sectionWhy(a: StoredArticle): string {
  const given = a.categories.length ? `: ${a.categories.join(', ')}` : '';
  switch (a.sectionReason) {
    case 'source': return "the source's section";
    case 'editor': return 'corrected here';
    case 'feed-category': return `from what the outlet files it under${given}`;
    case 'story': return 'where the other articles of its story are filed';
    case 'classifier': return 'guessed from its words (learnt from the articles whose section is known)';
    case 'lexicon': return 'guessed from keywords';
    case null: return a.categories.length ? `none of the outlet's categories names a section${given}` : 'none: nothing said where it belongs';
  }
}

export function articlePage(site: Site, op: Operator, meta: AdminPageMeta, a: StoredArticle, d: { revisions: Revision[]; audit: AuditEntry[]; overridden: { title: boolean; section: boolean } }): string {
  const main = html`<p><a href="/admin/articles">← Articles</a></p>
<h1>${a.title ?? 'Untitled'}</h1>
<p>${a.hidden ? stateBadge('warn', 'Hidden from the site and feeds') : stateBadge('ok', 'Shown')} · ${a.siteName ?? ''} · ${when(a.sortAt)} · ${
    a.storyId != null ? html`<a href="/admin/stories/${a.storyId}">story ${a.storyId}</a> · ` : ''
  }<a href="${a.url}">original</a>${a.hidden ? '' : html` · <a href="${paths.article(a.id, a.title)}">public page</a>`}</p>
<div class="adm-actions">
${a.hidden
  ? postButton(op, `/admin/articles/${a.id}/show`, 'Show again')
  : postButton(op, `/admin/articles/${a.id}/hide`, 'Hide article', { danger: true, confirm: 'Hide this article from the site, its feeds, search and the API?' })}
</div>
<h2>Correct</h2>
<form class="adm-form" method="post" action="/admin/articles/${a.id}">${csrfField(op)}
<label>Headline ${d.overridden.title ? html`<span class="adm-hint">corrected here; kept when the source updates the article</span>` : ''}<input type="text" name="title" required maxlength="300" value="${a.title ?? ''}"></label>
<label>Section <span class="adm-hint">${d.overridden.section ? 'corrected here' : sectionWhy(a)}</span><input type="text" name="section" maxlength="60" value="${a.section ?? ''}" list="adm-sections"></label>
<button type="submit">Save corrections</button>
</form>
${d.revisions.length > 1
  ? html`<h2>Revisions from the source</h2><ol>${d.revisions.map((r) => html`<li>${when(r.changedAt)}: ${r.title ?? 'untitled'}</li>`)}</ol>`
  : ''}
<h2>History</h2>
${auditTable(op, d.audit, true)}`;
  return adminPage(site, op, meta, main);
}

export function storiesPage(site: Site, op: Operator, meta: AdminPageMeta, d: { pinned: AdminStoryRow[]; recent: AdminStoryRow[]; flags: Map<number, StoryFlags> }): string {
  const table = (rows: AdminStoryRow[]) => html`<div class="adm-table-wrap"><table class="adm-table">
<thead><tr><th scope="col">#</th><th scope="col">Title</th><th scope="col" class="num">Articles</th><th scope="col" class="num">Outlets</th><th scope="col">Last update</th><th scope="col">State</th></tr></thead>
<tbody>${rows.map((s) => {
    const f = d.flags.get(s.id);
    const states = [f?.pinnedAt ? stateBadge('ok', 'pinned') : '', f?.hidden ? stateBadge('warn', 'hidden') : s.visible < s.articles ? html`${s.articles - s.visible} hidden` : ''];
    return html`<tr${f?.hidden ? html` class="adm-hidden-row"` : ''}><td class="num">${s.id}</td><td><a href="/admin/stories/${s.id}">${f?.title ?? s.title ?? 'Untitled'}</a></td><td class="num">${s.articles}</td><td class="num">${s.outlets}</td><td>${when(s.lastAt)}</td><td>${states}</td></tr>`;
  })}</tbody></table></div>`;
  const main = html`<h1>Stories</h1>
<form class="filters" method="get" action="/admin/stories/go"><label>Open story number <input type="number" name="id" min="1" required></label><button type="submit">Open</button></form>
${d.pinned.length ? html`<h2>Pinned on the home page</h2>${table(d.pinned)}` : ''}
<h2>Recently updated</h2>
${d.recent.length ? table(d.recent) : html`<p>No stories yet: they appear as articles are grouped.</p>`}`;
  return adminPage(site, op, meta, main);
}

export function storyPage(site: Site, op: Operator, meta: AdminPageMeta, d: { id: number; title: string | null; flags: StoryFlags | undefined; articles: AdminArticleRow[]; audit: AuditEntry[] }): string {
  const f = d.flags;
  const visible = d.articles.filter((a) => !a.hidden).length;
  const main = html`<p><a href="/admin/stories">← Stories</a></p>
<h1>${f?.title ?? d.title ?? `Story ${d.id}`}</h1>
<p>Story ${d.id} · ${d.articles.length} articles (${visible} shown) · ${f?.pinnedAt ? html`${stateBadge('ok', 'pinned')} since ${when(f.pinnedAt)} · ` : ''}${
    f?.hidden ? stateBadge('warn', 'hidden') : visible ? html`<a href="${paths.story(d.id, f?.title ?? d.title)}">public page</a>` : ''
  }</p>
<div class="adm-actions">
${f?.pinnedAt ? postButton(op, `/admin/stories/${d.id}/unpin`, 'Unpin') : postButton(op, `/admin/stories/${d.id}/pin`, 'Pin on the home page')}
${f?.hidden
  ? postButton(op, `/admin/stories/${d.id}/show`, 'Show the story again')
  : postButton(op, `/admin/stories/${d.id}/hide`, 'Hide the whole story', { danger: true, confirm: 'Hide every article of this story from the site, feeds, search and the API?' })}
</div>
<h2>Title</h2>
<form class="adm-form" method="post" action="/admin/stories/${d.id}/title">${csrfField(op)}
<label>Shown as <span class="adm-hint">empty: the most representative headline</span><input type="text" name="title" maxlength="300" value="${f?.title ?? ''}"></label>
<button type="submit">Save title</button></form>
<h2>Articles</h2>
<form method="post" action="/admin/stories/${d.id}/split" data-confirm="Move the chosen articles into a new story of their own?">${csrfField(op)}
${articleRows(d.articles, { select: true })}
<div class="adm-actions"><button type="submit" class="adm-btn">Split the chosen articles into a new story</button></div>
</form>
<h2>Merge</h2>
<form class="adm-form" method="post" action="/admin/stories/${d.id}/merge" data-confirm="Merge this story into the other one? Its address will redirect there.">${csrfField(op)}
<label>Merge this story into story number <input type="number" name="into" min="1" required></label>
<button type="submit">Merge</button></form>
<h2>History</h2>
${auditTable(op, d.audit, true)}`;
  return adminPage(site, op, meta, main);
}
