// chibo web UI: one page, hash routes, plain DOM. Reads from this service (the query API), writes to the
// command-service (window.CHIBO.commandUrl) with the same bearer token. Vietnamese text, dd/MM/yyyy dates.
'use strict';

const ZONE = 'Asia/Ho_Chi_Minh';
const FLAGS = {
  'no-regular-meeting': 'Chưa sinh hoạt thường kỳ',
  'low-attendance': 'Tỷ lệ dự họp thấp',
  'unexcused-absence': 'Vắng không lý do',
  'too-short': 'Thời lượng ngắn',
  'off-regular-day': 'Khác ngày thường kỳ',
  'minutes-late': 'Biên bản chậm',
  'no-topical-meeting': 'Chưa sinh hoạt chuyên đề',
  'ratings-missing': 'Thiếu xếp loại',
  'overdue-tasks': 'Nhiệm vụ quá hạn',
  'repeated-absence': 'Vắng nhiều lần liên tiếp',
  'transfer-late': 'Chậm tiếp nhận',
  'no-residence-feedback': 'Chưa có nhận xét nơi cư trú',
  'overdue-task': 'Nhiệm vụ quá hạn'
};
const RATINGS = {
  EXCELLENT: 'Hoàn thành xuất sắc nhiệm vụ', GOOD: 'Hoàn thành tốt nhiệm vụ',
  COMPLETED: 'Hoàn thành nhiệm vụ', NOT_COMPLETED: 'Không hoàn thành nhiệm vụ'
};
const KINDS = { REGULAR: 'Thường kỳ', TOPICAL: 'Chuyên đề', EXTRAORDINARY: 'Bất thường' };
const SECTIONS = [
  ['currentAffairs', 'Thông tin thời sự'], ['policies', 'Phổ biến chủ trương, chính sách mới'],
  ['thinking', 'Tình hình tư tưởng đảng viên'], ['lastMonthReview', 'Kiểm điểm nhiệm vụ tháng trước'],
  ['selfCriticism', 'Tự phê bình và phê bình'], ['conclusions', 'Kết luận'], ['nextMonthTasks', 'Nhiệm vụ tháng tới']
];

const state = {
  token: sessionStorage.getItem('chibo.token'),
  me: JSON.parse(sessionStorage.getItem('chibo.me') || 'null')
};

// ---------- small helpers ----------
const $ = (selector, root = document) => root.querySelector(selector);
const esc = (text) => String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const view = (html) => { $('#app').innerHTML = html; };
const pad = (n) => String(n).padStart(2, '0');

function dmy(isoDate) {
  if (!isoDate) return '';
  const [y, m, d] = isoDate.substring(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

function dmyhm(instant) {
  if (!instant) return '';
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(new Date(instant));
  const get = (type) => parts.find(p => p.type === type).value;
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

/** dd/MM/yyyy and HH:mm typed by the user, as an instant in Vietnam's time. */
function instantOf(dayText, timeText) {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec((dayText || '').trim());
  const t = /^(\d{1,2}):(\d{2})$/.exec((timeText || '08:00').trim());
  if (!m || !t) return null;
  return `${m[3]}-${pad(m[2])}-${pad(m[1])}T${pad(t[1])}:${t[2]}:00+07:00`;
}

function monthOf(text) {
  const m = /^(\d{1,2})\/(\d{4})$/.exec((text || '').trim());
  return m ? `${m[2]}-${pad(m[1])}` : null;
}

function currentMonth() {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, year: 'numeric', month: '2-digit' }).formatToParts(new Date());
  return `${parts.find(p => p.type === 'year').value}-${parts.find(p => p.type === 'month').value}`;
}

function flags(list) {
  return (list || []).map(f => `<span class="flag flag-${esc(f)}" data-flag="${esc(f)}">${esc(FLAGS[f] || f)}</span>`).join('');
}

class Problem extends Error {
  constructor(body, status) {
    super(body.detail || ('HTTP ' + status));
    this.body = body;
    this.status = status;
  }
}

async function call(base, path, options = {}) {
  const headers = Object.assign({ 'Accept': 'application/json' }, options.headers || {});
  if (state.token) headers['Authorization'] = 'Bearer ' + state.token;
  if (options.body !== undefined && typeof options.body !== 'string') {
    headers['Content-Type'] = 'application/json';
    options = Object.assign({}, options, { body: JSON.stringify(options.body) });
  }
  const response = await fetch(base + path, Object.assign({}, options, { headers }));
  if (base === '') rebuildingBanner(response.headers.get('Chibo-Read-Model') === 'rebuilding');
  if (response.status === 401 && path !== '/api/auth/token') {
    logout();
    throw new Problem({ detail: 'Phiên đăng nhập đã hết hạn, hãy đăng nhập lại.' }, 401);
  }
  const type = response.headers.get('Content-Type') || '';
  if (!response.ok) {
    const body = type.includes('json') ? await response.json() : { detail: await response.text() };
    throw new Problem(body, response.status);
  }
  if (options.raw) return response;
  return type.includes('json') ? response.json() : response.text();
}

const query = (path, options) => call('', path, options);
// A write keeps its Idempotency-Key until it gets an answer: sent again, by itself when the line dropped or the service
// could not take it (503: the database unreachable; a proxy's 502 or 504), or by the user pressing the button again on
// the same form, it is applied once, and its first answer comes back. One key is kept per address: a write of other
// content (or another If-Match) to the same address is a new write, with a new key, and any answer from an address
// forgets its key. A 401 keeps it: once logged in again, the same form goes under the same key.
const unanswered = new Map();
const RESEND_AFTER_MS = [1000, 2000, 4000];
const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : String(Date.now() + Math.random()));

