// sources (admin): the source list with its health at a glance, adding a source with a
// preview of what it gives, and one source's page — its health over 30 days, its settings,
// pause/resume/remove. Form fields map to the store's NewSource/SourcePatch here, with the
// operator's mistakes returned as messages.
import type { SourcePreview } from '../../jobs/preview.ts';
import type { SourceHealthOverviewRow, SourceHealthReport } from '../../store/health.ts';
import type { ExtractionRule, NewSource, Source, SourcePatch } from '../../store/index.ts';
import { html, raw, type Html } from '../html.ts';
import type { Site } from '../site.ts';
import { paths } from '../site.ts';
import type { Operator } from './auth.ts';
import { ActionError } from './actions.ts';
import { renderSourceHealth } from './health-view.ts';
import { adminPage, csrfField, postButton, when, type AdminPageMeta } from './layout.ts';
import { healthTable } from './pages.ts';

/** The form's fields, as typed (strings), so a failed submit shows them again. */
export type SourceForm = Partial<Record<'url' | 'kind' | 'name' | 'section' | 'mode' | 'pattern' | 'minMinutes' | 'maxMinutes' | 'ruleBody' | 'ruleRemove' | 'feedContent', string>>;

export function sourcesPage(site: Site, op: Operator, meta: AdminPageMeta, rows: SourceHealthOverviewRow[], canPreview: boolean): string {
  const main = html`<h1>Sources</h1>
<h2>Follow a new source</h2>
<form class="adm-form" method="get" action="/admin/sources/new">
<label>Address <span class="adm-hint">a feed, a news sitemap, or a page that names its feed (it is found for you)</span>
<input type="url" name="url" required placeholder="https://example.org/news/"></label>
<label>Article link pattern <span class="adm-hint">only to follow a section page that has no feed: a regular expression its article links match</span>
<input type="text" name="pattern" placeholder="/news/\\d{4}/"></label>
<button type="submit">${canPreview ? 'Preview' : 'Continue'}</button>
</form>
<h2>Every source (${rows.length})</h2>
${rows.length ? healthTable(rows) : html`<p>No sources yet.</p>`}
<h2>OPML</h2>
<div class="adm-actions"><a class="adm-btn button" href="/admin/sources.opml" download>Export all sources as OPML</a></div>
<form class="adm-form" method="post" action="/admin/sources/import" enctype="multipart/form-data">${csrfField(op)}
<label>Import an OPML list <span class="adm-hint">every feed in it is followed; nested outlines become sections</span><input type="file" name="opml" accept=".opml,.xml,text/xml,application/xml" required></label>
<button type="submit">Import</button></form>`;
  return adminPage(site, op, meta, main);
}

function settingsFields(f: SourceForm, withUrl: boolean): Html {
  return html`${withUrl ? html`<label>Address <input type="url" name="url" required value="${f.url ?? ''}"></label>` : ''}
<div class="adm-row">
<label>Name <input type="text" name="name" value="${f.name ?? ''}" maxlength="120"></label>
<label>Section <span class="adm-hint">empty: from the feed's categories or the classifier</span><input type="text" name="section" value="${f.section ?? ''}" maxlength="60" list="adm-sections"></label>
<label>Republish <select name="mode">
<option value="excerpt"${f.mode !== 'full' ? raw(' selected') : ''}>an excerpt and a link</option>
<option value="full"${f.mode === 'full' ? raw(' selected') : ''}>the whole article (with permission)</option>
</select></label>
</div>
<label>Article link pattern <span class="adm-hint">section pages only: a regular expression article links match</span><input type="text" name="pattern" value="${f.pattern ?? ''}"></label>
<div class="adm-row">
<label>Poll at most every … minutes <span class="adm-hint">empty: the configured minimum</span><input type="number" name="minMinutes" min="1" max="10080" value="${f.minMinutes ?? ''}"></label>
<label>Poll at least every … minutes <span class="adm-hint">empty: the configured maximum</span><input type="number" name="maxMinutes" min="1" max="10080" value="${f.maxMinutes ?? ''}"></label>
</div>
<label class="adm-check"><input type="checkbox" name="feedContent" value="1"${f.feedContent ? raw(' checked') : ''}> Take articles from the feed's own content instead of fetching each page</label>
<details class="adm-details"${f.ruleBody ? raw(' open') : ''}><summary>Extraction rule</summary>
<p class="adm-hint">When the extractor gets this source's pages wrong: CSS selectors of the article body (one per line, first match wins), and of things to drop inside it.</p>
<label>Body <textarea name="ruleBody" placeholder="article .story-body">${f.ruleBody ?? ''}</textarea></label>
<label>Remove <textarea name="ruleRemove" placeholder=".share-bar&#10;.newsletter">${f.ruleRemove ?? ''}</textarea></label>
</details>`;
}

