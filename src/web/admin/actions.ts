// actions: everything an operator can change, in one place for the admin forms and the write
// API alike. Each action does its work, writes an audit-log entry (who, when, what, and the
// values before, so moderation can be undone exactly) and a log line.
import type { Logger } from '../../log.ts';
import { parseOpml, toOpml } from '../../sources/index.ts';
import type { AdminStore, AuditEntry } from '../../store/admin.ts';
import type { Moderation } from '../../store/moderation.ts';
import type { NewSource, Source, SourcePatch, Store } from '../../store/index.ts';
import { StoreError } from '../../store/index.ts';
import type { Operator } from './auth.ts';
import { newApiToken, tokenDigest } from './secrets.ts';

/** A request an operator can fix (bad input, nothing to undo): shown to them as is. */
export class ActionError extends Error {
  override name = 'ActionError';
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message);
  }
}

/** Actions the audit log can undo, and what the undo is called. */
export const UNDOABLE: Record<string, string> = {
  'article.hide': 'show the article again',
  'article.show': 'hide the article again',
  'article.correct': 'restore the headline and section',
  'story.hide': 'show the story again',
  'story.show': 'hide the story again',
  'story.pin': 'unpin',
  'story.unpin': 'pin again',
  'story.title': 'restore the title',
  'story.merge': 'unmerge',
  'story.split': 'put the articles back',
};

export class AdminActions {
  constructor(
    readonly store: Store,
    readonly admin: AdminStore,
    readonly moderation: Moderation,
    private readonly log: Logger,
  ) {}

  private async record(op: Operator, action: string, targetType: string, targetId: string | number | null, detail: Record<string, unknown> = {}): Promise<number> {
    const id = await this.admin.audit({ actor: op.actor, action, targetType, targetId, detail });
    this.log.info('admin action', { actor: op.actor, action, target: `${targetType}${targetId == null ? '' : ' ' + targetId}`, audit: id });
    return id;
  }

