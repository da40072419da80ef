// charts (admin): small server-rendered SVG charts for the source health pages — daily bars
// (stacked, e.g. failed fetches on top of good ones), daily percentages as lines, and a
// tiny sparkline for list rows. Built with the escaping `html` tag, so labels from the
// database can only arrive escaped. The site's CSP forbids inline styles and scripts:
// colours are SVG presentation attributes (currentColor, or a fixed colour readable on
// light and dark backgrounds) on elements with `adm-` classes, which the admin stylesheet
// (src/web/assets/admin-health.css) refines for each colour scheme; lines also differ by
// dash pattern, so no series is told apart by colour alone. Every chart is `role="img"`
// with a summary in `aria-label` and `<title>`, has date labels on its x axis, and scales
// with its viewBox.
import { html, type Html } from '../html.ts';

/** The drawing area of the daily charts, in viewBox units (scaled to the container's width). */
const WIDTH = 400;
const HEIGHT = 170;
const MARGIN = { left: 36, right: 8, top: 22, bottom: 20 } as const;
const FONT_SIZE = 10;
/** Share of a day's slot left empty between bars. */
const BAR_GAP = 0.25;
/** x labels every this many days, counted back from the last day (a label per week). */
const LABEL_EVERY_DAYS = 7;
/** Sparkline: width per day and height, in viewBox units. */
const SPARK_STEP = 3;
const SPARK_HEIGHT = 20;

/** How a series is drawn; the stylesheet maps each to its colour (defaults are inline attributes). */
export type Tone = 'main' | 'muted' | 'bad' | 'accent' | 'warn';

const TONE_COLOUR: Record<Tone, string> = {
  main: 'currentColor',
  muted: 'currentColor',
  bad: '#c62828',
  accent: '#1a73e8',
  warn: '#b26a00',
};
/** Muted bars are currentColor at this opacity, so they recede behind the others. */
const MUTED_OPACITY = '0.35';

export interface BarSeries {
  label: string;
  tone: Tone;
  /** One value per date. */
  values: readonly number[];
}

export interface BarChartInput {
  /** What the chart shows, e.g. "Articles stored per day". */
  title: string;
  /** "YYYY-MM-DD" per bar, oldest first. */
  dates: readonly string[];
  /** Stacked bottom to top. */
  series: readonly BarSeries[];
  /** Unit for the summary and tooltips, e.g. "articles"; default none. */
  unit?: string;
}

export interface LineSeries {
  label: string;
  tone: Tone;
  /** Shares 0–1 per date; null where there is nothing to measure (the line breaks). */
  values: readonly (number | null)[];
}

export interface PercentChartInput {
  title: string;
  dates: readonly string[];
  series: readonly LineSeries[];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-03-04" → "Mar 4". */
export function shortDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  return `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${Number(m[3])}`;
}

/** Numbers for labels: whole numbers with separators, else one decimal. */
export function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: Number.isInteger(n) ? 0 : 1 });
}

/** Coordinates with two decimals at most: shorter markup, no visible difference. */
function c(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** The smallest "round" number (1, 2, 2.5, 5 × 10^k) at or above `max`. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const mag = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= max) return m * mag;
  return 10 * mag;
}

function paint(tone: Tone, kind: 'fill' | 'stroke'): Html {
  const colour = TONE_COLOUR[tone];
  const opacity = tone === 'muted' ? html` ${kind}-opacity="${MUTED_OPACITY}"` : '';
  return html`${kind}="${colour}"${opacity}`;
}

const plotW = WIDTH - MARGIN.left - MARGIN.right;
const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
const bottom = MARGIN.top + plotH;

/** Date labels under the x axis, one a week, the last one on the last day. */
function xLabels(dates: readonly string[], centre: (i: number) => number): Html[] {
  const out: Html[] = [];
  for (let i = dates.length - 1; i >= 0; i -= LABEL_EVERY_DAYS) {
    const x = Math.min(Math.max(centre(i), MARGIN.left + 14), WIDTH - MARGIN.right - 14);
    out.unshift(
      html`<text class="adm-chart-label" x="${c(x)}" y="${c(HEIGHT - 6)}" text-anchor="middle" font-size="${FONT_SIZE}" fill="currentColor">${shortDate(dates[i]!)}</text>`,
    );
  }
  return out;
}

