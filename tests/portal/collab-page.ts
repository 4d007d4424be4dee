// The Collaborate scheduler page (LTI launch): a single-page app that lists recordings through the REST API
// with the token from its URL. Its row markup is made up, as SITES.md says the real one is undocumented:
// rows carry the recording's name but no id, so only an exact name match ties a row to a recording. Laid out as a
// full-height app shell whose body never scrolls, its list scrolling in <main>: the harder case for anything that
// keeps room at the window's bottom (padding on the body would be out of reach there).
import { readFileSync } from 'node:fs';

const APP_SCRIPT = readFileSync(new URL('./pages/scheduler-app.js', import.meta.url), 'utf8');

const STYLE = `
html, body { height: 100%; }
body { font-family: "Open Sans", Arial, sans-serif; margin: 0; background: #f8f8f8; color: #262626; overflow: hidden; }
.scheduler { display: flex; flex-direction: column; height: 100%; }
.scheduler-header { background: #fff; padding: 12px 24px; border-bottom: 1px solid #e0e0e0; }
.scheduler-header h1 { font-size: 18px; margin: 0 0 8px; }
.tab { border: 0; background: none; padding: 6px 12px; cursor: pointer; }
.tab[aria-selected="true"] { border-bottom: 3px solid #6a2ccf; font-weight: 600; }
main { flex: 1; overflow-y: auto; padding: 16px 24px; }
.recording-list { list-style: none; padding: 0; }
.recording-list__item { display: flex; gap: 16px; align-items: center; background: #fff; margin: 6px 0; padding: 10px 14px; border-radius: 4px; }
.item-name { flex: 1; font-weight: 600; }
.item-details { color: #666; font-size: 13px; }
`;

export function schedulerPage(apiBase: string): string {
  const config = JSON.stringify({ apiBase }).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Blackboard Collaborate Ultra</title><style>${STYLE}</style></head>
<body><div id="scheduler" class="scheduler">
<header class="scheduler-header"><h1>Blackboard Collaborate</h1>
<nav role="tablist"><button class="tab" role="tab" data-view="sessions" aria-selected="false">Sessions</button>
<button class="tab" role="tab" data-view="recordings" aria-selected="true">Recordings</button></nav></header>
<main id="main-content"></main></div>
<script type="application/json" id="collab-config">${config}</script>
<script>${APP_SCRIPT}</script>
</body></html>`;
}