async function command(path, body, method = 'POST', headers = {}) {
  const address = `${method} ${path}`;
  const what = JSON.stringify([body === undefined ? null : body, headers['If-Match'] || null]);
  const pending = unanswered.get(address);
  const key = pending && pending.what === what ? pending.key : newKey();
  unanswered.set(address, { what, key });
  const forget = () => { if ((unanswered.get(address) || {}).key === key) unanswered.delete(address); };
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await call(window.CHIBO.commandUrl, path, { method, body, headers: Object.assign({ 'Idempotency-Key': key }, headers) });
      forget();
      return answer;
    } catch (error) {
      // fetch throws a TypeError when no answer came; a Problem is an answer, but a 503 (the database unreachable) or a
      // proxy's 502 or 504 (the service restarting) says nothing of the write
      const noAnswer = !(error instanceof Problem) || [502, 503, 504].includes(error.status);
      if (error instanceof Problem && error.status === 401) throw error;
      if (!noAnswer) {
        forget();
        throw error;
      }
      if (attempt >= RESEND_AFTER_MS.length) {
        throw new Problem({ code: 'no-answer', detail: 'Chưa gửi được: đường truyền chập chờn hoặc máy chủ tạm gián đoạn, nên chưa biết '
          + 'yêu cầu đã được ghi nhận hay chưa. Những gì bạn nhập vẫn còn đây: khi có mạng, hãy nhấn lại nút (không sửa gì), '
          + 'yêu cầu chỉ được ghi một lần.' }, 0);
      }
      await new Promise(resolve => setTimeout(resolve, RESEND_AFTER_MS[attempt]));
    }
  }
}

// A write names the version of the record its page shows (If-Match): one refused as stale was made from a page that did
// not show someone else's change, which it would otherwise have overwritten or signed unseen.
const ifMatch = version => ({ 'If-Match': `"${version}"` });

/** Shows a refusal beside the field it concerns, keeps what was typed. */
function showProblem(form, error, fieldMap = {}) {
  form.querySelectorAll('.error').forEach(e => { e.textContent = ''; });
  const body = error.body || { detail: error.message };
  const field = fieldMap[body.field] || body.field;
  const target = field && form.querySelector(`[data-error-for="${field}"]`);
  // the API's "reload and send again" would lose what was typed here: say how to keep it
  const detail = body.code === 'stale-version'
    ? 'Người khác vừa lưu bản ghi này sau khi trang được mở, nên chưa lưu gì của bạn. Những gì bạn gõ vẫn còn đây: '
      + 'hãy sao chép, tải lại trang để xem bản mới, rồi dán và lưu lại.'
    : body.detail;
  (target || form.querySelector('[data-error-for="form"]')).textContent = detail || 'Có lỗi.';
}

// While the read models are rebuilt from the log (a replay), every answer says so: the page shows the records as they
// were when the rebuild began, and those sent since show once it is over.
function rebuildingBanner(on) {
  let banner = document.getElementById('rebuilding');
  if (on && !banner) {
    banner = document.createElement('div');
    banner.id = 'rebuilding';
    banner.className = 'notice bad';
    banner.textContent = 'Dữ liệu đang được dựng lại từ nhật ký sự kiện: trang hiện số liệu tính đến lúc bắt đầu dựng lại, '
      + 'các hồ sơ gửi sau đó sẽ hiện khi dựng xong. Hãy tải lại trang sau ít phút.';
    document.body.prepend(banner);
  } else if (!on && banner) {
    banner.remove();
  }
}

function notice(text, bad = false) {
  const box = document.createElement('div');
  box.className = 'notice' + (bad ? ' bad' : '');
  box.id = 'notice';
  box.textContent = text;
  $('#app').prepend(box);
}

async function download(path, accept, filename) {
  const response = await query(path, { headers: { 'Accept': accept }, raw: true });
  // Excel reads a CSV without a byte order mark in the machine's code page, and Vietnamese comes out garbled
  // ("Chi bá»™"): the file saved from here starts with one; the API's CSV stays plain UTF-8 for programs
  const blob = accept === 'text/csv'
    ? new Blob(['\ufeff', await response.text()], { type: 'text/csv;charset=utf-8' })
    : await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
}