  /** Runs a store call, turning the store's input errors into ActionErrors. */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof StoreError) throw new ActionError(err.message);
      throw err;
    }
  }

  // ------------------------------------------------------------------ sources

  async addSource(op: Operator, input: NewSource): Promise<{ source: Source; created: boolean }> {
    const r = await this.guard(() => this.store.addSource(input));
    if (r.created) await this.record(op, 'source.add', 'source', r.source.id, { url: r.source.url, name: r.source.name });
    return r;
  }

  async updateSource(op: Operator, id: number, patch: SourcePatch): Promise<Source> {
    const before = await this.mustSource(id);
    const after = await this.guard(() => this.store.updateSource(id, patch));
    if (!after) throw new ActionError(`there is no source #${id}`, 404);
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const k of Object.keys(patch) as (keyof SourcePatch)[]) {
      const from = before[k as keyof Source];
      const to = after[k as keyof Source];
      if (JSON.stringify(from) !== JSON.stringify(to)) changed[k] = { from, to };
    }
    const action = patch.state === 'paused' ? 'source.pause' : patch.state === 'active' && before.state !== 'active' ? 'source.resume' : 'source.edit';
    if (Object.keys(changed).length) await this.record(op, action, 'source', id, { changed });
    return after;
  }

  async removeSource(op: Operator, id: number): Promise<void> {
    const s = await this.mustSource(id);
    await this.store.removeSource(id);
    await this.record(op, 'source.remove', 'source', id, { url: s.url, name: s.name });
  }

  /** Adds every feed of an OPML list; returns how many were new. */
  async importOpml(op: Operator, text: string): Promise<{ total: number; added: number }> {
    let outlines;
    try {
      outlines = parseOpml(text);
    } catch (err) {
      throw new ActionError((err as Error).message);
    }
    let added = 0;
    for (const o of outlines) {
      const { created } = await this.guard(() => this.store.addSource({ url: o.xmlUrl, name: o.title, section: o.section }));
      if (created) added++;
    }
    await this.record(op, 'source.import', 'source', null, { total: outlines.length, added });
    return { total: outlines.length, added };
  }

  async exportOpml(): Promise<string> {
    const sources = await this.store.listSources();
    return toOpml(sources.map((s) => ({ title: s.name ?? s.url, xmlUrl: s.url, section: s.section })), { title: 'Newsdesk sources' });
  }

  private async mustSource(id: number): Promise<Source> {
    const s = await this.store.getSource(id);
    if (!s) throw new ActionError(`there is no source #${id}`, 404);
    return s;
  }

  // ------------------------------------------------------------------ articles

  async setArticleHidden(op: Operator, id: number, hidden: boolean): Promise<void> {
    const r = await this.moderation.setArticleHidden(id, hidden);
    if (!r) throw new ActionError(`there is no article #${id}`, 404);
    if (r.before !== hidden) await this.record(op, hidden ? 'article.hide' : 'article.show', 'article', id);
  }

  async correctArticle(op: Operator, id: number, patch: { title?: string; section?: string }): Promise<void> {
    const r = await this.guard(() => this.moderation.correctArticle(id, patch));
    if (!r) throw new ActionError(`there is no article #${id}`, 404);
    await this.record(op, 'article.correct', 'article', id, { before: r.before, after: patch });
  }

  // ------------------------------------------------------------------ stories

  async setStoryHidden(op: Operator, id: number, hidden: boolean): Promise<number> {
    const r = await this.moderation.setStoryHidden(id, hidden);
    if (r.before !== hidden || r.articles) await this.record(op, hidden ? 'story.hide' : 'story.show', 'story', id, { articles: r.articles });
    return r.articles;
  }

  async setStoryPinned(op: Operator, id: number, pinned: boolean): Promise<void> {
    const r = await this.moderation.setStoryPinned(id, pinned);
    if (r.before !== pinned) await this.record(op, pinned ? 'story.pin' : 'story.unpin', 'story', id);
  }

  async setStoryTitle(op: Operator, id: number, title: string | null): Promise<void> {
    const r = await this.guard(() => this.moderation.setStoryTitle(id, title));
    await this.record(op, 'story.title', 'story', id, { before: r.before, after: title });
  }

  async mergeStories(op: Operator, fromId: number, intoId: number): Promise<number> {
    const target = (await this.moderation.redirectOf(intoId)) ?? intoId;
    const r = await this.guard(() => this.moderation.mergeStories(fromId, target));
    await this.record(op, 'story.merge', 'story', fromId, { into: target, moved: r.moved });
    return target;
  }

  async splitStory(op: Operator, id: number, articleIds: number[]): Promise<number> {
    const r = await this.guard(() => this.moderation.splitStory(id, articleIds));
    await this.record(op, 'story.split', 'story', id, { newStory: r.newStoryId, moved: r.moved });
    return r.newStoryId;
  }

  // ------------------------------------------------------------------ API tokens

  /** Makes a write-API token; returns it with its number (shown once; only its digest is stored). */
  async createToken(op: Operator, name: string): Promise<{ id: number; token: string }> {
    const clean = name.replace(/\s+/g, ' ').trim().slice(0, 80);
    if (!clean) throw new ActionError('give the token a name');
    const token = newApiToken();
    const t = await this.admin.createToken({ name: clean, digest: tokenDigest(token), hint: token.slice(-4), createdBy: op.actor });
    await this.record(op, 'token.create', 'token', t.id, { name: clean });
    return { id: t.id, token };
  }

  async revokeToken(op: Operator, id: number): Promise<void> {
    if (!(await this.admin.revokeToken(id))) throw new ActionError(`there is no live token #${id}`, 404);
    await this.record(op, 'token.revoke', 'token', id);
  }

  // ------------------------------------------------------------------ undo

  /** Reverses a logged moderation action (once), logging the undo itself. */
  async undo(op: Operator, auditId: number): Promise<AuditEntry> {
    const e = await this.admin.auditEntry(auditId);
    if (!e) throw new ActionError(`there is no audit entry #${auditId}`, 404);
    if (!(e.action in UNDOABLE)) throw new ActionError(`"${e.action}" cannot be undone from here`);
    if (e.undoneAt) throw new ActionError(`entry #${auditId} was already undone by ${e.undoneBy} at ${e.undoneAt}`, 409);
    const id = Number(e.targetId);
    const d = e.detail;
    const ids = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x)) : []);
    // Marked first, atomically: two operators pressing "undo" at once undo it once.
    if (!(await this.admin.markUndone(auditId, op.actor))) throw new ActionError(`entry #${auditId} was undone meanwhile`, 409);
    switch (e.action) {
      case 'article.hide':
      case 'article.show':
        await this.moderation.setArticleHidden(id, e.action === 'article.show');
        break;
      case 'article.correct':
        await this.moderation.restoreArticle(id, d.before as Parameters<Moderation['restoreArticle']>[1]);
        break;
      case 'story.hide':
      case 'story.show':
        await this.moderation.setStoryHidden(id, e.action === 'story.show');
        break;
      case 'story.pin':
      case 'story.unpin':
        await this.moderation.setStoryPinned(id, e.action === 'story.unpin');
        break;
      case 'story.title':
        await this.moderation.setStoryTitle(id, typeof d.before === 'string' ? d.before : null);
        break;
      case 'story.merge':
        await this.moderation.unmergeStories(id, Number(d.into), ids(d.moved));
        break;
      case 'story.split':
        await this.moderation.unsplitStory(Number(d.newStory), id, ids(d.moved));
        break;
    }
    await this.record(op, 'undo', e.targetType, e.targetId, { entry: auditId, action: e.action });
    return e;
  }
}
