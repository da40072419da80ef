// auth: who may operate Newsdesk. Browsers log in with a password and get a session cookie
// (HttpOnly, SameSite=Lax, Secure over HTTPS); every form they post carries the session's
// CSRF token and must come from our own origin. API clients send `Authorization: Bearer`
// with a token made by `newsdesk admin token create`. Failed logins are counted in the
// database (so every process sees them) and slow an attacker down to a few guesses per
// quarter hour per account and per address.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../../config.ts';
import type { AdminStore } from '../../store/admin.ts';
import { hashPassword, randomToken, sameSecret, tokenDigest, verifyPassword } from './secrets.ts';

/** Failed logins allowed per account, and per client address, within the window. */
export const LOGIN_LIMIT = { perUser: 5, perIp: 20, windowMs: 15 * 60_000 } as const;
/** The login form's own CSRF token lives in this cookie until a session exists (double submit). */
const LOGIN_CSRF_COOKIE = 'nd_login_csrf';

/** Who is acting: a logged-in operator or an API token. */
export interface Operator {
  /** For the audit log: the username, "token:<name>", or "cli:<user>" on the server's shell. */
  actor: string;
  via: 'session' | 'token' | 'cli';
  /** The session's CSRF token (sessions only). */
  csrf: string | null;
}

export type LoginOutcome = { ok: true; username: string } | { ok: false; reason: 'invalid' | 'limited'; retryAfterSeconds?: number };

/** A hash to check against when the account does not exist, so both answers take as long. */
let dummyHash: Promise<string> | null = null;

export class AdminAuth {
  constructor(
    private readonly store: AdminStore,
    private readonly config: Config,
  ) {}

  /** True when the browser reached us over HTTPS (directly, or per a trusted proxy). */
  secure(c: Context): boolean {
    if (new URL(c.req.url).protocol === 'https:') return true;
    return this.config.server.trustProxy && (c.req.header('x-forwarded-proto') ?? '').split(',')[0]!.trim() === 'https';
  }

  /** The client's address: the socket's, or a trusted proxy's X-Forwarded-For. */
  clientIp(c: Context): string | null {
    if (this.config.server.trustProxy) {
      const fwd = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
      if (fwd) return fwd.slice(0, 64);
    }
    const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
    return env?.incoming?.socket?.remoteAddress ?? null;
  }

  /** The session cookie's name: `__Host-` prefixed over HTTPS, where browsers enforce its rules. */
  cookieName(c: Context): string {
    return this.secure(c) ? '__Host-nd_session' : 'nd_session';
  }

  /** Checks a password, counting failures; does not create a session. */
  async checkLogin(c: Context, username: string, password: string, now = new Date()): Promise<LoginOutcome> {
    const ip = this.clientIp(c);
    const since = new Date(now.getTime() - LOGIN_LIMIT.windowMs);
    const fails = await this.store.loginFailures(username, ip, since);
    if (fails.byUser >= LOGIN_LIMIT.perUser || fails.byIp >= LOGIN_LIMIT.perIp) {
      return { ok: false, reason: 'limited', retryAfterSeconds: Math.ceil(LOGIN_LIMIT.windowMs / 1000) };
    }
    const stored = await this.store.passwordHash(username);
    dummyHash ??= hashPassword(randomToken());
    const ok = await verifyPassword(password, stored ?? (await dummyHash));
    if (ok && stored) {
      await this.store.clearLoginFailures(username, ip);
      return { ok: true, username };
    }
    await this.store.recordLoginFailure(username, ip, now);
    return { ok: false, reason: 'invalid' };
  }

  /** Starts a session for `username` and sets its cookie. */
  async startSession(c: Context, username: string, now = new Date()): Promise<void> {
    const token = randomToken();
    await this.store.createSession(
      { digest: tokenDigest(token), username, csrf: randomToken(), expiresAt: this.expiry(now), ip: this.clientIp(c), userAgent: c.req.header('user-agent') ?? null },
      now,
    );
    setCookie(c, this.cookieName(c), token, { path: '/', httpOnly: true, secure: this.secure(c), sameSite: 'Lax', maxAge: this.config.admin.sessionHours * 3600 });
    deleteCookie(c, LOGIN_CSRF_COOKIE, { path: '/admin', secure: this.secure(c) });
  }

  /** The operator behind the request's session cookie, or null (none, unknown, forged or expired). */
  async fromSession(c: Context, now = new Date()): Promise<Operator | null> {
    const token = getCookie(c, this.cookieName(c));
    if (!token || token.length > 100) return null;
    const s = await this.store.session(tokenDigest(token), now, this.expiry(now));
    return s ? { actor: s.username, via: 'session', csrf: s.csrf } : null;
  }

  /** The operator behind an `Authorization: Bearer` API token, or null. */
  async fromToken(c: Context, now = new Date()): Promise<Operator | null> {
    const m = /^Bearer\s+(\S{1,200})$/i.exec(c.req.header('authorization') ?? '');
    if (!m) return null;
    const t = await this.store.useToken(tokenDigest(m[1]!), now);
    return t ? { actor: `token:${t.name}`, via: 'token', csrf: null } : null;
  }

  /** Ends the request's session (if any) and clears its cookie. */
  async endSession(c: Context): Promise<void> {
    const name = this.cookieName(c);
    const token = getCookie(c, name);
    if (token) await this.store.deleteSession(tokenDigest(token));
    deleteCookie(c, name, { path: '/', secure: this.secure(c) });
  }

  /**
   * Whether a state-changing request from a browser session may proceed: it must carry the
   * session's CSRF token and, when the browser says where it comes from, come from our origin.
   */
  csrfOk(c: Context, op: Operator, submitted: string | null | undefined): boolean {
    if (op.via !== 'session') return true;
    if (!this.sameOrigin(c)) return false;
    return typeof submitted === 'string' && op.csrf !== null && sameSecret(submitted, op.csrf);
  }

  /** The login form's CSRF token: the cookie's, or a new one set now. */
  loginCsrf(c: Context): string {
    const existing = getCookie(c, LOGIN_CSRF_COOKIE);
    if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
    const token = randomToken();
    setCookie(c, LOGIN_CSRF_COOKIE, token, { path: '/admin', httpOnly: true, secure: this.secure(c), sameSite: 'Strict' });
    return token;
  }

  /** The login form's submitted token matches its cookie, from our own origin. */
  loginCsrfOk(c: Context, submitted: string | null | undefined): boolean {
    const cookie = getCookie(c, LOGIN_CSRF_COOKIE);
    return this.sameOrigin(c) && !!cookie && typeof submitted === 'string' && sameSecret(submitted, cookie);
  }

  /** Origin (or, failing that, Referer) is ours when the browser sends one. */
  sameOrigin(c: Context): boolean {
    const ours = this.origin(c);
    const origin = c.req.header('origin');
    if (origin && origin !== 'null') return origin === ours;
    if (origin === 'null') return false;
    const referer = c.req.header('referer');
    if (referer) {
      try {
        return new URL(referer).origin === ours;
      } catch {
        return false;
      }
    }
    return true;
  }

  private origin(c: Context): string {
    const url = new URL(c.req.url);
    if (this.config.server.trustProxy) {
      const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
      const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
      if (proto) url.protocol = proto + ':';
      if (host) url.host = host;
    }
    return url.origin;
  }

  private expiry(now: Date): Date {
    return new Date(now.getTime() + this.config.admin.sessionHours * 3600_000);
  }
}