// ---------- login ----------
function logout() {
  state.token = null;
  state.me = null;
  sessionStorage.removeItem('chibo.token');
  sessionStorage.removeItem('chibo.me');
  location.hash = '#/login';
}

function renderLogin() {
  view(`<section class="card" style="max-width:420px;margin:2rem auto">
      <h1>Đăng nhập</h1>
      <form id="login-form" class="grid" style="grid-template-columns:1fr">
        <label>Tên đăng nhập <input id="username" name="username" autocomplete="username" required></label>
        <label>Mật khẩu <input id="password" name="password" type="password" autocomplete="current-password" required></label>
        <div class="error" id="login-error" data-error-for="form"></div>
        <button id="login-button" type="submit">Đăng nhập</button>
      </form></section>`);
  $('#login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    try {
      const token = await call(window.CHIBO.commandUrl, '/api/auth/token', { method: 'POST',
        body: { username: $('#username').value.trim(), password: $('#password').value } });
      state.token = token.access_token;
      state.me = await query('/api/me');
      sessionStorage.setItem('chibo.token', state.token);
      sessionStorage.setItem('chibo.me', JSON.stringify(state.me));
      location.hash = state.me.role === 'CELL' ? `#/cell/${state.me.unitId}` : '#/dashboard';
    } catch (error) {
      showProblem(form, error, { username: 'form', password: 'form' });
    }
  });
}

// ---------- dashboard ----------
async function renderDashboard(params) {
  const unit = params.get('unit') || state.me.unitId;
  const month = params.get('month') || currentMonth();
  const [y, m] = month.split('-');
  view('<p>Đang tải…</p>');
  const [compliance, trends, ratings, unitView] = await Promise.all([
    query(`/api/dashboard/compliance?unit=${unit}&month=${month}`),
    query(`/api/dashboard/trends?unit=${unit}&to=${month}`),
    query(`/api/dashboard/ratings?unit=${unit}&month=${month}`),
    query(`/api/org-units/${unit}`)
  ]);
  const crumbs = unitView.ancestors.map(a => `<a href="#/dashboard?unit=${a.id}&month=${month}">${esc(a.name)}</a> ›`).join(' ');
  const total = compliance.total;
  view(`
    <div class="breadcrumb muted">${crumbs}</div>
    <h1 id="unit-title">${esc(compliance.unitName)} — tháng ${m}/${y}</h1>
    <div class="toolbar">
      <label>Tháng (MM/yyyy) <input id="month" value="${m}/${y}" size="8"></label>
      <button id="month-go" class="secondary">Xem</button>
      <button id="export-xlsx" class="secondary">Tải báo cáo .xlsx</button>
      <button id="export-csv" class="secondary">Tải .csv</button>
    </div>
    <section class="card">
      <strong>${total.cells}</strong> chi bộ · đã sinh hoạt thường kỳ <strong id="total-held">${total.regularMeetingsHeld}</strong>
      (đúng ngày ${total.heldOnRegularDay}) · biên bản hoàn thành ${total.minutesFinal}, chậm ${total.minutesLate}
      · tỷ lệ dự họp bình quân ${total.averageAttendance == null ? '—' : Math.round(total.averageAttendance * 100) + '%'}
      · đã xếp loại ${total.ratingsSubmitted}/${total.members} · nhiệm vụ quá hạn ${total.overdueTasks}
    </section>
    ${compliance.byUnit.length ? `<h2>Theo đơn vị</h2><div class="scroll"><table id="units-table">
      <tr><th>Đơn vị</th><th>Chi bộ</th><th>Đã sinh hoạt</th><th>Biên bản chậm</th><th>Đã xếp loại</th><th>Cảnh báo</th></tr>
      ${compliance.byUnit.map(u => `<tr class="link" data-unit-id="${u.unitId}">
        <td>${esc(u.unitName)}</td><td>${u.cells}</td><td>${u.regularMeetingsHeld}/${u.cells}</td><td>${u.minutesLate}</td>
        <td>${u.ratingsSubmitted}/${u.members}</td>
        <td>${Object.entries(u.flags).map(([f, n]) => `<span class="flag">${esc(FLAGS[f] || f)}: ${n}</span>`).join('')}</td></tr>`).join('')}
      </table></div>` : ''}
    <h2>Các chi bộ</h2>
    <div class="scroll"><table id="compliance-table">
      <tr><th>Chi bộ</th><th>Đơn vị</th><th>Sinh hoạt thường kỳ</th><th>Báo trước</th><th>Dự họp</th><th>Thời lượng</th>
          <th>Điểm</th><th>Biên bản</th><th>Xếp loại</th><th>Quá hạn</th><th>Cảnh báo</th></tr>
      ${compliance.rows.map(r => `<tr class="link" data-cell-id="${r.cellId}">
        <td>${esc(r.cellName)}</td><td>${esc(r.unitName)}</td>
        <td>${r.regularMeetingOn ? (r.regularMeetingHeld ? '' : '<span class="muted">dự kiến</span> ') + dmy(r.regularMeetingOn) : '<span class="muted">—</span>'}</td>
        <td>${r.noticeDays ?? ''}</td><td>${r.attendanceRate == null ? '' : Math.round(r.attendanceRate * 100) + '%'}</td>
        <td>${r.durationMinutes ?? ''}</td><td>${r.scoreTotal ?? ''}</td>
        <td>${r.minutesFinal ? '<span class="ok">Đã hoàn thành</span>' : (r.regularMeetingHeld ? 'Chưa' : '')}</td>
        <td>${r.ratingsSubmitted}/${r.members}</td><td>${r.overdueTasks || ''}</td><td>${flags(r.flags)}</td></tr>`).join('')}
    </table></div>
    <h2>Biểu đồ</h2>
    <div class="charts"><div id="chart-meetings" class="chart card"></div><div id="chart-attendance" class="chart card"></div>
      <div id="chart-ratings" class="chart card"></div></div>`);
  $('#month-go').addEventListener('click', () => {
    const chosen = monthOf($('#month').value);
    if (chosen) location.hash = `#/dashboard?unit=${unit}&month=${chosen}`;
  });
  $('#export-xlsx').addEventListener('click', () => download(`/api/dashboard/compliance?unit=${unit}&month=${month}`,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `sinh-hoat-chi-bo-${month}.xlsx`));
  $('#export-csv').addEventListener('click', () => download(`/api/dashboard/compliance?unit=${unit}&month=${month}`,
    'text/csv', `sinh-hoat-chi-bo-${month}.csv`));
  document.querySelectorAll('#units-table tr[data-unit-id]').forEach(tr => tr.addEventListener('click',
    () => { location.hash = `#/dashboard?unit=${tr.dataset.unitId}&month=${month}`; }));
  document.querySelectorAll('#compliance-table tr[data-cell-id]').forEach(tr => tr.addEventListener('click',
    () => { location.hash = `#/cell/${tr.dataset.cellId}`; }));
  charts(trends, ratings);
}

