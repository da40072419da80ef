// health-view (admin): the health section of a source's admin page — summary figures, the
// daily charts, the degradation warning and the last errors with what they mean — and the
// health cells of the sources list (a sparkline and a "degraded" badge per row). Data comes
// from src/store/health.ts; markup is built with the escaping `html` tag, classes are
// prefixed `adm-` and styled by src/web/assets/admin-health.css (no inline styles: CSP).
import type { HealthError, HealthSource, Severity, SourceHealthOverviewRow, SourceHealthReport } from '../../store/health.ts';
import { ARTICLES_PER_DAY_WINDOW } from '../../store/health.ts';
import { html, type Html } from '../html.ts';
import { dailyBarChart, formatNumber, percentLineChart, sparkline } from './charts.ts';

/** Where a source's admin page is. */
const sourceHref = (id: number): string => `/admin/sources/${id}`;

/** Only http(s) addresses become links: a logged URL is third-party text. */
function safeHref(url: string): string | null {
  return /^https?:\/\//i.test(url) ? url : null;
}

/** "2026-03-10 11:04 UTC". */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "5 min ago", "in 3 h", "2 days ago". */
export function relativeTime(iso: string, now: Date): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const s = Math.round((t - now.getTime()) / 1000);
  const a = Math.abs(s);
  const span = a < 60 ? `${a} s` : a < 3600 ? `${Math.round(a / 60)} min` : a < 172_800 ? `${Math.round(a / 3600)} h` : `${Math.round(a / 86_400)} days`;
  if (a < 5) return 'just now';
  return s < 0 ? `${span} ago` : `in ${span}`;
}

function when(iso: string | null, now: Date, none = 'never'): Html {
  if (!iso) return html`<span class="muted">${none}</span>`;
  return html`<time datetime="${iso}" title="${formatUtc(iso)}">${relativeTime(iso, now)}</time>`;
}

