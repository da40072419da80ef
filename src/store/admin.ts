// admin: the tables behind operating Newsdesk — admin accounts, login sessions, API tokens,
// failed logins (for rate limiting across processes) and the audit log. Secrets never reach
// this module in clear: passwords arrive hashed and tokens as digests (src/web/admin/secrets.ts).
import type { Kysely } from 'kysely';
import { iso, num, readJson } from './rows.ts';
import type { Database } from './schema.ts';
import type { DateInput } from './types.ts';

type Db = Kysely<Database>;

export interface AdminSession {
  username: string;
  csrf: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

export interface ApiToken {
  id: number;
  name: string;
  /** The token's last characters. */
  hint: string;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AuditEntry {
  id: number;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  detail: Record<string, unknown>;
  at: string;
  undoneAt: string | null;
  undoneBy: string | null;
}

/** A token's last-use time is written at most this often (a busy API client must not write on every call). */
const TOKEN_TOUCH_MS = 60_000;
/** A session's last-seen time (and its sliding expiry) is written at most this often. */
const SESSION_TOUCH_MS = 60_000;

/** The admin's accounts, sessions, tokens and audit log on an open store's database. */
export class AdminStore {
  constructor(private readonly db: Db) {}

  // ------------------------------------------------------------------ accounts

  /** Sets (or first creates) an account's password hash; ends the account's sessions. */
  async setPasswordHash(username: string, passwordHash: string, now: DateInput = new Date()): Promise<{ created: boolean }> {
    const at = iso(now);
    return this.db.transaction().execute(async (tx) => {
      const updated = await tx.updateTable('admin_users').set({ password_hash: passwordHash, updated_at: at }).where('username', '=', username).executeTakeFirst();
      const created = num(updated.numUpdatedRows) === 0;
      if (created) await tx.insertInto('admin_users').values({ username, password_hash: passwordHash, created_at: at, updated_at: at }).execute();
      // A new password logs out every browser that knew the old one.
      await tx.deleteFrom('admin_sessions').where('username', '=', username).execute();
      return { created };
    });
  }

  /** The stored hash of an account's password, or null when there is no such account. */
  async passwordHash(username: string): Promise<string | null> {
    const r = await this.db.selectFrom('admin_users').select('password_hash').where('username', '=', username).executeTakeFirst();
    return r?.password_hash ?? null;
  }

  async accountCount(): Promise<number> {
    const r = await this.db.selectFrom('admin_users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return num(r.n);
  }

  // ------------------------------------------------------------------ sessions

  async createSession(s: { digest: string; username: string; csrf: string; expiresAt: DateInput; ip: string | null; userAgent: string | null }, now: DateInput = new Date()): Promise<void> {
    const at = iso(now);
    await this.db
      .insertInto('admin_sessions')
      .values({ id: s.digest, username: s.username, csrf: s.csrf, created_at: at, expires_at: iso(s.expiresAt), last_seen_at: at, ip: s.ip, user_agent: s.userAgent?.slice(0, 300) ?? null })
      .execute();
  }

  /**
   * The live session stored under this digest, or null (unknown, expired, or its account
   * gone). `slideTo` extends the expiry (written at most once a minute).
   */
  async session(digest: string, now: DateInput = new Date(), slideTo?: DateInput): Promise<AdminSession | null> {
    const at = iso(now);
    const r = await this.db
      .selectFrom('admin_sessions as s')
      .innerJoin('admin_users as u', 'u.username', 's.username')
      .select(['s.username', 's.csrf', 's.created_at', 's.expires_at', 's.last_seen_at'])
      .where('s.id', '=', digest)
      .where('s.expires_at', '>', at)
      .executeTakeFirst();
    if (!r) return null;
    const session: AdminSession = { username: r.username, csrf: r.csrf, createdAt: r.created_at, expiresAt: r.expires_at, lastSeenAt: r.last_seen_at };
    if (slideTo !== undefined && new Date(at).getTime() - new Date(r.last_seen_at).getTime() > SESSION_TOUCH_MS) {
      const expires = iso(slideTo);
      await this.db.updateTable('admin_sessions').set({ last_seen_at: at, expires_at: expires }).where('id', '=', digest).execute();
      session.lastSeenAt = at;
      session.expiresAt = expires;
    }
    return session;
  }

  async deleteSession(digest: string): Promise<void> {
    await this.db.deleteFrom('admin_sessions').where('id', '=', digest).execute();
  }

  /** Forgets expired sessions and old failed logins; returns how many rows went. */
  async prune(now: DateInput = new Date(), failuresOlderThanMs = 24 * 3600_000): Promise<number> {
    const at = iso(now);
    const a = await this.db.deleteFrom('admin_sessions').where('expires_at', '<=', at).executeTakeFirst();
    const b = await this.db
      .deleteFrom('login_failures')
      .where('at', '<', iso(new Date(new Date(at).getTime() - failuresOlderThanMs)))
      .executeTakeFirst();
    return num(a.numDeletedRows) + num(b.numDeletedRows);
  }

  // ------------------------------------------------------------------ failed logins

  async recordLoginFailure(username: string, ip: string | null, now: DateInput = new Date()): Promise<void> {
    await this.db.insertInto('login_failures').values({ username: username.slice(0, 200), ip, at: iso(now) }).execute();
  }

  /** Failed logins since `since`, for this account and from this address. */
  async loginFailures(username: string, ip: string | null, since: DateInput): Promise<{ byUser: number; byIp: number }> {
    const at = iso(since);
    const byUser = await this.db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('username', '=', username)
      .where('at', '>=', at)
      .executeTakeFirstOrThrow();
    let byIp = 0;
    if (ip) {
      const r = await this.db.selectFrom('login_failures').select((eb) => eb.fn.countAll().as('n')).where('ip', '=', ip).where('at', '>=', at).executeTakeFirstOrThrow();
      byIp = num(r.n);
    }
    return { byUser: num(byUser.n), byIp };
  }

  /** A successful login clears the account's failures from that address. */
  async clearLoginFailures(username: string, ip: string | null): Promise<void> {
    let q = this.db.deleteFrom('login_failures').where('username', '=', username);
    q = ip ? q.where('ip', '=', ip) : q.where('ip', 'is', null);
    await q.execute();
  }

  // ------------------------------------------------------------------ API tokens

  async createToken(t: { name: string; digest: string; hint: string; createdBy: string }, now: DateInput = new Date()): Promise<ApiToken> {
    const row = await this.db
      .insertInto('api_tokens')
      .values({ name: t.name, token_hash: t.digest, hint: t.hint, created_by: t.createdBy, created_at: iso(now) })
      .returningAll()
      .executeTakeFirstOrThrow();
    return tokenFromRow(row);
  }

  async listTokens(): Promise<ApiToken[]> {
    const rows = await this.db.selectFrom('api_tokens').selectAll().orderBy('id').execute();
    return rows.map(tokenFromRow);
  }

  /** The live (not revoked) token with this digest, noting its use. */
  async useToken(digest: string, now: DateInput = new Date()): Promise<ApiToken | null> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', digest).where('revoked_at', 'is', null).executeTakeFirst();
    if (!row) return null;
    const at = iso(now);
    if (!row.last_used_at || new Date(at).getTime() - new Date(row.last_used_at).getTime() > TOKEN_TOUCH_MS) {
      await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', row.id).execute();
      row.last_used_at = at;
    }
    return tokenFromRow(row);
  }