function charts(trends, ratings) {
  if (!window.echarts) return;
  const months = trends.map(t => t.month.substring(5) + '/' + t.month.substring(0, 4));
  echarts.init($('#chart-meetings')).setOption({
    title: { text: 'Sinh hoạt thường kỳ', textStyle: { fontSize: 13 } }, tooltip: { trigger: 'axis' },
    legend: { bottom: 0 }, grid: { left: 35, right: 10, bottom: 50 }, xAxis: { type: 'category', data: months }, yAxis: { type: 'value' },
    series: [{ name: 'Đúng ngày', type: 'bar', stack: 'm', data: trends.map(t => t.onRegularDay) },
             { name: 'Khác ngày', type: 'bar', stack: 'm', data: trends.map(t => t.meetingsHeld - t.onRegularDay) },
             { name: 'Biên bản chậm', type: 'line', data: trends.map(t => t.minutesLate) }]
  });
  echarts.init($('#chart-attendance')).setOption({
    title: { text: 'Tỷ lệ dự họp bình quân (%)', textStyle: { fontSize: 13 } }, tooltip: { trigger: 'axis' },
    grid: { left: 35, right: 10, bottom: 30 }, xAxis: { type: 'category', data: months }, yAxis: { type: 'value', max: 100 },
    series: [{ type: 'line', showSymbol: true, connectNulls: true,
      data: trends.map(t => t.averageAttendance == null ? null : Math.round(t.averageAttendance * 100)) }]
  });
  const rated = Object.entries(ratings.totals).filter(([, v]) => v > 0).map(([k, v]) => ({ name: RATINGS[k], value: v }));
  echarts.init($('#chart-ratings')).setOption({
    title: { text: 'Xếp loại đảng viên trong tháng', subtext: rated.length ? '' : 'Chưa có xếp loại', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'item' }, series: [{ type: 'pie', radius: '60%', data: rated }]
  });
}

