// assets (admin): the admin stylesheet and its one small script, hashed like the site's
// assets (src/web/site.ts). The stylesheet is the admin's own rules followed by the source
// health charts' rules.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Asset } from '../site.ts';

function read(file: string): string {
  const url = new URL(`../assets/${file}`, import.meta.url);
  return existsSync(url) ? readFileSync(url, 'utf8') : '';
}

function asset(body: string, name: string, ext: string, type: string): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/assets/${name}.${hash}.${ext}`, body, type };
}

export const ADMIN_ASSETS = {
  css: asset(read('admin.css') + '\n' + read('admin-health.css'), 'admin', 'css', 'text/css; charset=utf-8'),
  js: asset(read('admin.js'), 'admin', 'js', 'text/javascript; charset=utf-8'),
};