function duration(seconds: number): string {
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${formatNumber(Math.round((seconds / 3600) * 10) / 10)} h`;
  const days = Math.round((seconds / 86_400) * 10) / 10;
  return `${formatNumber(days)} ${days === 1 ? 'day' : 'days'}`;
}

/** Why the scheduler chose the interval, in words (src/jobs/schedule.ts names the reasons). */
const SCHEDULE_REASONS: Record<string, string> = {
  frequency: 'from how often it publishes',
  cache: 'as its Cache-Control or Expires asks',
  ttl: "as the feed's ttl asks",
  'retry-after': 'as the server asked (Retry-After)',
  backoff: 'backing off after errors',
  gone: 'stopped: the feed is gone',
};

const pct = (r: number | null): string => (r == null ? '—' : `${Math.round(r * 100)}%`);

/** The state in a word, with a class for its colour: "ok", "failing ×3", "paused", "gone". */
function stateCell(s: { state: string; consecutiveErrors: number }): Html {
  if (s.state === 'gone') return html`<span class="adm-state adm-state-bad">gone (410)</span>`;
  if (s.state === 'paused') return html`<span class="adm-state adm-state-warn">paused</span>`;
  if (s.consecutiveErrors > 0) return html`<span class="adm-state adm-state-bad">failing ×${s.consecutiveErrors}</span>`;
  return html`<span class="adm-state adm-state-ok">ok</span>`;
}

const SEVERITY_WORD: Record<Severity, string> = { action: 'needs attention', transient: 'usually passes', info: 'expected' };

// ---------------------------------------------------------------- a source's page

function figure(term: string, value: Html | string, note?: Html | string): Html {
  return html`<div class="adm-figure"><dt>${term}</dt><dd>${value}${note ? html` <span class="adm-figure-note">${note}</span>` : ''}</dd></div>`;
}

function figures(r: SourceHealthReport, now: Date): Html {
  const s = r.source;
  const t = r.totals;
  const next =
    s.state === 'active'
      ? html`${when(s.nextPollAt, now)}${s.intervalSeconds ? html` <span class="adm-figure-note">every ${duration(s.intervalSeconds)}${s.scheduleReason ? `, ${SCHEDULE_REASONS[s.scheduleReason] ?? s.scheduleReason}` : ''}</span>` : ''}`
      : html`<span class="muted">not polled while ${s.state}</span>`;
  const extraction = (found: number): Html | string => (t.articles ? `${formatNumber(found)} of ${formatNumber(t.articles)}` : '');
  return html`<dl class="adm-figures">
${figure('State', stateCell(s))}
${figure('Last poll', when(s.lastPolledAt, now), s.lastStatus != null ? `HTTP ${s.lastStatus}` : '')}
${figure('Next poll', next)}
${figure('Last success', when(s.lastSuccessAt, now))}
${figure('Articles per day', formatNumber(r.articlesPerDay), `${Math.min(ARTICLES_PER_DAY_WINDOW, r.days)}-day average; ${formatNumber(t.articles)} in ${r.days} days`)}
${figure('Failed fetches', t.fetches ? pct(t.errorRate) : '—', t.fetches ? `${formatNumber(t.fetchErrors)} of ${formatNumber(t.fetches)} fetches (${formatNumber(t.polls)} polls)` : 'no fetches')}
${figure('Average fetch time', t.avgFetchMs == null ? '—' : `${formatNumber(t.avgFetchMs)} ms`)}
${figure('Body found', pct(t.bodyRate), extraction(t.bodyFound))}
${figure('Lead image found', pct(t.imageRate), extraction(t.imageFound))}
${figure('Date found', pct(t.dateRate), extraction(t.dateFound))}
</dl>`;
}

function degradationBox(r: SourceHealthReport): Html {
  const d = r.degradation;
  if (d.degraded) {
    return html`<div class="adm-alert adm-alert-bad" role="status">
<p><strong class="adm-badge adm-badge-bad">Extraction degraded</strong> This source's recent articles come out much worse than before:</p>
<ul>${d.reasons.map((reason) => html`<li>${reason}.</li>`)}</ul>
<p>What to do: open one of its latest articles next to what Newsdesk stored (<code>newsdesk extract URL</code> shows what the extractor sees), then set an extraction rule for its pages in this source's settings.</p>
</div>`;
  }
  if (d.insufficient) return html`<p class="adm-health-note muted">Extraction trend: ${d.insufficient}.</p>`;
  return html`<p class="adm-health-note muted">Extraction trend: steady (the last ${d.recent.articles} articles against the ${d.baseline.articles} before them).</p>`;
}

function lastErrorBox(s: HealthSource): Html | '' {
  if (!s.lastError || !s.lastErrorExplanation) return '';
  const e = s.lastErrorExplanation;
  return html`<div class="adm-alert adm-sev-${e.severity}"><p><strong>The last poll failed: ${e.label}.</strong> ${e.text}</p><p class="adm-raw"><code>${s.lastError}</code></p></div>`;
}

function charts(r: SourceHealthReport): Html {
  const dates = r.series.map((d) => d.date);
  const share = (part: (d: SourceHealthReport['series'][number]) => number) =>
    r.series.map((d) => (d.articles > 0 ? part(d) / d.articles : null));
  return html`<div class="adm-charts">
<figure class="adm-chart-box"><figcaption>Articles stored per day</figcaption>${dailyBarChart({
    title: 'Articles stored per day',
    dates,
    unit: 'articles',
    series: [{ label: 'Articles', tone: 'main', values: r.series.map((d) => d.articles) }],
  })}</figure>
<figure class="adm-chart-box"><figcaption>Fetches per day, failed ones on top</figcaption>${dailyBarChart({
    title: 'Fetches per day',
    dates,
    unit: 'fetches',
    series: [
      { label: 'Succeeded', tone: 'muted', values: r.series.map((d) => d.fetches - d.fetchErrors) },
      { label: 'Failed', tone: 'bad', values: r.series.map((d) => d.fetchErrors) },
    ],
  })}</figure>
<figure class="adm-chart-box"><figcaption>Extraction success per day (share of the day's articles)</figcaption>${percentLineChart({
    title: 'Extraction success per day',
    dates,
    series: [
      { label: 'Body', tone: 'main', values: share((d) => d.bodyFound) },
      { label: 'Lead image', tone: 'accent', values: share((d) => d.imageFound) },
      { label: 'Date', tone: 'warn', values: share((d) => d.dateFound) },
    ],
  })}</figure>
<figure class="adm-chart-box"><figcaption>Average fetch time per day (ms)</figcaption>${dailyBarChart({
    title: 'Average fetch time per day',
    dates,
    unit: 'ms',
    series: [{ label: 'Average fetch time', tone: 'accent', values: r.series.map((d) => d.avgFetchMs ?? 0) }],
  })}</figure>
</div>`;
}

/** The same numbers as the charts, as a table (for screen readers, and for copying). */
function dayTable(r: SourceHealthReport): Html {
  const rows = [...r.series].reverse().map(
    (d) => html`<tr><th scope="row"><time datetime="${d.date}">${d.date}</time></th><td class="num">${d.articles}</td><td class="num">${d.articles ? pct(d.bodyFound / d.articles) : '—'}</td><td class="num">${d.articles ? pct(d.imageFound / d.articles) : '—'}</td><td class="num">${d.articles ? pct(d.dateFound / d.articles) : '—'}</td><td class="num">${d.polls}</td><td class="num">${d.fetches}</td><td class="num">${d.fetchErrors}</td><td class="num">${d.avgFetchMs == null ? '—' : d.avgFetchMs}</td></tr>`,
  );
  return html`<details class="adm-health-days"><summary>Day by day</summary><div class="adm-table-wrap"><table class="adm-table">