// ---------- a cell ----------
async function renderCell(cellId) {
  view('<p>Đang tải…</p>');
  const [cell, meetings, members] = await Promise.all([query(`/api/cells/${cellId}`),
    query(`/api/cells/${cellId}/meetings`), query(`/api/cells/${cellId}/members`)]);
  const canWrite = state.me.role === 'PROVINCE' || (state.me.role === 'CELL' && state.me.unitId === cellId);
  const options = members.map(m => `<option value="${m.id}">${esc(m.fullName)}</option>`).join('');
  const month = currentMonth();
  const [y, mm] = month.split('-');
  view(`
    <div class="breadcrumb muted">${state.me.role === 'CELL' ? esc(cell.parentName)
      : `<a href="#/dashboard?unit=${cell.parentId}">${esc(cell.parentName)}</a>`} ›</div>
    <h1 id="cell-name">${esc(cell.name)}</h1>
    ${historyLink('org-unit', cellId)}
    <p class="muted">Ngày sinh hoạt thường kỳ: ngày ${cell.regularDay} hằng tháng · ${cell.memberCount} đảng viên
      (${cell.probationaryCount} dự bị, ${cell.exemptCount} miễn sinh hoạt)</p>
    <h2>Lịch sinh hoạt</h2>
    <div class="scroll"><table id="calendar">
      <tr><th>Ngày</th><th>Loại</th><th>Địa điểm</th><th>Trạng thái</th><th>Biên bản</th><th>Cảnh báo</th></tr>
      ${meetings.map(e => `<tr class="link" data-meeting-id="${e.id}"><td>${dmyhm(e.startsAt)}</td><td>${KINDS[e.kind]}</td>
        <td>${esc(e.location)}</td><td>${({ SCHEDULED: 'Đã lên lịch', HELD: 'Đã họp', CANCELLED: 'Đã hủy' })[e.status]}</td>
        <td>${e.minutesFinal ? '<span class="ok">Đã hoàn thành</span>' : ''}</td>
        <td>${flags(e.flags.concat(e.offRegularDay ? ['off-regular-day'] : []))}</td></tr>`).join('') ||
        '<tr><td colspan="6" class="muted">Chưa có buổi sinh hoạt nào.</td></tr>'}
    </table></div>
    ${canWrite ? `
    <h2>Lên lịch sinh hoạt</h2>
    <section class="card"><form id="schedule-form" class="grid">
      <label>Loại <select name="kind"><option value="REGULAR">Thường kỳ</option><option value="TOPICAL">Chuyên đề</option>
        <option value="EXTRAORDINARY">Bất thường</option></select></label>
      <label>Ngày họp (dd/MM/yyyy) <input name="date" placeholder="03/${mm}/${y}"><span class="error" data-error-for="startsAt"></span></label>
      <label>Giờ (HH:mm) <input name="time" value="08:00"></label>
      <label>Ngày thông báo (dd/MM/yyyy, nếu đã qua) <input name="announcedDate"><span class="error" data-error-for="announcedAt"></span></label>
      <label>Địa điểm <input name="location" value="Hội trường chi bộ"><span class="error" data-error-for="location"></span></label>
      <label>Chủ trì <select name="chairId">${options}</select><span class="error" data-error-for="chairId"></span></label>
      <label>Thư ký <select name="recorderId">${options}</select><span class="error" data-error-for="recorderId"></span></label>
      <label>Báo cáo thời sự <select name="presenterId"><option value="">—</option>${options}</select><span class="error" data-error-for="presenterId"></span></label>
      <label>Lý do (nếu khác ngày thường kỳ) <input name="reason"><span class="error" data-error-for="reason"></span></label>
      <div><span class="error" data-error-for="form"></span><br><button id="schedule-submit" type="submit">Lên lịch</button></div>
    </form></section>
    <h2>Xếp loại đảng viên tháng</h2>
    <section class="card"><form id="ratings-form">
      <label>Tháng (MM/yyyy) <input name="month" value="${mm}/${y}" size="8"><span class="error" data-error-for="period"></span></label>
      <table>${members.map((m, i) => `<tr><td>${esc(m.fullName)}</td><td><select name="rating-${m.id}">
        ${Object.entries(RATINGS).map(([k, v]) => `<option value="${k}" ${k === 'GOOD' ? 'selected' : ''}>${v}</option>`).join('')}</select>
        <span class="error" data-error-for="ratings[${i}].memberId"></span></td></tr>`).join('')}</table>
      <span class="error" data-error-for="form"></span><br><button id="ratings-submit" type="submit">Gửi xếp loại</button>
    </form></section>
    <h2>Giao nhiệm vụ</h2>
    <section class="card"><form id="task-form" class="grid">
      <label>Đảng viên <select name="memberId">${options}</select></label>
      <label>Nhiệm vụ <input name="title"><span class="error" data-error-for="title"></span></label>
      <label>Hạn (dd/MM/yyyy) <input name="dueOn"><span class="error" data-error-for="dueOn"></span></label>
      <div><span class="error" data-error-for="form"></span><br><button id="task-submit" type="submit">Giao</button></div>
    </form></section>` : ''}
    <h2>Đảng viên</h2>
    <div class="scroll"><table id="members">
      <tr><th>Họ và tên</th><th>Số thẻ</th><th>Loại</th><th>Sinh hoạt từ</th></tr>
      ${members.map(m => `<tr class="link" data-member-id="${m.id}"><td>${esc(m.fullName)}</td><td>${esc(m.cardNumber || '')}</td>
        <td>${m.status === 'FULL' ? 'Chính thức' : 'Dự bị'}${m.exempt ? ' · miễn SH' : ''}</td><td>${dmy(m.memberSince)}</td></tr>`).join('')}
    </table></div>`);
  document.querySelectorAll('#calendar tr[data-meeting-id]').forEach(tr => tr.addEventListener('click',
    () => { location.hash = `#/meeting/${tr.dataset.meetingId}`; }));
  document.querySelectorAll('#members tr[data-member-id]').forEach(tr => tr.addEventListener('click',
    () => { location.hash = `#/member/${tr.dataset.memberId}`; }));
  if (!canWrite) return;
  $('#schedule-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = event.target;
    const startsAt = instantOf(f.date.value, f.time.value);
    if (!startsAt) {
      showProblem(f, { body: { field: 'startsAt', detail: 'Ngày họp phải có dạng dd/MM/yyyy, giờ HH:mm.' } });
      return;
    }
    const body = { kind: f.kind.value, startsAt, location: f.location.value, chairId: f.chairId.value, recorderId: f.recorderId.value,
      presenterId: f.presenterId.value || null, reason: f.reason.value || null,
      announcedAt: f.announcedDate.value ? instantOf(f.announcedDate.value, '07:00') : null };
    try {
      await command(`/api/cells/${cellId}/meetings`, body);
      await settle();
      await renderCell(cellId);
      notice('Đã lên lịch buổi sinh hoạt.');
    } catch (error) {
      showProblem(f, error);
    }
  });
  $('#ratings-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = event.target;
    const period = monthOf(f.month.value);
    const ratings = members.map(m => ({ memberId: m.id, rating: f[`rating-${m.id}`].value }));
    try {
      await command(`/api/cells/${cellId}/ratings/${period}`, { ratings }, 'PUT');
      notice('Đã gửi xếp loại tháng.');
    } catch (error) {
      showProblem(f, error);
    }
  });
  $('#task-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = event.target;
    const due = instantOf(f.dueOn.value, '00:00');
    try {
      await command(`/api/cells/${cellId}/tasks`, { memberId: f.memberId.value, title: f.title.value, dueOn: due ? due.substring(0, 10) : f.dueOn.value });
      notice('Đã giao nhiệm vụ.');
    } catch (error) {
      showProblem(f, error);
    }
  });
}

