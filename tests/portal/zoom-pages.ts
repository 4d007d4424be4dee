// The HTML of the Zoom web portal imitation: the sign-in page and the shell of the recordings single-page
// app. The app itself (pages/zoom-app.js) builds the list the way the newer (Vue) portal marks it up, from
// the same JSON endpoints the real page calls — so the adapter meets rows that appear late and get rebuilt.
import { readFileSync } from 'node:fs';
import { escapeHtml } from './http.ts';

const APP_SCRIPT = readFileSync(new URL('./pages/zoom-app.js', import.meta.url), 'utf8');

const STYLE = `
body { font-family: Lato, Helvetica, Arial, sans-serif; margin: 0; color: #232333; }
#app { max-width: 1100px; margin: 0 auto; padding: 16px; }
.zm-nav { padding: 8px 0 16px; border-bottom: 1px solid #ededf4; margin-bottom: 16px; }
.zm-nav a { margin-right: 16px; color: #0e72ed; text-decoration: none; }
.zm-table { width: 100%; border-collapse: collapse; }
.zm-table th, .zm-table td { text-align: left; padding: 10px 8px; border-bottom: 1px solid #ededf4; }
.zm-button { border: 1px solid #d9d9e3; border-radius: 8px; background: #fff; padding: 6px 14px; cursor: pointer; }
.zm-button--primary { background: #0e72ed; color: #fff; text-decoration: none; }
.zm-pagination { display: flex; gap: 8px; align-items: center; margin: 16px 0; }
.zm-pager { display: flex; gap: 4px; list-style: none; padding: 0; margin: 0; }
.zm-pager .number { padding: 4px 10px; cursor: pointer; border-radius: 4px; }
.zm-pager .number.active { background: #0e72ed; color: #fff; }
.meeting-id, .file-size { color: #747487; font-size: 13px; }
.search-bar { display: flex; gap: 8px; margin-bottom: 12px; }
`;

export interface AppConfig {
  management: boolean;
  /** Initial filter, MM/DD/YYYY, as the real page keeps it in its date pickers. */
  from: string;
  to: string;
  /** Rows drawn without links to their detail pages (a redesign Reclaim does not know). */
  drifted?: boolean;
}

function json(value: unknown): string {
  // "<" escaped so a topic can never close the script element.
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function appPage(config: AppConfig): string {
  const home = config.management ? '/recording/management' : '/recording';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>My Recordings - Zoom</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body>
<div id="app"><nav class="zm-nav"><a href="${home}" data-nav>Recordings</a> <a href="/meeting" data-nav>Meetings</a></nav>
<div class="zm-loading" role="status">Loading…</div></div>
<script type="application/json" id="zm-page-config">${json(config)}</script>
<script>${APP_SCRIPT}</script>
</body></html>`;
}

export function signinPage(notice?: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign In - Zoom</title><style>${STYLE}</style></head>
<body><div id="app"><main class="signin">
<h1>Welcome to Zoom</h1>
${notice ? `<p class="signin-notice" role="alert">${escapeHtml(notice)}</p>` : ''}
<form method="post" action="/signin">
<label>Email Address <input type="email" name="email" autocomplete="username" value="anna.svensson@uni.example.se"></label><br>
<label>Password <input type="password" name="password" autocomplete="current-password" value="demo"></label><br>
<button type="submit" class="zm-button zm-button--primary" id="js_btn_login">Sign in</button>
</form></main></div></body></html>`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Nov 3, 2026 10:00 AM" (UTC: the portal has no time zone setting). */
export function zoomTimeText(ms: number): string {
  const date = new Date(ms);
  const hours = date.getUTCHours();
  const minutes = String(date.getUTCMinutes()).padStart(2, '0');
  const clock = `${hours % 12 === 0 ? 12 : hours % 12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`;
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()} ${clock}`;
}

/** MM/DD/YYYY, the format of the list's date filter. */
export function usDate(ms: number): string {
  const date = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getUTCMonth() + 1)}/${two(date.getUTCDate())}/${date.getUTCFullYear()}`;
}