function previewBlock(p: SourcePreview): Html {
  const a = p.article;
  return html`<section class="adm-preview" aria-labelledby="pv-h">
<h2 id="pv-h">Preview</h2>
<p><strong>${p.title ?? 'Untitled feed'}</strong> — ${p.format} at <a href="${p.url}">${p.url}</a>${
    p.via === 'link' || p.via === 'common-path' ? html` (found on the page you gave${p.alternatives.length ? html`; it also names ${p.alternatives.map((x) => x.url).join(', ')}` : ''})` : ''
  }. ${p.entryCount} entries; the newest:</p>
<ul>${p.entries.map((e) => html`<li>${e.title ?? e.url ?? 'untitled'} ${e.publishedAt ? html`<span class="muted">(${when(e.publishedAt)})</span>` : ''}</li>`)}</ul>
${a
  ? html`<h3>First article as Newsdesk will store it</h3>
<article class="article">
<h4 class="adm-preview-title">${a.title ?? 'No headline found'}</h4>
<p class="meta">${a.authors.length ? html`By ${a.authors.join(', ')} · ` : ''}${a.publishedAt ? when(a.publishedAt) : html`<span class="adm-state adm-state-warn">no date found</span>`} · ${a.wordCount} words · ${
      a.leadImage ? html`lead image found` : html`<span class="adm-state adm-state-warn">no lead image</span>`
    }${a.strategy ? html` · body by ${a.strategy}` : ''}</p>
${a.html ? html`<div class="body" tabindex="0" role="region" aria-label="Body of the first article (scrolls)">${raw(a.html) /* sanitized by the extractor; focusable: the box scrolls */}</div>` : ''}
</article>`
  : ''}
${p.articleError ? html`<p class="adm-error">${p.articleError}</p>` : ''}
</section>`;
}

export function newSourcePage(site: Site, op: Operator, meta: AdminPageMeta, f: SourceForm, preview: SourcePreview | null, previewError: string | null): string {
  const form = preview ? { ...f, url: preview.url, name: f.name || preview.title || '' } : f;
  const main = html`<h1>Follow a new source</h1>
<p><a href="/admin/sources">← All sources</a></p>
${previewError ? html`<p class="adm-error" role="alert">${previewError}</p>` : ''}
${preview ? previewBlock(preview) : ''}
<form class="adm-form" method="post" action="/admin/sources">${csrfField(op)}
<input type="hidden" name="kind" value="${preview?.kind ?? f.kind ?? 'feed'}">
${settingsFields(form, true)}
<div class="adm-actions"><button type="submit">Follow this source</button>
<button type="submit" class="adm-btn adm-quiet" formaction="/admin/sources/new" formmethod="get">Preview again with these settings</button></div>
</form>`;
  return adminPage(site, op, meta, main);
}