/** The read side catches up with a write within a moment; wait for it before showing the page again. */
const settle = () => new Promise(resolve => setTimeout(resolve, 700));

// ---------- a meeting ----------
// The meeting's page; after a write, once the read side shows that write (written: the version it answered), so the
// page shows what its next write will name. Still behind after five seconds, the page says so, and a write from it is
// refused as stale rather than let through.
async function renderMeeting(meetingId, written = -1) {
  view('<p>Đang tải…</p>');
  let m = await query(`/api/meetings/${meetingId}`);
  for (let tries = 0; m.version < written && tries < 20; tries++) {
    await new Promise(resolve => setTimeout(resolve, 250));
    m = await query(`/api/meetings/${meetingId}`);
  }
  const behind = m.version < written;
  const canWrite = state.me.role === 'PROVINCE' || (state.me.role === 'CELL' && state.me.unitId === m.cellId);
  const sections = (m.minutes && m.minutes.sections) || {};
  const held = m.status === 'HELD';
  const start = m.startedAt || m.startsAt;
  const end = m.endedAt || new Date(new Date(m.startsAt).getTime() + 2 * 3600 * 1000).toISOString();
  view(`
    <div class="breadcrumb muted"><a href="#/cell/${m.cellId}">${esc(m.cellName)}</a> ›</div>
    <h1 id="meeting-title">Sinh hoạt ${KINDS[m.kind].toLowerCase()} ${dmyhm(m.startsAt)}</h1>
    ${historyLink('meeting', meetingId)}
    <p>Địa điểm: ${esc(m.location)} · Chủ trì: ${esc(m.chair && m.chair.fullName)} · Thư ký: ${esc(m.recorder && m.recorder.fullName)}
      · <span id="meeting-status">${({ SCHEDULED: 'Đã lên lịch', HELD: 'Đã họp', CANCELLED: 'Đã hủy' })[m.status]}</span>
      ${m.enteredLate ? ' · <span class="muted">nhập sau khi họp</span>' : ''}</p>
    <p>${flags(m.flags.concat(m.offRegularDay ? ['off-regular-day'] : []))}
      ${m.attendanceRate != null ? `Dự họp ${Math.round(m.attendanceRate * 100)}% · ${m.durationMinutes} phút` : ''}
      ${m.scoreTotal != null ? ` · ${m.scoreTotal} điểm (${esc(m.scoreLevelLabel)})` : ''}</p>
    <h2>Điểm danh</h2>
    <section class="card"><form id="attendance-form">
      <table>${m.participants.filter(p => p.summoned || p.present).map(p => `<tr><td>${esc(p.fullName)}</td>
        <td><label style="flex-direction:row"><input type="checkbox" name="present-${p.memberId}" ${p.present === false ? '' : 'checked'}> có mặt</label></td>
        <td><input name="reason-${p.memberId}" placeholder="Lý do vắng" value="${esc(p.reason || '')}"></td>
        <td><label style="flex-direction:row"><input type="checkbox" name="excused-${p.memberId}" ${p.excused === false ? '' : 'checked'}> có lý do</label></td></tr>`).join('')}</table>
      <div class="grid form">
        <label>Bắt đầu (HH:mm) <input name="startTime" value="${dmyhm(start).substring(11)}"></label>
        <label>Kết thúc (HH:mm) <input name="endTime" value="${dmyhm(end).substring(11)}"><span class="error" data-error-for="endedAt"></span></label>
      </div>
      <span class="error" data-error-for="form"></span><br>
      ${canWrite && m.status !== 'CANCELLED' ? '<button id="attendance-submit" type="submit">Lưu điểm danh</button>' : ''}
    </form></section>
    <h2>Biên bản <span id="minutes-status" class="muted">${m.minutes ? (m.minutes.finalised ? 'Đã hoàn thành' : 'Bản nháp ' + m.minutes.version) : 'Chưa có'}</span></h2>
    <section class="card"><form id="minutes-form" class="grid" style="grid-template-columns:1fr">
      ${SECTIONS.map(([key, label]) => `<label>${label}<textarea name="${key}">${esc(sections[key] || '')}</textarea>
        <span class="error" data-error-for="sections.${key}"></span></label>`).join('')}
      <label>Lý do sửa đổi (khi biên bản đã hoàn thành) <input name="reason"><span class="error" data-error-for="reason"></span></label>
      <div><span class="error" data-error-for="form"></span><br>
      ${canWrite && held ? `<button id="minutes-save" type="submit">${m.minutes && m.minutes.finalised ? 'Lưu bản sửa đổi' : 'Lưu bản nháp'}</button>
        ${m.minutes && !m.minutes.finalised ? '<button id="minutes-finalize" type="button" class="secondary">Hoàn thành biên bản</button>' : ''}` : ''}
      ${m.minutes && m.minutes.finalised ? `<button id="minutes-pdf" type="button" class="secondary">Tải biên bản (PDF)</button>` : ''}</div>
    </form></section>`);
  if (behind) notice('Trang chưa hiện kịp bản vừa lưu. Hãy tải lại trang sau ít giây trước khi sửa tiếp.', true);
  const day = dmyhm(m.startsAt).substring(0, 10);
  const att = $('#attendance-form');
  if ($('#attendance-submit')) att.addEventListener('submit', async (event) => {
    event.preventDefault();
    const present = [];
    const absent = [];
    m.participants.filter(p => p.summoned || p.present).forEach(p => {
      if (att[`present-${p.memberId}`].checked) present.push(p.memberId);
      else absent.push({ memberId: p.memberId, reason: att[`reason-${p.memberId}`].value || 'Vắng', excused: att[`excused-${p.memberId}`].checked });
    });
    try {
      const answer = await command(`/api/meetings/${meetingId}/attendance`, { present, absent,
        startedAt: instantOf(day, att.startTime.value), endedAt: instantOf(day, att.endTime.value) }, 'PUT', ifMatch(m.version));
      await renderMeeting(meetingId, answer.version);
      notice('Đã lưu điểm danh.');
    } catch (error) {
      showProblem(att, error);
    }
  });
  const form = $('#minutes-form');
  const sectionsOf = () => Object.fromEntries(SECTIONS.map(([key]) => [key, form[key].value || null]));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      let answer;
      if (m.minutes && m.minutes.finalised) {
        answer = await command(`/api/meetings/${meetingId}/minutes/amendments`,
          { sections: sectionsOf(), reason: form.reason.value }, 'POST', ifMatch(m.version));
      } else {
        answer = await command(`/api/meetings/${meetingId}/minutes`, { sections: sectionsOf() }, 'PUT', ifMatch(m.version));
      }
      await renderMeeting(meetingId, answer.version);
      notice('Đã lưu biên bản.');
    } catch (error) {
      showProblem(form, error);
    }
  });
  if ($('#minutes-finalize')) $('#minutes-finalize').addEventListener('click', async () => {
    try {
      // the signers sign the version this page shows, not one saved meanwhile from another device
      const answer = await command(`/api/meetings/${meetingId}/minutes/finalize`,
        { chairId: m.chair.id, recorderId: m.recorder.id }, 'POST', ifMatch(m.version));
      await renderMeeting(meetingId, answer.version);
      notice('Biên bản đã hoàn thành.');
    } catch (error) {
      showProblem(form, error);
    }
  });
  if ($('#minutes-pdf')) $('#minutes-pdf').addEventListener('click',
    () => download(`/api/meetings/${meetingId}/minutes.pdf`, 'application/pdf', `bien-ban-${m.date}.pdf`));
}

