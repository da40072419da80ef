// Per-site extraction rules, kept as data: for a few genuinely hard, common sites where
// the generic scorer is measurably wrong. A rule names the body container(s) and what to
// remove inside them. Add a rule only with a page that shows the scorer failing.
import { selectAll } from 'css-select';
import { isAncestor, removeNode, type AnyNode, type Element } from '../dom.ts';

export interface SiteRule {
  /** Host names (without "www.") the rule applies to; subdomains match too. */
  hosts: string[];
  /** CSS selectors of the body container(s), tried in order; the first that matches wins. */
  body: string[];
  /** CSS selectors of elements to remove inside the body. */
  remove?: string[];
}

export const SITE_RULES: SiteRule[] = [
  {
    // Mail Online: every article carries inline "fact boxes" holding other stories'
    // paragraphs in the same markup as its own, which no generic scorer can tell apart.
    hosts: ['dailymail.co.uk', 'thisismoney.co.uk'],
    body: ['[itemprop="articleBody"]', 'div.article-text'],
    remove: ['.mol-factbox', '.art-ins', '.related-carousel', '.mol-video', '.byline-plain', '.article-icon-links-container', '.moduleFull', '.shareArticles', '.mol-style-tag'],
  },
];

/** The rule for a host, if any. */
export function ruleFor(host: string): SiteRule | null {
  for (const r of SITE_RULES) if (r.hosts.some((h) => host === h || host.endsWith('.' + h))) return r;
  return null;
}

/** Applies the host's rule to the page: returns the body elements, or null. */
export function applySiteRule(host: string, root: Element): AnyNode[] | null {
  const rule = ruleFor(host);
  return rule ? applyRule(rule, root) : null;
}

/** Applies one rule (the host's, or an operator's for one source): the body elements, or null. */
export function applyRule(rule: Pick<SiteRule, 'body' | 'remove'>, root: Element): AnyNode[] | null {
  for (const sel of rule.body) {
    const found = selectAll(sel, root) as Element[];
    if (!found.length) continue;
    // Keep only outermost matches so nested matches are not repeated.
    const outer = found.filter((el) => !found.some((o) => o !== el && isAncestor(o, el)));
    for (const sel2 of rule.remove ?? []) for (const el of selectAll(sel2, outer) as Element[]) removeNode(el);
    return outer;
  }
  return null;
}