/** Horizontal grid lines with their values on the left. */
function yGrid(ticks: readonly { value: number; label: string }[], max: number): Html[] {
  return ticks.map(({ value, label }) => {
    const y = bottom - (value / max) * plotH;
    return html`<line class="adm-chart-grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${c(y)}" y2="${c(y)}" stroke="currentColor" stroke-opacity="${value === 0 ? '0.5' : '0.15'}" stroke-width="1"/><text class="adm-chart-label" x="${MARGIN.left - 4}" y="${c(y + 3)}" text-anchor="end" font-size="${FONT_SIZE}" fill="currentColor">${label}</text>`;
  });
}

/** A legend across the top: a swatch (or a line sample) and a label per series. */
function legend(items: readonly { label: string; tone: Tone; dash?: string | undefined; line?: boolean }[]): Html[] {
  let x = MARGIN.left;
  return items.map((it) => {
    // The colour sits on the group, so the stylesheet's rule for the tone reaches the swatch.
    const swatch = it.line
      ? html`<line x1="${x}" x2="${x + 14}" y1="8" y2="8" stroke-width="2"${it.dash ? html` stroke-dasharray="${it.dash}"` : ''}/>`
      : html`<rect x="${x}" y="3" width="10" height="10" stroke="none"/>`;
    const textX = x + (it.line ? 18 : 14);
    // Roughly 5.5 units per character at this size: enough to keep labels apart.
    x = textX + it.label.length * 5.5 + 12;
    // The label stays outside the coloured group: it would inherit the tone's stroke and opacity.
    return html`<g class="adm-chart-key adm-tone-${it.tone}" ${paint(it.tone, it.line ? 'stroke' : 'fill')}>${swatch}</g><text class="adm-chart-key-label" x="${c(textX)}" y="12" font-size="${FONT_SIZE}" fill="currentColor">${it.label}</text>`;
  });
}