// ---------- a member ----------
async function renderMember(memberId) {
  view('<p>Đang tải…</p>');
  const m = await query(`/api/members/${memberId}`);
  view(`
    <div class="breadcrumb muted"><a href="#/cell/${m.cellId}">${esc(m.cellName)}</a> ›</div>
    <h1 id="member-name">${esc(m.fullName)}</h1>
    ${historyLink('member', memberId)}
    <p>Số thẻ ${esc(m.cardNumber || '—')} · sinh ngày ${dmy(m.birthDate)} · vào Đảng ${dmy(m.joinedPartyOn)}
      · ${m.status === 'FULL' ? 'chính thức' : 'dự bị'} ${flags(m.flags)}</p>
    <h2>Quá trình sinh hoạt</h2>
    <table>${m.memberships.map(s => `<tr><td>${esc(s.cellName)}</td><td>${dmy(s.from)} – ${s.to ? dmy(s.to) : 'nay'}</td>
      <td>${esc(s.reason || '')}</td></tr>`).join('')}</table>
    <h2>Xếp loại</h2>
    <table id="member-ratings">${m.ratings.map(r => `<tr><td>${esc(r.period)}</td><td>${esc(r.ratingLabel)}</td>
      <td>${r.score ?? ''}</td><td>${r.revisions ? r.revisions + ' lần sửa' : ''}</td></tr>`).join('') ||
      '<tr><td class="muted">Chưa có xếp loại.</td></tr>'}</table>
    <h2>Nhiệm vụ</h2>
    <table>${m.tasks.map(t => `<tr><td>${esc(t.title)}</td><td>hạn ${dmy(t.dueOn)}</td><td>${t.status}${t.overdue ? ' · quá hạn' : ''}</td></tr>`).join('') ||
      '<tr><td class="muted">Chưa có nhiệm vụ.</td></tr>'}</table>`);
}

