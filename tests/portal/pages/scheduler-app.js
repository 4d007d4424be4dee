// The demo Collaborate scheduler: lists recordings from the CSA REST API with the LTI token from the URL
// (kept in sessionStorage, as the page's own later requests still need it), filtered like the real page
// ("Recent recordings" or a date range). Switching tabs rebuilds the content from new nodes.
(() => {
  const config = JSON.parse(document.getElementById('collab-config').textContent);
  const main = document.getElementById('main-content');
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) sessionStorage.setItem('collab-token', fromUrl);
  const token = fromUrl || sessionStorage.getItem('collab-token') || '';
  let loadSeq = 0;

  const esc = (text) =>
    String(text).replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
    );
  const minutes = (ms) => {
    const total = Math.round(ms / 1000);
    const pad = (n) => String(n).padStart(2, '0');
    return `${Math.floor(total / 3600)}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  };

  function recordingsView() {
    const view = document.createElement('section');
    view.className = 'recordings-view';
    view.innerHTML = `<div class="recordings-filter">
        <label>Show <select class="filter-select" aria-label="Filter recordings">
          <option value="all" selected>All recordings</option><option value="recent">Recent recordings</option>
          <option value="range">Recordings in a range</option></select></label>
        <input type="date" class="filter-start" aria-label="Start date" hidden> <input type="date" class="filter-end" aria-label="End date" hidden>
        <input type="search" class="filter-name" placeholder="Search recordings" aria-label="Search recordings"></div>
      <ul class="recording-list" role="list"><li class="loading" role="status">Loading recordings…</li></ul>`;
    const select = view.querySelector('.filter-select');
    select.addEventListener('change', () => {
      for (const input of view.querySelectorAll('input[type=date]')) input.hidden = select.value !== 'range';
      load(view);
    });
    for (const input of view.querySelectorAll('input')) input.addEventListener('change', () => load(view));
    return view;
  }

  function query(view) {
    const params = new URLSearchParams({ limit: '1000', offset: '0', sort: 'endTime', order: 'desc' });
    const mode = view.querySelector('.filter-select').value;
    if (mode === 'recent') params.set('startTime', new Date(Date.now() - 30 * 86_400_000).toISOString());
    if (mode === 'range') {
      const start = view.querySelector('.filter-start').value;
      const end = view.querySelector('.filter-end').value;
      if (start) params.set('startTime', `${start}T00:00:00.000Z`);
      if (end) params.set('endTime', `${end}T23:59:59.999Z`);
    }
    const name = view.querySelector('.filter-name').value.trim();
    if (name) params.set('name', name);
    return params;
  }

  async function load(view) {
    const seq = ++loadSeq;
    const list = view.querySelector('.recording-list');
    const answer = await fetch(`${config.apiBase}/recordings?${query(view)}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (seq !== loadSeq) return;
    if (answer.status === 401) {
      list.innerHTML =
        '<li class="error" role="alert">Your session has expired. Open Collaborate again from your course.</li>';
      return;
    }
    const { results } = await answer.json();
    list.innerHTML = results.length
      ? results
          .map(
            (rec) => `<li class="recording-list__item" role="listitem">
          <div class="item-name" title="${esc(rec.name)}">${esc(rec.name)}</div>
          <div class="item-details"><span class="recording-date">${esc(new Date(rec.startTime).toUTCString().slice(0, 16))}</span>
          · <span class="recording-duration">${minutes(rec.duration)}</span></div>
          <button class="recording-menu-button" aria-haspopup="true" aria-label="Recording options for ${esc(rec.name)}">⋯</button></li>`,
          )
          .join('')
      : '<li class="empty">No recordings found.</li>';
  }

  function sessionsView() {
    const view = document.createElement('section');
    view.className = 'sessions-view';
    view.innerHTML =
      '<h2>Sessions</h2><ul class="session-list"><li>Course Room <span class="badge">Open</span></li></ul>';
    return view;
  }

  function show(name) {
    loadSeq++;
    for (const tab of document.querySelectorAll('.tab'))
      tab.setAttribute('aria-selected', String(tab.dataset.view === name));
    const view = name === 'sessions' ? sessionsView() : recordingsView();
    main.replaceChildren(view);
    if (name === 'recordings') load(view);
  }

  for (const tab of document.querySelectorAll('.tab')) tab.addEventListener('click', () => show(tab.dataset.view));
  show('recordings');
})();