<thead><tr><th scope="col">Day (UTC)</th><th scope="col" class="num">Articles</th><th scope="col" class="num">Body</th><th scope="col" class="num">Image</th><th scope="col" class="num">Date</th><th scope="col" class="num">Polls</th><th scope="col" class="num">Fetches</th><th scope="col" class="num">Failed</th><th scope="col" class="num">Avg ms</th></tr></thead>
<tbody>${rows}</tbody></table></div></details>`;
}

function errorRow(e: HealthError, now: Date): Html {
  const href = safeHref(e.url);
  const x = e.explanation;
  return html`<tr class="adm-sev-${x.severity}">
<td>${when(e.at, now)}<div class="adm-figure-note">${formatUtc(e.at)}</div></td>
<td>${e.kind}<div class="adm-url">${href ? html`<a href="${href}" rel="noreferrer">${e.url}</a>` : e.url}</div></td>
<td class="num">${e.status ?? '—'}</td>
<td><strong>${x.label}</strong> <span class="adm-sev-word">(${SEVERITY_WORD[x.severity]})</span><p class="adm-explain">${x.text}</p>${e.error ? html`<p class="adm-raw"><code>${e.error}</code></p>` : ''}</td>
</tr>`;
}

function errorsTable(r: SourceHealthReport, now: Date): Html {
  if (r.lastErrors.length === 0) return html`<p>No failed fetches on record.</p>`;
  return html`<div class="adm-table-wrap"><table class="adm-table adm-errors">
<thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col" class="num">Status</th><th scope="col">What it means</th></tr></thead>
<tbody>${r.lastErrors.map((e) => errorRow(e, now))}</tbody></table></div>`;
}

/** The health section of a source's admin page. */
export function renderSourceHealth(report: SourceHealthReport): Html {
  const now = new Date(report.generatedAt);
  return html`<section class="adm-health" aria-labelledby="adm-health-title">
<h2 id="adm-health-title">Health <span class="adm-figure-note">last ${report.days} days, UTC</span></h2>
${degradationBox(report)}
${lastErrorBox(report.source)}
${figures(report, now)}
${charts(report)}
${dayTable(report)}
<h3>Last errors</h3>
${errorsTable(report, now)}
</section>`;
}

// ---------------------------------------------------------------- the sources list

/**
 * Table rows for the sources list, seven cells each: source (with a "degraded" badge and
 * its reason), state, last poll, articles per day, failed fetches, extraction (body found),
 * and a sparkline of articles per day. The header is the caller's.
 */
export function renderHealthOverviewRows(rows: readonly SourceHealthOverviewRow[], now: Date = new Date()): Html {
  return html`${rows.map((r) => {
    const name = r.name ?? r.url;
    const badge = r.degraded ? html` <span class="adm-badge adm-badge-bad">degraded</span>` : '';
    const reason = r.degraded && r.degradedReason ? html`<div class="adm-reason">${r.degradedReason}</div>` : '';
    const errors = r.fetches
      ? html`<span class="${r.errorRate >= 0.5 ? 'adm-state-bad' : r.errorRate >= 0.1 ? 'adm-state-warn' : ''}">${pct(r.errorRate)}</span> <span class="adm-figure-note">${formatNumber(r.fetchErrors)} of ${formatNumber(r.fetches)}</span>`
      : html`<span class="muted">—</span>`;
    const e = r.extraction;
    const extraction =
      r.extractionRate == null
        ? html`<span class="muted">—</span>`
        : html`<span title="${`body ${pct(r.extractionRate)}, lead image ${pct(e.imageFound / e.articles)}, date ${pct(e.dateFound / e.articles)} of ${e.articles} articles`}">${pct(r.extractionRate)}</span>`;
    return html`<tr class="${r.degraded ? 'adm-row-degraded' : ''}">
<td><a href="${sourceHref(r.id)}">${name}</a>${badge}${reason}</td>
<td>${stateCell(r)}</td>
<td>${when(r.lastPolledAt, now)}${r.lastStatus != null ? html` <span class="adm-figure-note">HTTP ${r.lastStatus}</span>` : ''}</td>
<td class="num">${formatNumber(r.articlesPerDay)}</td>
<td class="num">${errors}</td>
<td class="num">${extraction}</td>
<td>${sparkline(r.dailyArticles, { label: `Articles per day from ${name}` })}</td>
</tr>`;
  })}`;
}