// ---------- history of a record (Lịch sử thay đổi) ----------
function historyLink(type, id) {
  return state.me.role === 'CELL' ? ''
    : `<p><a id="history-link" href="#/history/${type}/${id}">Lịch sử thay đổi</a></p>`;
}

async function renderHistory(type, id) {
  view('<p>Đang tải…</p>');
  const history = await query(`/api/audit/${type}/${id}/history`);
  const changes = history.changes;
  view(`
    <h1>Lịch sử thay đổi</h1>
    <p class="muted">${changes.length} thay đổi, đọc trực tiếp từ kho sự kiện. Chọn một dòng để xem hồ sơ trước và sau thay đổi.</p>
    <div class="scroll"><table id="history">
      <tr><th>#</th><th>Thời điểm</th><th>Người thực hiện</th><th>Nội dung</th><th>Lý do</th></tr>
      ${changes.map((c, i) => `<tr class="link" data-index="${i}"><td>${c.sequence}</td><td>${dmyhm(c.at)}</td>
        <td>${esc(c.actor || '')} <span class="muted">${esc(c.actorRole || '')}</span></td><td>${esc(c.summary)}</td>
        <td>${esc(c.reason || '')}</td></tr>`).join('')}
    </table></div>
    <div class="charts" id="versions">
      <section class="card"><h2>Trước</h2><pre id="version-before" style="white-space:pre-wrap"></pre></section>
      <section class="card"><h2>Sau</h2><pre id="version-after" style="white-space:pre-wrap"></pre></section>
    </div>`);
  const show = (i) => {
    $('#version-before').textContent = i > 0 ? JSON.stringify(changes[i - 1].stateAfter, null, 2) : '(chưa có hồ sơ)';
    $('#version-after').textContent = JSON.stringify(changes[i].stateAfter, null, 2);
  };
  document.querySelectorAll('#history tr[data-index]').forEach(tr => tr.addEventListener('click', () => show(Number(tr.dataset.index))));
  if (changes.length) show(changes.length - 1);
}

// ---------- routing ----------
async function route() {
  const [path, search] = (location.hash.replace(/^#/, '') || '/').split('?');
  const params = new URLSearchParams(search || '');
  $('#whoami').textContent = state.me ? `${state.me.fullName || state.me.username} (${state.me.role})` : '';
  $('#nav').innerHTML = state.me ? `${state.me.role !== 'CELL' ? '<a href="#/dashboard">Tổng hợp</a>' : ''}
      ${state.me.role === 'CELL' ? `<a href="#/cell/${state.me.unitId}">Chi bộ</a>` : ''}<a href="#/login" id="logout">Đăng xuất</a>` : '';
  const out = $('#logout');
  if (out) out.addEventListener('click', (e) => { e.preventDefault(); logout(); });
  if (!state.token || path === '/login') return renderLogin();
  try {
    if (path.startsWith('/cell/')) return await renderCell(path.substring(6));
    if (path.startsWith('/meeting/')) return await renderMeeting(path.substring(9));
    if (path.startsWith('/member/')) return await renderMember(path.substring(8));
    if (path.startsWith('/history/')) {
      const [, , type, id] = path.split('/');
      return await renderHistory(type, id);
    }
    if (state.me.role === 'CELL' && path === '/') { location.hash = `#/cell/${state.me.unitId}`; return; }
    return await renderDashboard(params);
  } catch (error) {
    view(`<div class="notice bad" id="page-error">${esc(error.message)}</div>`);
  }
}

window.addEventListener('hashchange', route);
window.addEventListener('load', route);