export function sourceFormOf(s: Source): SourceForm {
  return {
    url: s.url,
    name: s.name ?? '',
    section: s.section ?? '',
    mode: s.displayMode,
    pattern: s.urlPattern ?? '',
    minMinutes: s.minIntervalSeconds ? String(Math.round(s.minIntervalSeconds / 60)) : '',
    maxMinutes: s.maxIntervalSeconds ? String(Math.round(s.maxIntervalSeconds / 60)) : '',
    ruleBody: s.extractionRule?.body.join('\n') ?? '',
    ruleRemove: s.extractionRule?.remove?.join('\n') ?? '',
    feedContent: s.useFeedContent ? '1' : '',
  };
}

export function sourcePage(site: Site, op: Operator, meta: AdminPageMeta, s: Source, report: SourceHealthReport, form: SourceForm): string {
  const main = html`<p><a href="/admin/sources">← All sources</a></p>
<h1>${s.name ?? s.url}</h1>
<p><a href="${s.url}">${s.url}</a> · ${s.kind} · <a href="${paths.source(s.id)}">public page</a> · <a href="/admin/articles?source=${s.id}">its articles</a></p>
<div class="adm-actions">
${s.state === 'active' ? postButton(op, `/admin/sources/${s.id}/pause`, 'Pause polling') : postButton(op, `/admin/sources/${s.id}/resume`, s.state === 'gone' ? 'Resume (it answered 410 Gone)' : 'Resume polling')}
${postButton(op, `/admin/sources/${s.id}/remove`, 'Remove source', { danger: true, confirm: `Stop following ${s.name ?? s.url}? Its entries and health history are deleted; its articles stay.` })}
</div>
${renderSourceHealth(report)}
<h2>Settings</h2>
<form class="adm-form" method="post" action="/admin/sources/${s.id}">${csrfField(op)}
${settingsFields(form, true)}
<button type="submit">Save settings</button>
</form>`;
  return adminPage(site, op, meta, main);
}

// ------------------------------------------------------------------ form → store

const lines = (v: string | undefined) => (v ?? '').split(/\r?\n/).map((x) => x.trim()).filter(Boolean);

function minutes(v: string | undefined, what: string): number | null {
  if (!v || !v.trim()) return null;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new ActionError(`${what} must be a number of minutes`);
  return Math.round(n * 60);
}

/** The settings a form describes; throws ActionError with a message for the operator. */
export function settingsFromForm(f: SourceForm): Required<Pick<SourcePatch, 'name' | 'section' | 'displayMode' | 'urlPattern' | 'useFeedContent' | 'minIntervalSeconds' | 'maxIntervalSeconds' | 'extractionRule'>> & { url: string | null } {
  const mode = f.mode === 'full' ? 'full' : f.mode === 'excerpt' || !f.mode ? 'excerpt' : null;
  if (!mode) throw new ActionError('republish must be “excerpt” or “full”');
  const body = lines(f.ruleBody);
  const remove = lines(f.ruleRemove);
  if (!body.length && remove.length) throw new ActionError('an extraction rule needs a body selector before things to remove');
  const rule: ExtractionRule | null = body.length ? (remove.length ? { body, remove } : { body }) : null;
  const url = f.url?.trim() || null;
  if (url && !/^https?:\/\//i.test(url)) throw new ActionError('the address must start with http:// or https://');
  return {
    url,
    name: f.name?.trim() || null,
    section: f.section?.trim() || null,
    displayMode: mode,
    urlPattern: f.pattern?.trim() || null,
    useFeedContent: !!f.feedContent,
    minIntervalSeconds: minutes(f.minMinutes, 'the shortest polling interval'),
    maxIntervalSeconds: minutes(f.maxMinutes, 'the longest polling interval'),
    extractionRule: rule,
  };
}

const KINDS = new Set(['feed', 'sitemap', 'json', 'section']);

export function newSourceFromForm(f: SourceForm): NewSource {
  const s = settingsFromForm(f);
  if (!s.url) throw new ActionError('give the address to follow');
  const kind = s.urlPattern ? 'section' : f.kind && KINDS.has(f.kind) && f.kind !== 'section' ? (f.kind as NewSource['kind']) : 'feed';
  return { ...s, url: s.url, kind };
}
