// The demo Zoom recordings page: a small single-page app like the newer (Vue) portal. It loads rows from
// the JSON endpoints after the page loaded, rebuilds them from new nodes on paging and Refresh, and changes
// views with history.pushState — the situations a content script must survive on the real site.
(() => {
  const config = JSON.parse(document.getElementById('zm-page-config').textContent);
  const app = document.getElementById('app');
  const PAGE_SIZE = 15;
  let csrfToken = null;
  let loadSeq = 0;

  const esc = (text) =>
    String(text).replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
    );
  const sizeText = (mb) => (mb < 1 ? `${Math.max(1, Math.round(mb * 1024))} KB` : `${mb.toFixed(1)} MB`);
  const spacedNumber = (n) => String(n).replace(/^(\d{3})(\d{3,4})(\d{4})$/, '$1 $2 $3');
  const base = config.management ? '/recording/management' : '/recording';

  function setContent(node) {
    const old = app.children[1];
    if (old) app.replaceChild(node, old);
    else app.appendChild(node);
  }

  function signInAgain() {
    location.href = `/signin?from=${encodeURIComponent(location.pathname + location.search)}`;
  }

  async function csrf() {
    if (csrfToken) return csrfToken;
    const answer = await fetch('/csrf_js', { method: 'POST', headers: { 'FETCH-CSRF-TOKEN': '1' } });
    const text = await answer.text();
    csrfToken = text.slice(text.indexOf(':') + 1).trim();
    return csrfToken;
  }

  async function hostList(page, search) {
    const form = new URLSearchParams({
      from: config.from,
      to: config.to,
      search_value: search,
      transcript_keyword: '',
      search_type: 'mixed',
      p: String(page),
      search_status: '0',
      assistant_host_id: '',
    });
    const answer = await fetch('/nws/recording/1.0/host-list', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8',
        'Zoom-Csrftoken': await csrf(),
        'X-Requested-With': 'XMLHttpRequest, OWASP CSRFGuard Project',
      },
      body: form,
    });
    return answer.json();
  }

  function currentPage() {
    const p = Number.parseInt(new URLSearchParams(location.search).get('p') || '1', 10);
    return p > 0 ? p : 1;
  }

  function rowHtml(rec) {
    const processing = rec.status === 'processing';
    const files = `${rec.recordingCount} Files (${sizeText(rec.fileSizeInMB)})`;
    const detail = `${base}/detail?meeting_id=${encodeURIComponent(rec.meetingId)}`;
    if (config.drifted) {
      // A redesign: the topic opens the recording through a click handler, no link to its detail page.
      return `<tr class="zm-table__row"><td class="zm-table__cell"><button class="rec-open" data-key="${esc(rec.meetingId)}">${esc(rec.topic)}</button></td>
        <td class="zm-table__cell">${esc(rec.meetingStartTimeStr)}</td><td class="zm-table__cell">${processing ? 'Processing Recording' : files}</td></tr>`;
    }
    return `<tr class="zm-table__row">
      <td class="zm-table__cell"><div class="item_list_header"><a class="topic-actived" href="${detail}"><span class="meeting-topic">${esc(rec.topic)}</span></a></div><div class="meeting-id">ID: ${spacedNumber(rec.meetingNumber)}</div></td>
      ${config.management ? `<td class="zm-table__cell">${esc(rec.hostEmail)}</td>` : ''}
      <td class="zm-table__cell">${esc(rec.meetingStartTimeStr)}</td>
      <td class="zm-table__cell">${processing ? 'Processing Recording' : files}</td>
      <td class="zm-table__cell">${processing ? '' : `<a class="download-btn zm-button zm-button--primary" href="#">Download (${rec.recordingCount} files)</a>`}</td>
    </tr>`;
  }

  function listSkeleton() {
    const list = document.createElement('div');
    list.className = 'recording-list';
    list.innerHTML = `<div class="search-bar"><input class="zm-input search-input" type="search" placeholder="Search by ID or topic">
      <input class="zm-input date-from" value="${esc(config.from)}"><input class="zm-input date-to" value="${esc(config.to)}">
      <button class="zm-button search-btn">Search</button></div>
      <table class="zm-table"><thead><tr><th>Topic</th>${config.management ? '<th>Host</th>' : ''}<th>Start Time</th><th>File Size</th><th></th></tr></thead><tbody></tbody></table>
      <div class="zm-pagination"><button class="btn-prev">‹</button><ul class="zm-pager"></ul><button class="btn-next">›</button></div>
      <button class="zm-button refresh-list">Refresh</button>`;
    list.querySelector('.refresh-list').addEventListener('click', () => loadList());
    list.querySelector('.search-btn').addEventListener('click', () => {
      config.from = list.querySelector('.date-from').value;
      config.to = list.querySelector('.date-to').value;
      if (currentPage() === 1) loadList();
      else go(base);
    });
    list.querySelector('.btn-prev').addEventListener('click', () => go(`${base}?p=${currentPage() - 1}`));
    list.querySelector('.btn-next').addEventListener('click', () => go(`${base}?p=${currentPage() + 1}`));
    list.querySelector('.zm-pager').addEventListener('click', (event) => {
      const item = event.target.closest('li.number');
      if (item) go(`${base}?p=${item.textContent.trim()}`);
    });
    return list;
  }

  async function loadList() {
    let list = app.querySelector('.recording-list');
    if (!list) {
      list = listSkeleton();
      setContent(list);
    }
    const seq = ++loadSeq;
    const page = currentPage();
    const answer = await hostList(page, list.querySelector('.search-input').value.trim());
    if (seq !== loadSeq || !list.isConnected) return; // the user went elsewhere meanwhile
    if (!answer.status) return signInAgain();
    const { total_records: total, recordings } = answer.result;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    // New nodes every time, as a re-render of the real app does: decorations on old rows are gone.
    list.querySelector('tbody').innerHTML = recordings.length
      ? recordings.map(rowHtml).join('')
      : '<tr class="zm-table__row empty"><td class="zm-table__cell" colspan="5">No recordings</td></tr>';
    list.querySelector('.zm-pager').innerHTML = Array.from(
      { length: pages },
      (_, i) => `<li class="number${i + 1 === page ? ' active' : ''}">${i + 1}</li>`,
    ).join('');
    list.querySelector('.btn-prev').disabled = page <= 1;
    list.querySelector('.btn-next').disabled = page >= pages;
  }

  function showMeetings() {
    loadSeq++;
    const meetings = document.createElement('div');
    meetings.className = 'meeting-list';
    meetings.innerHTML = `<h2>Upcoming Meetings</h2><p class="empty-tip">You do not have any upcoming meetings.</p>
      <a class="zm-button zm-button--primary" href="#">Schedule a Meeting</a>`;
    setContent(meetings);
  }

  async function showDetail() {
    const id = new URLSearchParams(location.search).get('meeting_id') || '';
    const detail = document.createElement('div');
    detail.className = 'recording-detail';
    detail.innerHTML = `<a class="back-link" href="${base}" data-nav>‹ Back to Recordings</a><div class="detail-body" role="status">Loading…</div>`;
    setContent(detail);
    const answer = await (await fetch(`/nws/recording/1.0/detail?meeting_id=${encodeURIComponent(id)}`)).json();
    if (!answer.status) {
      if (answer.errorCode === 201) return signInAgain();
      detail.querySelector('.detail-body').textContent = answer.errorMessage || 'This recording does not exist.';
      return;
    }
    const meeting = answer.result;
    const clips = Object.entries(meeting.clipFilesResultMap).map(
      ([
        start,
        files,
      ]) => `<div class="clip" data-clip-start="${esc(start)}"><h3 class="clip-time">${esc(new Date(Number(start)).toUTCString())}</h3>
        <ul class="file-list">${files
          .map(
            (file) => `<li class="file-item"><span class="file-name">${esc(file.displayFileName)}</span>
            <span class="file-size">${sizeText(file.fileSizeInMB)}</span>
            ${meeting.status === 'processing' ? '<span class="processing">Processing</span>' : `<a class="download-btn zm-button" href="/rec/download/${encodeURIComponent(file.playId)}">Download</a>`}</li>`,
          )
          .join('')}</ul></div>`,
    );
    detail.querySelector('.detail-body').outerHTML = `<h2 class="topic-title">${esc(meeting.topic)}</h2>
      <div class="meeting-id">ID: ${spacedNumber(meeting.meetingNumber)} · ${esc(meeting.meetingStartTimeStr)}</div>${clips.join('')}`;
  }

  function route() {
    if (location.pathname === '/meeting') return showMeetings();
    if (/\/detail\/?$/.test(location.pathname)) return showDetail();
    return loadList();
  }

  function go(url) {
    history.pushState(null, '', url);
    route();
  }

  document.addEventListener('click', (event) => {
    // The real button downloads every file one by one; the demo leaves that to Reclaim.
    if (event.target.closest('a.download-btn[href="#"]')) event.preventDefault();
    const link = event.target.closest('a[data-nav]');
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    go(link.getAttribute('href'));
  });
  window.addEventListener('popstate', route);
  route();
})();