  /** Revokes a token; false when there is no such live token. */
  async revokeToken(id: number, now: DateInput = new Date()): Promise<boolean> {
    const r = await this.db.updateTable('api_tokens').set({ revoked_at: iso(now) }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return num(r.numUpdatedRows) > 0;
  }

  // ------------------------------------------------------------------ audit log

  /** Records what an operator did. Returns the entry's id. */
  async audit(e: { actor: string; action: string; targetType: string; targetId?: string | number | null; detail?: Record<string, unknown> }, now: DateInput = new Date()): Promise<number> {
    const row = await this.db
      .insertInto('audit_log')
      .values({
        actor: e.actor,
        action: e.action,
        target_type: e.targetType,
        target_id: e.targetId == null ? null : String(e.targetId),
        detail: JSON.stringify(e.detail ?? {}),
        at: iso(now),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Newest first; `before` pages on by id. */
  async auditLog(opts: { limit?: number; before?: number | null; targetType?: string; targetId?: string | number } = {}): Promise<AuditEntry[]> {
    let q = this.db.selectFrom('audit_log').selectAll();
    if (opts.before != null) q = q.where('id', '<', opts.before);
    if (opts.targetType) q = q.where('target_type', '=', opts.targetType);
    if (opts.targetId != null) q = q.where('target_id', '=', String(opts.targetId));
    const rows = await q.orderBy('id', 'desc').limit(Math.min(Math.max(opts.limit ?? 50, 1), 500)).execute();
    return rows.map(auditFromRow);
  }

  async auditEntry(id: number): Promise<AuditEntry | null> {
    const row = await this.db.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? auditFromRow(row) : null;
  }

  /** Marks an entry undone (once): false when it already was. */
  async markUndone(id: number, by: string, now: DateInput = new Date()): Promise<boolean> {
    const r = await this.db.updateTable('audit_log').set({ undone_at: iso(now), undone_by: by }).where('id', '=', id).where('undone_at', 'is', null).executeTakeFirst();
    return num(r.numUpdatedRows) > 0;
  }
}

function tokenFromRow(r: { id: number; name: string; hint: string; created_by: string; created_at: string; last_used_at: string | null; revoked_at: string | null }): ApiToken {
  return { id: r.id, name: r.name, hint: r.hint, createdBy: r.created_by, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at };
}

function auditFromRow(r: { id: number; actor: string; action: string; target_type: string; target_id: string | null; detail: unknown; at: string; undone_at: string | null; undone_by: string | null }): AuditEntry {
  return {
    id: r.id,
    actor: r.actor,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    detail: readJson<Record<string, unknown>>(r.detail, {}),
    at: r.at,
    undoneAt: r.undone_at,
    undoneBy: r.undone_by,
  };
}