function svg(cls: string, label: string, body: readonly Html[], width = WIDTH, height = HEIGHT): Html {
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="adm-chart ${cls}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}"><title>${label}</title>${body}</svg>`;
}

/** A sentence for screen readers and tooltips: range, total and the latest day. */
function barSummary(input: BarChartInput, totals: readonly number[]): string {
  const unit = input.unit ? ` ${input.unit}` : '';
  const n = input.dates.length;
  if (n === 0) return `${input.title}: no data`;
  const sum = totals.reduce((a, b) => a + b, 0);
  const peak = Math.max(...totals);
  const parts = input.series.length > 1
    ? input.series.map((s) => `${s.label.toLowerCase()} ${formatNumber(s.values.reduce((a, b) => a + b, 0))}`).join(', ')
    : `${formatNumber(sum)}${unit} in all`;
  return `${input.title}, ${shortDate(input.dates[0]!)} to ${shortDate(input.dates[n - 1]!)}: ${parts}; at most ${formatNumber(peak)}${unit} a day, ${formatNumber(totals[n - 1] ?? 0)} on the last day.`;
}

/** Daily bars, stacked when there are several series (e.g. good and failed fetches). */
export function dailyBarChart(input: BarChartInput): Html {
  const n = input.dates.length;
  const totals = input.dates.map((_, i) => input.series.reduce((a, s) => a + Math.max(0, s.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const step = n > 0 ? plotW / n : plotW;
  const barW = step * (1 - BAR_GAP);
  const unit = input.unit ? ` ${input.unit}` : '';
  const bars = input.dates.map((date, i) => {
    let y = bottom;
    const rects: Html[] = [];
    for (const s of input.series) {
      const v = Math.max(0, s.values[i] ?? 0);
      if (v === 0) continue;
      const h = (v / max) * plotH;
      y -= h;
      rects.push(html`<rect class="adm-bar adm-tone-${s.tone}" x="${c(MARGIN.left + i * step + (step - barW) / 2)}" y="${c(y)}" width="${c(barW)}" height="${c(h)}" ${paint(s.tone, 'fill')}/>`);
    }
    const detail = input.series.length > 1
      ? input.series.map((s) => `${s.label.toLowerCase()} ${formatNumber(s.values[i] ?? 0)}`).join(', ')
      : `${formatNumber(totals[i]!)}${unit}`;
    return rects.length ? html`<g><title>${shortDate(date)}: ${detail}</title>${rects}</g>` : '';
  });
  // A middle line only where it falls on a whole number: "12.5 fetches" reads oddly.
  const ticks = (Number.isInteger(max / 2) ? [0, max / 2, max] : [0, max]).map((v) => ({ value: v, label: formatNumber(v) }));
  const body: Html[] = [
    ...yGrid(ticks, max),
    ...(input.series.length > 1 ? legend(input.series.map((s) => ({ label: s.label, tone: s.tone }))) : []),
    html`<g class="adm-bars">${bars}</g>`,
    ...xLabels(input.dates, (i) => MARGIN.left + (i + 0.5) * step),
  ];
  return svg('adm-chart-bars', barSummary(input, totals), body);
}

/** Dash patterns by series position, so lines differ without colour. */
const DASHES = [undefined, '6 3', '2 3', '8 3 2 3'] as const;

const pctText = (v: number): string => `${Math.round(v * 100)}%`;

/** Daily shares (0–1) as lines on a 0–100% scale, broken where a day has no value. */
export function percentLineChart(input: PercentChartInput): Html {
  const n = input.dates.length;
  const step = n > 1 ? plotW / (n - 1) : 0;
  const x = (i: number): number => (n > 1 ? MARGIN.left + i * step : MARGIN.left + plotW / 2);
  const y = (v: number): number => bottom - Math.min(Math.max(v, 0), 1) * plotH;
  const lines = input.series.map((s, k) => {
    const dash = DASHES[k % DASHES.length];
    let d = '';
    let pen = false;
    const dots: Html[] = [];
    s.values.forEach((v, i) => {
      if (v == null || !Number.isFinite(v)) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${c(x(i))} ${c(y(v))}`;
      pen = true;
      dots.push(html`<circle cx="${c(x(i))}" cy="${c(y(v))}" r="2" stroke="none"><title>${shortDate(input.dates[i]!)}: ${s.label.toLowerCase()} ${pctText(v)}</title></circle>`);
    });
    // Colours on the group (the path strokes with it, the dots fill with it), so the
    // stylesheet's rule for the tone recolours both.
    const path = d ? html`<path d="${d}" fill="none" stroke-width="1.5" stroke-linejoin="round"${dash ? html` stroke-dasharray="${dash}"` : ''}/>` : '';
    return html`<g class="adm-line adm-tone-${s.tone}" ${paint(s.tone, 'fill')} ${paint(s.tone, 'stroke')}>${path}${dots}</g>`;
  });
  const ticks = [0, 0.5, 1].map((v) => ({ value: v, label: pctText(v) }));
  const means = input.series.map((s) => {
    const vals = s.values.filter((v): v is number => v != null && Number.isFinite(v));
    return vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : null;
  });
  const summary =
    n === 0
      ? `${input.title}: no data`
      : `${input.title}, ${shortDate(input.dates[0]!)} to ${shortDate(input.dates[n - 1]!)}, daily average: ` +
        input.series.map((s, k) => `${s.label.toLowerCase()} ${means[k] == null ? 'no data' : pctText(means[k])}`).join(', ') +
        '.';
  const body: Html[] = [
    ...yGrid(ticks, 1),
    ...legend(input.series.map((s, k) => ({ label: s.label, tone: s.tone, dash: DASHES[k % DASHES.length], line: true }))),
    // The first series is drawn last, on top: where lines coincide (all at 100%) it is the one seen.
    ...[...lines].reverse(),
    ...xLabels(input.dates, x),
  ];
  return svg('adm-chart-lines', summary, body);
}

/** A tiny bar sparkline for a list row, with its figures in words for screen readers. */
export function sparkline(values: readonly number[], opts: { label: string; tone?: Tone }): Html {
  const n = values.length;
  const width = Math.max(n, 1) * SPARK_STEP;
  const max = Math.max(0, ...values);
  const tone = opts.tone ?? 'main';
  const bars = values.map((v, i) => {
    if (!(v > 0)) return '';
    const h = Math.max((v / max) * (SPARK_HEIGHT - 1), 1);
    return html`<rect x="${i * SPARK_STEP}" y="${c(SPARK_HEIGHT - h)}" width="${SPARK_STEP - 1}" height="${c(h)}"/>`;
  });
  const total = values.reduce((a, b) => a + b, 0);
  const label =
    n === 0
      ? `${opts.label}: no data`
      : `${opts.label}: ${formatNumber(total)} in ${n} days, at most ${formatNumber(max)} a day, ${formatNumber(values[n - 1] ?? 0)} on the last day`;
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="adm-spark adm-tone-${tone}" viewBox="0 0 ${width} ${SPARK_HEIGHT}" role="img" aria-label="${label}"><title>${label}</title><line x1="0" x2="${width}" y1="${SPARK_HEIGHT - 0.5}" y2="${SPARK_HEIGHT - 0.5}" stroke="currentColor" stroke-opacity="0.3" stroke-width="1"/><g ${paint(tone, 'fill')}>${bars}</g></svg>`;
}
