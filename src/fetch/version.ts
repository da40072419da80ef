// fetch/version: Newsdesk's version and the User-Agent it introduces itself with.
import { readFileSync } from 'node:fs';

/** Newsdesk's version, from package.json. */
export const VERSION: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
})();

/** The product token robots.txt groups are matched against (`User-agent: Newsdesk`). */
export const ROBOTS_TOKEN = 'Newsdesk';

const DEFAULT_CONTACT = 'https://github.com/newsdesk';

/** How Newsdesk introduces itself when the operator gave no contact URL. */
export const USER_AGENT = userAgent(null);

/** The User-Agent with the operator's contact URL (or mailto:), so site owners can reach them. */
export function userAgent(contactUrl: string | null | undefined): string {
  return `${ROBOTS_TOKEN}/${VERSION} (self-hosted news aggregator; +${contactUrl || DEFAULT_CONTACT})`;
}
