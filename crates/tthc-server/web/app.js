// tthc web app: the catalogue, the deadline calculator and the check page, drawn from
// the /v1 API. Plain JavaScript, no build step, nothing loaded from another host.
'use strict';

// ---------------------------------------------------------------- languages
const WORDS = {
  vi: {
    skip: 'Bỏ qua, đến nội dung chính', nav: 'Trang',
    'nav.catalogue': 'Danh mục', 'nav.calculator': 'Tính ngày hẹn trả', 'nav.status': 'Tra cứu hồ sơ', 'nav.check': 'Kiểm tra văn bản',
    footer: 'Thủ tục hành chính dưới dạng mã: danh mục, thời hạn tính theo ngày làm việc.',
    'footer.problems': 'Mã lỗi API', switchTo: 'English', switchLang: 'en',
    loading: 'Đang tải…', failed: 'Không tải được dữ liệu', notFound: 'Không có trang này.',
    notFoundHelp: 'Địa chỉ này không dẫn tới trang nào. Bạn có thể:', tryAgain: 'Kiểm tra kết nối mạng rồi tải lại trang.',
    notInForceOn: d => `Không có hiệu lực ngày ${d}`, notInForceTitle: (n, d) => `${n} thủ tục không có hiệu lực ngày ${d}`,
    inForceCount: (n, d) => `${n} thủ tục có hiệu lực ngày ${d}`, noLater: '(chưa có phiên bản sau)', nextFrom: d => `phiên bản sau bắt đầu từ ngày ${d}`,
    startsOn: d => `phiên bản đầu tiên bắt đầu từ ngày ${d}`, notInForceCalc: (d, why) => `Thủ tục này không có hiệu lực vào ngày ${d}: ${why}. Không tính được ngày hẹn trả theo thủ tục này.`,
    notInForceToday: 'Không có hiệu lực hôm nay', notInForceBanner: (d, why) => `Thủ tục này không có hiệu lực ngày ${d}: ${why}.`,
    searchFor: q => `Tìm «${q}» trong danh mục`, aliases: 'Tên gọi khác', changeCase: 'Sửa thông tin hồ sơ',
    statusTitle: 'Tra cứu tình trạng hồ sơ', statusIntro: 'Nhập thông tin trên giấy hẹn để biết hồ sơ còn trong hạn hay đã quá hạn, và còn bao nhiêu thời gian làm việc.',
    asOf: 'Xem tình trạng lúc', asOfHint: 'để trống: bây giờ', completedAt: 'Đã trả kết quả lúc', completedHint: 'để trống nếu chưa trả kết quả',
    lookUp: 'Tra cứu', currentStep: 'Hồ sơ đang ở', stepDue: 'hạn', seeDeadline: 'Xem chi tiết ngày hẹn trả và giấy hẹn',
    catTitle: 'Danh mục thủ tục hành chính', search: 'Tìm thủ tục',
    searchHint: 'Tên, mã hoặc mục; gõ có dấu hay không dấu đều được (vd. dang ky ket hon)',
    authority: 'Cấp thẩm quyền', field: 'Lĩnh vực', decision: 'Quyết định', inForce: 'Có hiệu lực ngày',
    all: 'Tất cả', found: n => `${n} thủ tục`, none: 'Không có thủ tục nào khớp.',
    item: 'Mục', code: 'Mã', id: 'Mã định danh', from: 'từ', until: 'đến', open: 'nay',
    steps: 'Các bước', stepNo: 'Bước', stepDo: 'Trình tự, nội dung thực hiện', role: 'Bộ phận, công chức thực hiện',
    time: 'Thời gian thực hiện', total: 'Tổng thời gian giải quyết', cases: 'Các trường hợp',
    ordinary: 'Thông thường', cutoff: 'Giờ tiếp nhận cuối', cutoffNone: 'không áp dụng',
    cutoffDefault: 'thủ tục không ghi; theo quyết định hoặc lịch làm việc (vn: 15:00, chỉ cho thời hạn trong ngày)',
    cutoffApplied: 'hồ sơ nhận sau giờ này nên thời hạn tính từ ngày làm việc tiếp theo', cutoffNotApplied: 'hồ sơ nhận trước giờ này', source: 'Nguồn', signed: 'ký ngày', effective: 'hiệu lực từ',
    issuer: 'Cơ quan ban hành', interpretations: 'Ghi chú diễn giải', versions: 'Các phiên bản theo thời gian',
    version: 'Phiên bản', inForceNow: 'đang có hiệu lực', calcThis: 'Tính ngày hẹn trả', checkThis: 'Xem và kiểm tra văn bản',
    day: 'ngày', days: 'ngày làm việc', sameDay: 'trong ngày', noTime: 'không ghi riêng',
    calcTitle: 'Tính ngày hẹn trả kết quả', filter: 'Lọc danh sách thủ tục', procedure: 'Thủ tục',
    choose: '— Chọn thủ tục —', variant: 'Trường hợp', received: 'Tiếp nhận hồ sơ lúc',
    dtHint: 'dd/mm/yyyy HH:MM, giờ Việt Nam', pickDate: 'Chọn ngày tiếp nhận',
    pauses: 'Tạm dừng (chờ bổ sung, chờ cơ quan khác)', pausesDone: 'Thời gian tạm dừng (không tính)', legendPaused: 'Tạm dừng', pauseFrom: 'Dừng từ', pauseTo: 'Đến',
    addPause: 'Thêm khoảng tạm dừng', removePause: 'Xóa khoảng tạm dừng', restarted: 'Nhận lại hồ sơ đã bổ sung lúc',
    restartedHint: 'để trống nếu không yêu cầu bổ sung; thời hạn tính lại từ đầu',
    compute: 'Tính', result: 'Kết quả', dueAt: 'Ngày hẹn trả kết quả', at: 'lúc',
    badDate: 'Không đọc được thời điểm; hãy viết dd/mm/yyyy HH:MM, vd. 24/01/2025 10:00.',
    needProcedure: 'Hãy chọn một thủ tục.', unknownProcedure: 'Danh mục không có thủ tục này', timeline: 'Hạn xử lý từng bước', receivedAt: 'Tiếp nhận',
    clockStart: 'Bắt đầu tính thời hạn', why: 'Vì sao là ngày này?', skipped: 'Những ngày không tính',
    worked: 'Thứ Bảy, Chủ nhật làm việc bù', monthView: 'Lịch các tháng', provisional: 'Lịch năm này chưa được công bố chính thức; ngày được dự tính.',
    uncertain: 'Có ngày nghỉ chưa chắc chắn về căn cứ pháp lý trong khoảng tính:',
    legendWork: 'Ngày làm việc', legendWeekend: 'Thứ Bảy, Chủ nhật', legendHoliday: 'Ngày lễ, Tết, nghỉ bù',
    legendWorked: 'Ngày làm việc bù', legendReceived: 'Ngày tiếp nhận', legendDue: 'Ngày hẹn trả', legendSpan: 'Trong thời hạn',
    weekdays: ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'],
    weekdaysLong: ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'],
    month: (m, y) => `Tháng ${m}/${y}`, print: 'In giấy hẹn', slipTitle: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    link: 'Liên kết đến kết quả này', basis: 'Căn cứ',
    checkTitle: 'Kiểm tra văn bản thủ tục', startFrom: 'Bắt đầu từ văn bản của thủ tục', load: 'Nạp văn bản',
    text: 'Văn bản thủ tục (.tthc)', textHint: 'Dán hoặc sửa văn bản; kết quả kiểm tra hiện ngay khi gõ.',
    fileName: 'Tên tệp', fileHint: 'Trùng tên tệp trong danh mục thì văn bản thay cho tệp đó',
    findings: 'Kết quả kiểm tra', clean: 'Không có lỗi.', errors: n => `${n} lỗi`, warnings: n => `${n} cảnh báo`,
    error: 'Lỗi', warning: 'Cảnh báo', line: 'dòng', col: 'cột', goTo: 'Đến chỗ này trong văn bản',
    checking: 'Đang kiểm tra…', elsewhere: (e, w) => `Phần còn lại của danh mục: ${e} lỗi, ${w} cảnh báo.`,
  },
  en: {
    skip: 'Skip to main content', nav: 'Pages',
    'nav.catalogue': 'Catalogue', 'nav.calculator': 'Appointment calculator', 'nav.status': 'Look up a file', 'nav.check': 'Check a text',
    footer: 'Administrative procedures as code: the catalogue, and deadlines in working days.',
    'footer.problems': 'API problem codes', switchTo: 'Tiếng Việt', switchLang: 'vi',
    loading: 'Loading…', failed: 'Could not load data', notFound: 'There is no such page.',
    notFoundHelp: 'This address leads to no page. You can:', tryAgain: 'Check the network connection and reload the page.',
    notInForceOn: d => `Not in force on ${d}`, notInForceTitle: (n, d) => `${n} procedure${n === 1 ? '' : 's'} not in force on ${d}`,
    inForceCount: (n, d) => `${n} procedure${n === 1 ? '' : 's'} in force on ${d}`, noLater: '(no later version)', nextFrom: d => `the next version starts on ${d}`,
    startsOn: d => `its first version starts on ${d}`, notInForceCalc: (d, why) => `This procedure is not in force on ${d}: ${why}. No appointment can be computed under it.`,
    notInForceToday: 'Not in force today', notInForceBanner: (d, why) => `This procedure is not in force on ${d}: ${why}.`,
    searchFor: q => `Search the catalogue for “${q}”`, aliases: 'Also known as', changeCase: 'Change the case',
    statusTitle: "Look up a file's state", statusIntro: 'Enter what the appointment slip says to see whether the file is within its time or overdue, and how much working time is left.',
    asOf: 'State at', asOfHint: 'leave empty: now', completedAt: 'Result returned at', completedHint: 'leave empty while the result is not returned',
    lookUp: 'Look up', currentStep: 'Where the file should be', stepDue: 'due', seeDeadline: 'See the appointment in detail, and the slip',
    catTitle: 'Catalogue of administrative procedures', search: 'Find a procedure',
    searchHint: 'Name, code or item; with or without Vietnamese diacritics (e.g. dang ky ket hon)',
    authority: 'Authority', field: 'Field', decision: 'Decision', inForce: 'In force on',
    all: 'All', found: n => `${n} procedure${n === 1 ? '' : 's'}`, none: 'No procedure matches.',
    item: 'Item', code: 'Code', id: 'Id', from: 'from', until: 'until', open: 'now',
    steps: 'Steps', stepNo: 'Step', stepDo: 'What is done', role: 'Who does it',
    time: 'Time', total: 'Total time', cases: 'Cases',
    ordinary: 'Ordinary', cutoff: 'Cutoff', cutoffNone: 'none',
    cutoffDefault: "none stated; its decision's or the calendar's (vn: 15:00, same-day counts only)",
    cutoffApplied: 'received after it, so the count starts on the next working day', cutoffNotApplied: 'received before it', source: 'Source', signed: 'signed', effective: 'in force from',
    issuer: 'Issued by', interpretations: 'Interpretations', versions: 'Versions over time',
    version: 'Version', inForceNow: 'in force', calcThis: 'Compute an appointment', checkThis: 'View and check its text',
    day: 'day', days: 'working days', sameDay: 'same day', noTime: 'no separate time',
    calcTitle: 'Appointment calculator', filter: 'Filter the procedures', procedure: 'Procedure',
    choose: '— Choose a procedure —', variant: 'Case', received: 'File received at',
    dtHint: 'dd/mm/yyyy HH:MM, Vietnam time', pickDate: 'Pick the receipt date',
    pauses: 'Pauses (waiting for the citizen or another agency)', pausesDone: 'Paused (not counted)', legendPaused: 'Paused', pauseFrom: 'Paused from', pauseTo: 'Until',
    addPause: 'Add a pause', removePause: 'Remove this pause', restarted: 'Supplemented file received again at',
    restartedHint: 'leave empty without a supplement request; the count starts again',
    compute: 'Compute', result: 'Result', dueAt: 'Appointment', at: 'at',
    badDate: 'Cannot read this moment; write dd/mm/yyyy HH:MM, e.g. 24/01/2025 10:00.',
    needProcedure: 'Choose a procedure.', unknownProcedure: 'The catalogue has no such procedure', timeline: "Each step's due time", receivedAt: 'Received',
    clockStart: 'Count starts', why: 'Why this date?', skipped: 'Days not counted',
    worked: 'Weekend days worked in exchange', monthView: 'Months', provisional: "This year's calendar is not announced yet; the days are predicted.",
    uncertain: 'The span crosses a day off of uncertain legal basis:',
    legendWork: 'Working day', legendWeekend: 'Weekend', legendHoliday: 'Holiday or day off',
    legendWorked: 'Worked Saturday', legendReceived: 'Received', legendDue: 'Appointment', legendSpan: 'Counted',
    weekdays: ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'],
    weekdaysLong: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    month: (m, y) => `${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m - 1]} ${y}`,
    print: 'Print the slip', slipTitle: 'Receipt and appointment slip',
    link: 'Link to this result', basis: 'Basis',
    checkTitle: 'Check a procedure text', startFrom: "Start from a procedure's text", load: 'Load the text',
    text: 'Procedure text (.tthc)', textHint: 'Paste or edit; findings appear as you type.',
    fileName: 'File name', fileHint: "A catalogue file's name checks the text in place of that file",
    findings: 'Findings', clean: 'No errors.', errors: n => `${n} error${n === 1 ? '' : 's'}`, warnings: n => `${n} warning${n === 1 ? '' : 's'}`,
    error: 'Error', warning: 'Warning', line: 'line', col: 'column', goTo: 'Go to this place in the text',
    checking: 'Checking…', elsewhere: (e, w) => `Rest of the catalogue: ${e} errors, ${w} warnings.`,
  },
};
let LANG = 'vi';
try { LANG = localStorage.getItem('tthc.lang') === 'en' ? 'en' : 'vi'; } catch (_) { /* storage off */ }
const params = new URLSearchParams(location.search);
if (params.get('lang') === 'en' || params.get('lang') === 'vi') LANG = params.get('lang');
// The office this deployment serves (`tthc serve --office`), named on appointment slips.
const OFFICE = document.querySelector('meta[name="tthc-office"]')?.content || '';
const t = (k, ...a) => { const w = WORDS[LANG][k]; return typeof w === 'function' ? w(...a) : (w ?? k); };

// ---------------------------------------------------------------- helpers
/** Builds an element: h('p', {class: 'x'}, 'text', child…). */
function h(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'text') e.textContent = v;
    // Through the CSSOM: the page's Content-Security-Policy refuses style attributes.
    else if (k === 'style') Object.assign(e.style, v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat(Infinity)) if (k !== null && k !== undefined && k !== false) e.append(k.nodeType ? k : String(k));
  return e;
}
/** Vietnamese without diacritics, lower case, đ as d: the same as the server's text::fold. */
const fold = s => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
/** The words search compares, as the server's text::fold::search_words: folded, split at
 *  anything but letters, digits and the dot of an item, a final y after a consonant as i. */
const searchWords = s => fold(s || '').split(/[^\p{L}\p{N}.]+/u).map(w => w.replace(/^\.+|\.+$/g, '')).filter(Boolean)
  .map(w => w.length >= 2 && w.endsWith('y') && !'aeiouy'.includes(w[w.length - 2]) ? `${w.slice(0, -1)}i` : w);
/** Every query word is a whole word of the procedure (the last may begin one once it has
 *  three letters), as the server's service::procedures::matches_words. */
function matchesQuery(p, query) {
  if (!query.length) return true;
  const hay = [...searchWords(p.name), ...searchWords(p.id.replace(/-/g, ' ')), ...(p.aliases || []).flatMap(searchWords),
    ...searchWords(p.code || ''), ...p.versions.flatMap(v => [...searchWords(v.name || ''), ...searchWords(v.source.item)])];
  return query.every((q, i) => hay.some(w => w === q || (i === query.length - 1 && q.length >= 3 && w.startsWith(q))));
}
const pad = n => String(n).padStart(2, '0');
const main = () => document.getElementById('main');

/** A call to the API. A refusal (a 4xx problem) throws an error whose message is the
 *  problem's own words; a failure to reach the server or a 5xx throws one marked
 *  `network`, which pages word as a failure to load. */
async function api(path, body) {
  const init = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  let r;
  try { r = await fetch(path, init); } catch (_) { const e = new Error(t('tryAgain')); e.network = true; throw e; }
  const data = await r.json().catch(() => ({}));
  if (!r.ok) {
    const e = new Error((LANG === 'vi' ? data.detail_vi : data.detail) || `${r.status}`);
    e.problem = data;
    e.network = r.status >= 500;
    throw e;
  }
  return data;
}

/** Days as written: 0,5 in Vietnamese, 0.5 in English. */
function amount(a) {
  if (!a) return t('noTime');
  if (a.kind === 'same_day') return t('sameDay');
  if (LANG === 'vi') return `${a.days.replace('.', ',')} ngày`;
  return `${a.days} ${a.days === '1' ? 'day' : 'days'}`;
}
function timing(tm, variants) {
  const parts = [];
  if (tm.base) parts.push(amount(tm.base));
  for (const v of tm.variants) {
    const title = (variants || []).find(x => x.id === v.variant)?.title || v.variant;
    parts.push(`${title}: ${amount(v.amount)}`);
  }
  return parts.length ? parts.join('; ') : t('noTime');
}
/** 2025-02-05 → 05/02/2025. */
const dmy = iso => iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '';
/** An RFC 3339 time in Vietnam time → {date: 'dd/mm/yyyy', time: 'HH:MM', iso: 'yyyy-mm-dd', weekday}. */
function vnTime(rfc) {
  const d = new Date(new Date(rfc).getTime() + 7 * 3600e3);
  const iso = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return { iso, date: dmy(iso), time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`, weekday: t('weekdaysLong')[(d.getUTCDay() + 6) % 7], hh: d.getUTCHours(), mm: d.getUTCMinutes() };
}
const when = rfc => { const v = vnTime(rfc); return `${v.weekday}, ${v.date} ${t('at')} ${v.time}`; };
/** Reads `24/01/2025 10:00`, `24/01/2025`, `2025-01-24T10:00` or `2025-01-24 10:00` → `2025-01-24T10:00`, else null. */
function readMoment(text, defaultTime = '08:00') {
  const s = (text || '').trim();
  let m = s.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ ,T]+(\d{1,2})[:hH](\d{2})(?::\d{2})?)?$/);
  let y, mo, d, hh, mi;
  if (m) [, d, mo, y, hh, mi] = m;
  else {
    m = s.match(/^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::\d{2})?)?$/);
    if (!m) return null;
    [, y, mo, d, hh, mi] = m;
  }
  if (hh === undefined) [hh, mi] = defaultTime.split(':');
  const date = new Date(Date.UTC(+y, +mo - 1, +d));
  if (date.getUTCMonth() !== +mo - 1 || date.getUTCDate() !== +d || +hh > 23 || +mi > 59) return null;
  return `${y}-${pad(mo)}-${pad(d)}T${pad(hh)}:${pad(mi)}`;
}
const showMoment = iso => iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}` : '';
const todayVN = () => vnTime(new Date().toISOString()).iso;
const nowVN = () => { const v = vnTime(new Date().toISOString()); return `${v.iso}T${v.time}`; };
function inForce(v, day) { return v.valid_from <= day && (!v.valid_until || day <= v.valid_until); }
function currentVersion(p, day = todayVN()) { return p.versions.find(v => inForce(v, day)) || p.versions[p.versions.length - 1]; }
function field(id, label, control, hint) {
  return h('div', {}, h('label', { for: id }, label, hint ? h('span', { class: 'hint' }, hint) : null), control);
}
function loadingInto(el) { el.replaceChildren(h('p', { class: 'muted' }, t('loading'))); }
// Who performs a step as the decision prints it, else every role that may (A.2's
// "…/ nhân viên bưu chính").
function performers(s) {
  return s.performer_as_printed || [s.role, ...(s.other_roles || [])].map(r => r.title || r.id).join(' / ');
}

/** An error in place of a result: a refusal in its own words; only a failure to reach
 *  the server is said to be one. */
function failInto(el, e) {
  el.replaceChildren(h('p', { class: 'error-text', role: 'alert' }, e.network ? `${t('failed')}: ${e.message}` : e.message));
}
// The catalogue is fetched once per page; every page and filter works from this copy.
let catalogueCache = null;
async function allProcedures() {
  if (!catalogueCache) catalogueCache = api('/v1/procedures').then(r => r.procedures);
  return catalogueCache;
}
function procLabel(p, day) {
  const v = currentVersion(p, day);
  return `${v ? v.source.item + ' — ' : ''}${p.name}`;
}
const cap = s => s ? s[0].toUpperCase() + s.slice(1) : s;
const endingWords = e => e ? (LANG === 'vi' ? e.words_vi : e.words) : '';
/** The version of `p` in force on `day`, or null. */
const versionOn = (p, day) => p.versions.find(v => inForce(v, day)) || null;
/** Why `p` has nothing in force on `day` (null when something is): the server's
 *  tthc::lifespan::Absence, from each version's `ending`. `repealed` when that is what
 *  the decisions intend. */
function absence(p, day) {
  if (versionOn(p, day) || !p.versions.length) return null;
  const ended = p.versions.filter(v => v.valid_until && v.valid_until < day).sort((a, b) => a.valid_until.localeCompare(b.valid_until)).pop();
  const next = p.versions.filter(v => v.valid_from > day).sort((a, b) => a.valid_from.localeCompare(b.valid_from))[0];
  if (ended && next) return { repealed: false, version: ended, text: `${endingWords(ended.ending) || dmy(ended.valid_until)}; ${t('nextFrom', dmy(next.valid_from))}` };
  if (ended) {
    const repealed = ended.ending?.kind === 'repealed';
    return { repealed, version: ended, text: repealed ? endingWords(ended.ending) : `${endingWords(ended.ending) || dmy(ended.valid_until)} ${t('noLater')}` };
  }
  return next ? { repealed: false, version: next, text: t('startsOn', dmy(next.valid_from)) } : null;
}
function debounce(fn, ms) { let id; return (...a) => { clearTimeout(id); id = setTimeout(() => fn(...a), ms); }; }

// ---------------------------------------------------------------- page: catalogue
async function pageCatalogue() {
  document.title = `${t('catTitle')} — tthc`;
  const q = params.get('q') || '';
  const f = { authority: params.get('authority') || '', field: params.get('field') || '', decision: params.get('decision') || '' };
  const input = h('input', { type: 'search', id: 'q', name: 'q', value: q, autocomplete: 'off', 'aria-describedby': 'q-hint' });
  const sel = (id, opts) => {
    const s = h('select', { id, name: id }, h('option', { value: '' }, t('all')));
    for (const [v, label] of opts) s.append(h('option', { value: v, selected: v === f[id] }, label));
    return s;
  };
  const all = await allProcedures();
  const authorities = new Map(), fields = new Set(), decisions = new Set();
  for (const p of all) {
    if (p.field) fields.add(p.field);
    for (const v of p.versions) { authorities.set(v.authority.id, v.authority.title); decisions.add(v.source.decision); }
  }
  const authSel = sel('authority', [...authorities].sort());
  const fieldSel = sel('field', [...fields].sort().map(x => [x, x]));
  const decSel = sel('decision', [...decisions].sort().map(x => [x, x]));
  // What is in force on a date: today unless the address says otherwise.
  const at = h('input', { type: 'date', id: 'at', name: 'at', value: params.get('at') || todayVN(), required: true });
  const count = h('p', { class: 'count', role: 'status', 'aria-live': 'polite' });
  const list = h('ul', { class: 'results', id: 'results' });
  const gone = h('section', { id: 'not-in-force', 'aria-labelledby': 'not-in-force-h' });
  const form = h('form', { class: 'panel', role: 'search', action: '/', onsubmit: e => { e.preventDefault(); run(); } },
    h('div', {}, h('label', { for: 'q' }, t('search')), input, h('span', { class: 'hint', id: 'q-hint' }, t('searchHint'))),
    h('div', { class: 'grid mt' }, field('authority', t('authority'), authSel), field('field', t('field'), fieldSel),
      field('decision', t('decision'), decSel), field('at', t('inForce'), at)));
  main().replaceChildren(h('h1', {}, t('catTitle')), form, count, list, gone);
  function run() {
    const day = at.value || todayVN();
    const query = new URLSearchParams();
    if (input.value.trim()) query.set('q', input.value.trim());
    for (const [k, el] of [['authority', authSel], ['field', fieldSel], ['decision', decSel]]) if (el.value) query.set(k, el.value);
    if (day !== todayVN()) query.set('at', day);
    const qs = query.toString();
    history.replaceState(null, '', qs ? `/?${qs}` : '/');
    remember();
    const words = searchWords(input.value);
    // Filters apply to the version in force on the date, or to the last one before it.
    const shown = p => versionOn(p, day) || absence(p, day)?.version || p.versions[p.versions.length - 1];
    const keep = p => {
      const v = shown(p);
      return matchesQuery(p, words) && (!fieldSel.value || p.field === fieldSel.value)
        && (!authSel.value || v.authority.id === authSel.value) && (!decSel.value || v.source.decision === decSel.value);
    };
    // The closest names first: the words as a phrase in the name, then shorter names.
    const phrase = fold(input.value.trim());
    const rank = p => (phrase && (fold(p.name).includes(phrase) || (p.aliases || []).some(a => fold(a).includes(phrase))) ? 0 : 1);
    const order = (a, b) => rank(a) - rank(b) || (phrase ? a.name.length - b.name.length : 0) || procLabel(a, day).localeCompare(procLabel(b, day), 'vi', { numeric: true });
    const found = all.filter(keep);
    const current = found.filter(p => versionOn(p, day)).sort(order);
    const absent = found.filter(p => !versionOn(p, day)).sort(order);
    const d = dmy(day);
    count.textContent = found.length ? t('inForceCount', current.length, d) : t('none');
    const item = (p, v, why) => h('li', why ? { class: 'absent' } : {}, h('a', { href: `/procedures/${encodeURIComponent(p.id)}` }, p.name),
      h('div', { class: 'meta' },
        h('span', {}, `${t('item')} ${v.source.item}, ${v.source.decision}`),
        p.code ? h('span', {}, `${t('code')} ${p.code}`) : null,
        p.field ? h('span', {}, p.field) : null,
        h('span', {}, v.authority.title)),
      why ? h('p', { class: 'why' }, h('strong', {}, `${t('notInForceOn', d)}: `), why) : null);
    list.replaceChildren(...current.map(p => item(p, versionOn(p, day))));
    gone.replaceChildren(...(absent.length ? [h('h2', { id: 'not-in-force-h' }, t('notInForceTitle', absent.length, d)),
      h('ul', { class: 'results' }, absent.map(p => { const a = absence(p, day); return item(p, a.version, cap(a.text)); }))] : []));
  }
  const later = debounce(run, 120);
  input.addEventListener('input', later);
  for (const el of [authSel, fieldSel, decSel, at]) el.addEventListener('change', run);
  run();
}

// ---------------------------------------------------------------- page: one procedure
async function pageProcedure(id) {
  const el = main();
  let p;
  try { p = await api(`/v1/procedures/${encodeURIComponent(id)}`); } catch (e) {
    // The catalogue's own words, never the API's (which points programmers at an endpoint).
    const message = e.problem?.code === 'unknown_procedure' ? `${t('unknownProcedure')}: ${id}.` : e.network ? `${t('failed')}: ${e.message}` : e.message;
    el.replaceChildren(h('h1', {}, t('notFound')), h('p', { class: 'error-text' }, message),
      h('p', {}, h('a', { href: `/?q=${encodeURIComponent(id.replace(/-/g, ' '))}` }, t('searchFor', id.replace(/-/g, ' ')))),
      h('p', {}, h('a', { href: '/' }, t('nav.catalogue'))));
    return;
  }
  document.title = `${p.name} — tthc`;
  const today = todayVN();
  const current = currentVersion(p, today);
  const gone = absence(p, today);
  const out = [h('p', { class: 'muted' }, h('a', { href: '/' }, t('nav.catalogue')), ' › ', current.source.item),
    h('h1', {}, p.name),
    gone ? h('p', { class: 'notice', id: 'not-in-force' }, t('notInForceBanner', dmy(today), gone.text)) : null,
    h('dl', { class: 'facts' },
      h('dt', {}, t('id')), h('dd', {}, h('code', {}, p.id)),
      p.code ? [h('dt', {}, t('code')), h('dd', {}, p.code)] : null,
      p.field ? [h('dt', {}, t('field')), h('dd', {}, p.field)] : null,
      p.aliases?.length ? [h('dt', {}, t('aliases')), h('dd', {}, p.aliases.join('; '))] : null),
    h('div', { class: 'actions' },
      h('a', { class: 'button', href: `/calculator?procedure=${encodeURIComponent(p.id)}` }, t('calcThis')),
      h('a', { href: `/check?procedure=${encodeURIComponent(p.id)}` }, t('checkThis'))),
    h('h2', {}, t('versions')),
    h('ol', { class: 'versions' }, p.versions.map(v => h('li', {},
      `${dmy(v.valid_from)} – ${v.valid_until ? dmy(v.valid_until) : t('open')}: ${v.source.decision}, ${t('item')} ${v.source.item} (${v.authority.title})`,
      inForce(v, today) ? [' ', h('span', { class: 'in-force' }, `· ${t('inForceNow')}`)] : null,
      v.ending ? h('div', { class: 'muted' }, cap(endingWords(v.ending))) : null)))];
  for (const v of [...p.versions].reverse()) out.push(...versionDetail(p, v, p.versions.length > 1));
  el.replaceChildren(...out.filter(Boolean));
}

function versionDetail(p, v, several) {
  const heading = several ? `${t('version')} ${dmy(v.valid_from)} – ${v.valid_until ? dmy(v.valid_until) : t('open')}` : t('steps');
  const rows = v.steps.map((s, i) => h('tr', {},
    h('td', {}, `${t('stepNo')} ${i + 1}`), h('td', {}, s.name), h('td', {}, performers(s)),
    h('td', {}, timing(s.timing, v.variants))));
  const src = v.source;
  const parts = [h('h2', {}, heading),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('caption', { class: 'sr' }, `${p.name}: ${t('steps')}`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('stepNo')), h('th', { scope: 'col' }, t('stepDo')), h('th', { scope: 'col' }, t('role')), h('th', { scope: 'col' }, t('time')))),
      h('tbody', {}, rows),
      h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', colspan: 3 }, t('total')), h('td', {}, timing(v.total, v.variants)))))),
    h('dl', { class: 'facts mt' },
      h('dt', {}, t('authority')), h('dd', {}, v.authority.title),
      h('dt', {}, t('cutoff')), h('dd', {}, v.cutoff === null ? t('cutoffDefault') : v.cutoff === 'none' ? t('cutoffNone') : v.cutoff),
      h('dt', {}, t('source')), h('dd', {}, `${src.decision}, ${t('item')} ${src.item}`,
        src.signed ? `, ${t('signed')} ${dmy(src.signed)}` : '', src.effective ? `, ${t('effective')} ${dmy(src.effective)}` : ''),
      src.issuer ? [h('dt', {}, t('issuer')), h('dd', {}, src.issuer)] : null)];
  if (v.variants.length) {
    parts.push(h('h3', {}, t('cases')), h('ul', {}, v.variants.map(c => h('li', {},
      h('strong', {}, c.title), ` (${c.id})`, c.condition ? `: ${c.condition}` : ''))));
  }
  if (v.interpretations.length) {
    parts.push(h('h3', {}, t('interpretations')), h('ul', {}, v.interpretations.map(i => h('li', {},
      i.step ? h('strong', {}, `${i.step}: `) : null, i.text))));
  }
  return parts;
}

// ---------------------------------------------------------------- pages: calculator, status
/** The appointment calculator, or (`mode` 'status') the look-up of a file's state: the
 *  same case form, with the moment to look at. */
async function pageCalculator(mode = 'deadline') {
  const isStatus = mode === 'status';
  const title = isStatus ? t('statusTitle') : t('calcTitle');
  document.title = `${title} — tthc`;
  const all = [...await allProcedures()];
  all.sort((a, b) => procLabel(a).localeCompare(procLabel(b), 'vi', { numeric: true }));
  const filter = h('input', { type: 'search', id: 'filter', autocomplete: 'off', 'aria-describedby': 'filter-hint', 'aria-controls': 'procedure' });
  const proc = h('select', { id: 'procedure', name: 'procedure', required: true });
  const variant = h('select', { id: 'variant', name: 'variant' });
  const received = h('input', { type: 'text', id: 'received', name: 'received', inputmode: 'numeric', autocomplete: 'off', placeholder: 'dd/mm/yyyy HH:MM', 'aria-describedby': 'received-hint' });
  const picker = h('input', { type: 'date', id: 'received-date' });
  const restarted = h('input', { type: 'text', id: 'restarted', name: 'restarted', autocomplete: 'off', placeholder: 'dd/mm/yyyy HH:MM', 'aria-describedby': 'restarted-hint' });
  const pauseList = h('div', { id: 'pauses' });
  const asOf = h('input', { type: 'text', id: 'as-of', name: 'at', autocomplete: 'off', placeholder: 'dd/mm/yyyy HH:MM', 'aria-describedby': 'as-of-hint' });
  const completed = h('input', { type: 'text', id: 'completed', name: 'completed', autocomplete: 'off', placeholder: 'dd/mm/yyyy HH:MM', 'aria-describedby': 'completed-hint' });
  const formError = h('p', { class: 'error-text', role: 'alert', id: 'form-error' });
  const result = h('section', { id: 'result', 'aria-labelledby': 'result-h', tabindex: '-1' });
  // The procedures in force on the receipt date (today until one is typed) first; the
  // others after them, in a group that says so.
  const receiptDay = () => (readMoment(received.value) || '').slice(0, 10) || todayVN();
  const fillProcs = () => {
    const words = searchWords(filter.value);
    const keep = proc.value, day = receiptDay();
    const shown = all.filter(p => matchesQuery(p, words) || p.id === keep);
    const option = p => h('option', { value: p.id, selected: p.id === keep }, procLabel(p, day));
    const current = shown.filter(p => versionOn(p, day)), other = shown.filter(p => !versionOn(p, day));
    proc.replaceChildren(h('option', { value: '' }, t('choose')), ...current.map(option),
      ...(other.length ? [h('optgroup', { label: t('notInForceOn', dmy(day)) }, other.map(option))] : []));
    if (keep) proc.value = keep;
  };
  // A procedure with nothing in force on the receipt date: why, instead of an error.
  const notInForce = () => {
    const p = all.find(x => x.id === proc.value);
    const day = (readMoment(received.value) || '').slice(0, 10);
    const a = p && day ? absence(p, day) : null;
    return a ? t('notInForceCalc', dmy(day), a.text) : '';
  };
  let detail = null;
  const fillVariants = async () => {
    const id = proc.value, want = variant.value || params.get('variant') || '';
    variant.replaceChildren();
    if (!id) return;
    try { detail = await api(`/v1/procedures/${encodeURIComponent(id)}`); } catch (e) { formError.textContent = e.message; return; }
    const v = currentVersion(detail, receiptDay());
    if (v.total.base) variant.append(h('option', { value: '' }, t('ordinary')));
    for (const c of v.variants) {
      if (c.id === 'verification' && !v.total.variants.some(x => x.variant === 'verification') && !v.steps.some(s => s.timing.variants.some(x => x.variant === 'verification'))) continue;
      variant.append(h('option', { value: c.id, selected: c.id === want }, c.title));
    }
  };
  const addPause = (from = '', to = '') => {
    const n = pauseList.children.length + 1;
    const row = h('div', { class: 'row pause' },
      field(`pause-from-${n}`, t('pauseFrom'), h('input', { type: 'text', id: `pause-from-${n}`, class: 'pause-from', value: from, placeholder: 'dd/mm/yyyy HH:MM', autocomplete: 'off' })),
      field(`pause-to-${n}`, t('pauseTo'), h('input', { type: 'text', id: `pause-to-${n}`, class: 'pause-to', value: to, placeholder: 'dd/mm/yyyy HH:MM', autocomplete: 'off' })),
      h('button', { type: 'button', class: 'secondary', onclick: () => { row.remove(); } }, t('removePause')));
    pauseList.append(row);
    return row;
  };
  const form = h('form', { class: 'panel', id: 'calc', action: isStatus ? '/status' : '/calculator', novalidate: true, onsubmit: e => { e.preventDefault(); compute(true); } },
    h('div', { class: 'grid' },
      field('filter', t('filter'), filter, t('searchHint')),
      field('procedure', t('procedure'), proc)),
    h('span', { class: 'sr', id: 'filter-hint' }, t('searchHint')),
    h('div', { class: 'grid mt' },
      field('variant', t('variant'), variant),
      h('div', {}, h('label', { for: 'received' }, t('received'), h('span', { class: 'hint', id: 'received-hint' }, t('dtHint'))), received),
      field('received-date', t('pickDate'), picker)),
    h('details', { class: 'mt' }, h('summary', {}, `${t('pauses')} / ${t('restarted')}`),
      pauseList, h('p', {}, h('button', { type: 'button', class: 'secondary', onclick: () => addPause().querySelector('input').focus() }, t('addPause'))),
      h('div', {}, h('label', { for: 'restarted' }, t('restarted'), h('span', { class: 'hint', id: 'restarted-hint' }, t('restartedHint'))), restarted)),
    isStatus ? h('div', { class: 'grid mt' },
      h('div', {}, h('label', { for: 'as-of' }, t('asOf'), h('span', { class: 'hint', id: 'as-of-hint' }, t('asOfHint'))), asOf),
      h('div', {}, h('label', { for: 'completed' }, t('completedAt'), h('span', { class: 'hint', id: 'completed-hint' }, t('completedHint'))), completed)) : null,
    formError,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, isStatus ? t('lookUp') : t('compute'))));
  // A link that opens on a result shows the result first (on a phone the form would
  // fill the first screen); the form follows, to change the case.
  const opensOnResult = Boolean(params.get('procedure') && params.get('received'));
  const intro = isStatus ? h('p', { class: 'muted' }, t('statusIntro')) : null;
  if (opensOnResult) main().replaceChildren(h('h1', {}, title), result, h('h2', { class: 'form-h' }, t('changeCase')), form);
  else main().replaceChildren(...[h('h1', {}, title), intro, form, result].filter(Boolean));

  // State from the address.
  const r0 = params.get('received');
  if (r0) received.value = showMoment(readMoment(r0) || '') || r0;
  fillProcs();
  if (params.get('procedure')) {
    proc.value = params.get('procedure');
    if (proc.value !== params.get('procedure')) formError.textContent = `${t('unknownProcedure')}: ${params.get('procedure')}`;
  }
  if (params.get('at')) asOf.value = showMoment(readMoment(params.get('at')) || '') || params.get('at');
  if (params.get('completed')) completed.value = showMoment(readMoment(params.get('completed')) || '') || params.get('completed');
  if (params.get('restarted')) restarted.value = showMoment(readMoment(params.get('restarted')) || '') || params.get('restarted');
  for (const p of params.getAll('pause')) { const [a, b] = p.split('/'); addPause(showMoment(readMoment(a) || '') || a, showMoment(readMoment(b || '') || '') || b || ''); }
  if (params.getAll('pause').length || params.get('restarted')) form.querySelector('details').open = true;
  await fillVariants();
  filter.addEventListener('input', fillProcs);
  proc.addEventListener('change', fillVariants);
  picker.addEventListener('change', () => {
    if (!picker.value) return;
    const old = readMoment(received.value);
    received.value = showMoment(`${picker.value}T${old ? old.slice(11, 16) : '08:00'}`);
    fillProcs();
    fillVariants();
  });
  received.addEventListener('change', () => { const m = readMoment(received.value); if (m) picker.value = m.slice(0, 10); fillProcs(); fillVariants(); });
  if (proc.value && r0) await compute(false);

  async function compute(push) {
    formError.textContent = '';
    if (!proc.value) { formError.textContent = t('needProcedure'); proc.focus(); return; }
    const rec = readMoment(received.value);
    if (!rec) { formError.textContent = t('badDate'); received.focus(); return; }
    picker.value = rec.slice(0, 10);
    const absent = notInForce();
    const pauses = [];
    for (const row of pauseList.querySelectorAll('.pause')) {
      const a = row.querySelector('.pause-from'), b = row.querySelector('.pause-to');
      if (!a.value.trim() && !b.value.trim()) continue;
      const fa = readMoment(a.value), fb = readMoment(b.value);
      if (!fa) { formError.textContent = t('badDate'); a.focus(); return; }
      if (!fb) { formError.textContent = t('badDate'); b.focus(); return; }
      pauses.push({ from: fa, to: fb });
    }
    let rs = null;
    if (restarted.value.trim()) { rs = readMoment(restarted.value); if (!rs) { formError.textContent = t('badDate'); restarted.focus(); return; } }
    let at = null, done = null;
    if (isStatus && completed.value.trim()) { done = readMoment(completed.value); if (!done) { formError.textContent = t('badDate'); completed.focus(); return; } }
    if (isStatus && !done) {
      at = asOf.value.trim() ? readMoment(asOf.value) : nowVN();
      if (!at) { formError.textContent = t('badDate'); asOf.focus(); return; }
    }
    const q = new URLSearchParams({ procedure: proc.value, received: rec });
    if (variant.value) q.set('variant', variant.value);
    for (const p of pauses) q.append('pause', `${p.from}/${p.to}`);
    if (rs) q.set('restarted', rs);
    if (done) q.set('completed', done);
    else if (at) q.set('at', at);
    const url = `${isStatus ? '/status' : '/calculator'}?${q}`;
    if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
    remember();
    const body = { procedure: proc.value, received_at: `${rec}:00+07:00`, explain: true };
    if (variant.value) body.variant = variant.value;
    if (pauses.length) body.pauses = pauses.map(p => ({ from: `${p.from}:00+07:00`, to: `${p.to}:00+07:00` }));
    if (rs) body.restarted_at = `${rs}:00+07:00`;
    if (absent) {
      result.replaceChildren(h('h2', { id: 'result-h' }, t('result')), h('p', { class: 'notice', role: 'alert', id: 'not-in-force' }, absent),
        h('p', {}, h('a', { href: `/procedures/${encodeURIComponent(proc.value)}` }, t('versions'))));
      if (push) result.focus();
      return;
    }
    loadingInto(result);
    if (isStatus) {
      if (done) body.completed_at = `${done}:00+07:00`; else body.at = `${at}:00+07:00`;
      let st;
      try { st = await api('/v1/status', body); } catch (e) { failInto(result, e); return; }
      renderStatus(result, st, q);
    } else {
      let d;
      try { d = await api('/v1/deadlines', body); } catch (e) { failInto(result, e); return; }
      await renderResult(result, d, detail, url);
    }
    if (push) result.focus();
  }
}

/** A file's state at a moment: in or out of time, the working time left or over in
 *  words, the appointment, and the step it should be in. */
function renderStatus(el, st, q) {
  const steps = st.deadline.steps;
  const step = st.current_step ? steps.find(s => s.id === st.current_step) : null;
  const calc = new URLSearchParams(q); calc.delete('at'); calc.delete('completed');
  el.replaceChildren(h('h2', { id: 'result-h' }, t('result')),
    h('div', { class: `panel state state-${st.status}`, role: 'status' },
      h('p', { class: 'due' }, h('strong', { id: 'state' }, cap(LANG === 'vi' ? st.status_vi : st.status_en)), ' — ',
        h('span', { id: 'time-left' }, LANG === 'vi' ? st.label_vi : st.label_en)),
      h('p', {}, `${t('dueAt')}: `, h('strong', { id: 'due-at' }, when(st.due_at))),
      h('p', { class: 'muted' }, `${st.status === 'early' || st.status === 'on_time' || st.status === 'late' ? t('completedAt') : t('asOf')}: ${when(st.as_of)}`),
      step ? h('p', { id: 'current-step' }, `${t('currentStep')}: ${t('stepNo')} ${steps.indexOf(step) + 1}: ${step.name} (${t('stepDue')} ${when(step.due_at)})`) : null,
      st.provisional ? h('p', { class: 'error-text' }, t('provisional')) : null,
      st.uncertain_days.length ? h('p', { class: 'error-text' }, `${t('uncertain')} ${st.uncertain_days.map(dmy).join(', ')}`) : null),
    h('p', {}, h('a', { href: `/calculator?${calc}` }, t('seeDeadline'))));
}

async function renderResult(el, d, detail, url) {
  const x = d.explanation;
  const due = vnTime(d.due_at);
  const v = detail ? (detail.versions.find(v => v.valid_from === d.version.valid_from) || currentVersion(detail)) : null;
  const roleTitle = id => v?.steps.find(s => s.role.id === id)?.role.title || id;
  const variantTitle = d.variant ? (v?.variants.find(c => c.id === d.variant)?.title || d.variant) : t('ordinary');
  // Timeline: receipt, clock start, each step.
  const maxMin = Math.max(1, ...x.steps.map(s => s.working_minutes));
  const items = [h('li', {}, h('span', { class: 'when' }, when(d.received_at)), ' — ', t('receivedAt')),
    d.clock_started_at !== d.received_at ? h('li', {}, h('span', { class: 'when' }, when(d.clock_started_at)), ' — ', t('clockStart'), `: ${LANG === 'vi' ? x.clock.reason_vi : x.clock.reason_en}`) : null,
    ...x.steps.map((s, i) => h('li', { class: i === x.steps.length - 1 ? 'end' : null },
      h('span', { class: 'when' }, when(s.due_at)), ' — ', h('strong', {}, `${t('stepNo')} ${i + 1}: ${s.name}`),
      h('div', { class: 'meta' }, h('span', {}, roleTitle(s.role)), h('span', {}, s.allotment ? amount(s.allotment) : t('noTime'))),
      s.working_minutes ? h('div', { class: 'bar', style: { width: `${Math.max(1, Math.round(100 * s.working_minutes / maxMin))}%` }, 'aria-hidden': 'true' }) : null))];
  // Skipped days grouped: runs of consecutive days of the same holiday, or of a weekend.
  const nextDay = iso => { const d = new Date(`${iso}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1); return d.toISOString().slice(0, 10); };
  const groups = [];
  for (const s of x.skipped_days) {
    const name = s.reason === 'weekend' ? t('legendWeekend') : s.name.replace(/\s*\(.*\)$/, '');
    const detailName = (s.name.match(/\((.*)\)$/) || [])[1];
    const last = groups[groups.length - 1];
    if (last && last.name === name && nextDay(last.dates[last.dates.length - 1]) === s.date) {
      last.dates.push(s.date);
      if (detailName) last.details.push(detailName);
    } else groups.push({ name, single: s.name, dates: [s.date], details: detailName ? [detailName] : [] });
  }
  const weekends = groups.filter(g => g.name === t('legendWeekend'));
  const pauses = [];
  for (const p of x.steps.flatMap(s => s.pauses)) if (!pauses.some(q => q.from === p.from && q.to === p.to)) pauses.push(p);
  const worked = [];
  for (const w of x.steps.flatMap(s => s.worked_weekend_days)) if (!worked.some(v => v.date === w.date)) worked.push(w);
  const c = x.clock;
  // Who states the cutoff (the procedure, its decision or the calendar), or why none applies,
  // in the engine's own sentence; then whether this receipt was after it.
  const cutoffLine = `${LANG === 'vi' ? c.cutoff_vi : c.cutoff_en}${c.cutoff ? ` ${c.cutoff_applied ? t('cutoffApplied') : t('cutoffNotApplied')}.` : ''}`;
  const why = [h('p', {}, LANG === 'vi' ? x.summary_vi : x.summary_en),
    h('p', { id: 'cutoff' }, cutoffLine),
    groups.length ? [h('h3', {}, t('skipped')), h('ul', { id: 'skipped' }, groups.filter(g => g.name !== t('legendWeekend')).map(g => h('li', {},
      h('strong', {}, g.name), ': ', g.dates.length > 1 ? `${dmy(g.dates[0])} – ${dmy(g.dates[g.dates.length - 1])} (${g.dates.length} ${LANG === 'vi' ? 'ngày' : 'days'})` : dmy(g.dates[0]),
      g.details.length ? h('span', { class: 'muted' }, ` — ${g.details.join(', ')}`) : null)),
      // Weekends on one line: each weekend as a range.
      weekends.length ? h('li', {}, h('strong', {}, t('legendWeekend')), ` (${weekends.reduce((n, g) => n + g.dates.length, 0)} ${LANG === 'vi' ? 'ngày' : 'days'}): `,
        weekends.map(g => g.dates.length > 1 ? `${dmy(g.dates[0]).slice(0, 5)}–${dmy(g.dates[g.dates.length - 1])}` : `${dmy(g.dates[0])} (${g.single})`).join(', ')) : null)] : null,
    pauses.length ? [h('h3', {}, t('pausesDone')), h('ul', { id: 'pauses-done' }, pauses.map(p => h('li', {}, `${when(p.from)} – ${when(p.to)}`)))] : null,
    worked.length ? [h('h3', {}, t('worked')), h('ul', {}, worked.map(w => h('li', {}, `${w.name}: ${dmy(w.date)}`)))] : null,
    h('p', {}, `${t('basis')}: ${x.source.decision}, ${t('item')} ${x.source.item}`, x.source.signed ? ` (${t('signed')} ${dmy(x.source.signed)})` : '')];
  const notes = [d.provisional ? h('p', { class: 'error-text' }, t('provisional')) : null,
    d.uncertain_days.length ? h('p', { class: 'error-text' }, `${t('uncertain')} ${d.uncertain_days.map(dmy).join(', ')}`) : null];
  const months = await monthViews(d, x);
  el.replaceChildren(
    h('h2', { id: 'result-h' }, t('result')),
    h('div', { class: 'panel', role: 'status' },
      h('p', { class: 'due' }, `${t('dueAt')}: `, h('strong', { id: 'due-at' }, due.date), ` ${t('at')} ${due.time}`),
      h('p', { class: 'muted' }, `${due.weekday} · ${detail ? detail.name : d.procedure} · ${t('variant')}: ${variantTitle}`), notes),
    h('h3', {}, t('timeline')), h('ol', { class: 'timeline' }, items),
    h('h3', {}, t('why')), h('div', { id: 'why' }, why),
    h('h3', {}, t('monthView')), h('div', {}, months),
    h('div', { class: 'slip-wrap' },
      h('div', { class: 'actions no-print' },
        h('button', { type: 'button', class: 'primary', id: 'print', onclick: () => { document.body.classList.add('print-slip'); window.print(); } }, t('print')),
        h('a', { href: url }, t('link'))),
      slip(d, detail, v, variantTitle)));
}
window.addEventListener('afterprint', () => document.body.classList.remove('print-slip'));

async function monthViews(d, x) {
  const start = vnTime(d.received_at).iso, end = vnTime(d.due_at).iso;
  const years = [...new Set([start.slice(0, 4), end.slice(0, 4)])];
  const marks = new Map();
  for (const y of years) {
    try {
      const c = await api(`/v1/calendars/${encodeURIComponent(d.calendar)}?year=${y}`);
      for (const day of c.days) marks.set(day.date, day);
    } catch (_) { /* the month view still shows weekends */ }
  }
  // Days touched by a pause.
  const pausedDays = new Set();
  for (const p of x.steps.flatMap(s => s.pauses)) {
    for (let day = vnTime(p.from).iso, last = vnTime(p.to).iso, n = 0; day <= last && n < 400; n++) {
      pausedDays.add(day);
      const d = new Date(`${day}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1); day = d.toISOString().slice(0, 10);
    }
  }
  const months = [];
  let [y, m] = [+start.slice(0, 4), +start.slice(5, 7)];
  const [ey, em] = [+end.slice(0, 4), +end.slice(5, 7)];
  while ((y < ey || (y === ey && m <= em)) && months.length < 12) {
    months.push(monthTable(y, m, marks, start, end, pausedDays));
    if (++m > 12) { m = 1; y++; }
  }
  const sw = (cls, label) => h('li', {}, h('span', { class: `sw ${cls}`, 'aria-hidden': 'true' }), label);
  return [h('div', { class: 'months' }, months), h('ul', { class: 'legend' },
    sw('', t('legendWork')), sw('weekend', t('legendWeekend')), sw('holiday', t('legendHoliday')),
    sw('worked', t('legendWorked')), pausedDays.size ? sw('paused', t('legendPaused')) : null,
    sw('received', t('legendReceived')), sw('due-day', t('legendDue')))];
}
function monthTable(y, m, marks, start, end, pausedDays) {
  const first = new Date(Date.UTC(y, m - 1, 1));
  const lead = (first.getUTCDay() + 6) % 7;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const cells = [];
  for (let i = 0; i < lead; i++) cells.push(h('td', { class: 'other' }, ''));
  for (let d = 1; d <= days; d++) {
    const iso = `${y}-${pad(m)}-${pad(d)}`;
    const wd = (lead + d - 1) % 7;
    const mark = marks.get(iso);
    const cls = [];
    let note = '';
    if (mark && mark.kind === 'working-day') { cls.push('worked'); note = `${t('legendWorked')}: ${mark.name}`; }
    else if (mark) { cls.push(mark.kind === 'holiday' ? 'holiday' : 'day-off'); note = mark.name; }
    else if (wd >= 5) cls.push('weekend');
    if (iso >= start && iso <= end) cls.push('in-span');
    if (pausedDays.has(iso)) { cls.push('paused'); note = `${t('legendPaused')}${note ? '; ' + note : ''}`; }
    if (iso === start) { cls.push('received'); note = `${t('legendReceived')}${note ? '; ' + note : ''}`; }
    if (iso === end) { cls.push('due-day'); note = `${t('legendDue')}${note ? '; ' + note : ''}`; }
    cells.push(h('td', { class: cls.join(' ') || null, title: note || null }, String(d), note ? h('span', { class: 'sr' }, ` (${note})`) : null));
  }
  while (cells.length % 7) cells.push(h('td', { class: 'other' }, ''));
  const rows = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(h('tr', {}, cells.slice(i, i + 7)));
  return h('table', { class: 'month' }, h('caption', {}, t('month', m, y)),
    h('thead', {}, h('tr', {}, t('weekdays').map((w, i) => h('th', { scope: 'col', abbr: t('weekdaysLong')[i] }, w)))), h('tbody', {}, rows));
}

/** The appointment slip, in Vietnamese as the one-stop desk prints it. */
function slip(d, detail, v, variantTitle) {
  const r = vnTime(d.received_at), due = vnTime(d.due_at);
  const vi = WORDS.vi;
  const wd = x => vi.weekdaysLong[(new Date(Date.UTC(+x.iso.slice(0, 4), +x.iso.slice(5, 7) - 1, +x.iso.slice(8, 10))).getUTCDay() + 6) % 7];
  const total = v ? (d.variant ? v.total.variants.find(a => a.variant === d.variant)?.amount : v.total.base) : null;
  const totalText = total ? (total.kind === 'same_day' ? 'trong ngày' : `${total.days.replace('.', ',')} ngày làm việc`) : '';
  const dots = () => h('span', { class: 'dots' }, '\u00a0');
  const at = x => `${pad(x.hh)} giờ ${pad(x.mm)} phút, ${wd(x).toLowerCase()} ngày ${x.date}`;
  return h('article', { class: 'slip', lang: 'vi', 'aria-label': vi.slipTitle },
    h('div', { class: 'head' },
      h('div', {}, h('p', { id: 'slip-office' }, (OFFICE || v?.authority.title || 'UBND').toUpperCase()), h('p', {}, h('strong', {}, 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ'))),
      h('div', {}, h('p', {}, h('strong', {}, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')), h('p', {}, h('strong', {}, 'Độc lập - Tự do - Hạnh phúc')))),
    h('h2', { class: 'upper' }, vi.slipTitle),
    h('p', { class: 'code' }, 'Mã hồ sơ: ', dots()),
    h('p', { class: 'line' }, 'Bộ phận tiếp nhận và trả kết quả tiếp nhận hồ sơ của: ', dots()),
    h('p', { class: 'line' }, 'Địa chỉ: ', dots(), ' Số điện thoại: ', dots()),
    h('p', { class: 'line' }, 'Nội dung yêu cầu giải quyết: ', h('strong', {}, detail ? detail.name : d.procedure),
      d.variant ? ` (${variantTitle})` : ''),
    h('p', { class: 'line' }, 'Giấy tờ đã nhận:'),
    // Rows for the clerk to fill by hand: the documents differ from file to file.
    h('table', { class: 'documents', id: 'slip-documents' },
      h('thead', {}, h('tr', {}, ['STT', 'Tên giấy tờ', 'Bản chính / bản sao', 'Số lượng'].map(x => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, [1, 2, 3, 4].map(n => h('tr', {}, h('td', {}, String(n)), h('td', {}, '\u00a0'), h('td', {}, '\u00a0'), h('td', {}, '\u00a0'))))),
    h('p', { class: 'line' }, 'Thời gian giải quyết hồ sơ theo quy định: ', h('strong', {}, totalText)),
    h('p', { class: 'line' }, 'Thời gian nhận hồ sơ: ', h('strong', {}, at(r))),
    d.explanation.clock.restarted_at ? h('p', { class: 'line' }, 'Nhận lại hồ sơ đã bổ sung: ', h('strong', {}, at(vnTime(d.explanation.clock.restarted_at)))) : null,
    h('p', { class: 'line' }, 'Thời gian trả kết quả giải quyết hồ sơ: ', h('strong', { id: 'slip-due' }, at(due))),
    h('p', { class: 'line' }, `Căn cứ: Quyết định số ${d.version.source.decision}, mục ${d.version.source.item}.`),
    h('p', { class: 'line' }, 'Vào Sổ theo dõi hồ sơ, Quyển số: ', h('span', { class: 'dots short' }, '\u00a0'), ' Số thứ tự: ', h('span', { class: 'dots short' }, '\u00a0')),
    h('div', { class: 'sign' },
      h('div', {}, h('p', {}, h('strong', {}, 'NGƯỜI NỘP HỒ SƠ')), h('p', {}, h('em', {}, '(Ký và ghi rõ họ tên)'))),
      h('div', {}, h('p', {}, h('strong', {}, 'NGƯỜI TIẾP NHẬN HỒ SƠ')), h('p', {}, h('em', {}, '(Ký và ghi rõ họ tên)')))));
}

// ---------------------------------------------------------------- page: check
async function pageCheck() {
  document.title = `${t('checkTitle')} — tthc`;
  const all = await allProcedures();
  all.sort((a, b) => procLabel(a).localeCompare(procLabel(b), 'vi', { numeric: true }));
  const from = h('select', { id: 'from' }, h('option', { value: '' }, t('choose')), all.map(p => h('option', { value: p.id }, procLabel(p))));
  const area = h('textarea', { id: 'text', spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off', wrap: 'off', 'aria-describedby': 'text-hint' });
  const file = h('input', { type: 'text', id: 'file', value: 'pasted.tthc', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'file-hint' });
  const status = h('p', { role: 'status', 'aria-live': 'polite', id: 'check-status' });
  const list = h('ul', { class: 'diagnostics', id: 'diagnostics' });
  const load = async id => {
    if (!id) return;
    try {
      const s = await api(`/v1/procedures/${encodeURIComponent(id)}/source`);
      area.value = s.text; file.value = s.file; from.value = id; run();
    } catch (e) { status.textContent = e.message; }
  };
  main().replaceChildren(h('h1', {}, t('checkTitle')),
    h('div', { class: 'panel row no-print' }, field('from', t('startFrom'), from), h('button', { type: 'button', class: 'secondary', onclick: () => load(from.value) }, t('load'))),
    h('div', { class: 'check-layout mt' },
      h('div', {}, h('label', { for: 'text' }, t('text'), h('span', { class: 'hint', id: 'text-hint' }, t('textHint'))), area,
        h('div', { class: 'mt-s' }, h('label', { for: 'file' }, t('fileName'), h('span', { class: 'hint', id: 'file-hint' }, t('fileHint'))), file)),
      h('section', { 'aria-labelledby': 'findings-h' }, h('h2', { id: 'findings-h', class: 'mt-0' }, t('findings')), status, list)));
  let seq = 0;
  async function run() {
    const mine = ++seq;
    if (!area.value.trim()) { status.textContent = ''; list.replaceChildren(); return; }
    status.textContent = t('checking');
    let r;
    try { r = await api('/v1/check', { text: area.value, file: file.value.trim() || 'pasted.tthc', lang: LANG }); } catch (e) {
      if (mine === seq) { status.textContent = e.message; list.replaceChildren(); }
      return;
    }
    if (mine !== seq) return;
    status.replaceChildren(r.errors === 0 && r.warnings === 0 ? h('span', { class: 'clean' }, t('clean')) : `${t('errors', r.errors)}, ${t('warnings', r.warnings)}.`);
    list.replaceChildren(...r.diagnostics.map(d => h('li', { class: d.severity },
      h('span', { class: 'sev' }, `${d.severity === 'error' ? t('error') : t('warning')} ${d.code}`), ' · ',
      h('button', { type: 'button', class: 'at', title: t('goTo'), onclick: () => goTo(d) }, `${t('line')} ${d.line}, ${t('col')} ${d.column}`),
      h('div', {}, d.message), d.help ? h('div', { class: 'muted' }, d.help) : null)));
  }
  function goTo(d) {
    const lines = area.value.split('\n');
    const offset = (l, c) => lines.slice(0, l - 1).reduce((n, s) => n + s.length + 1, 0) + c - 1;
    const a = offset(d.line, d.column), b = Math.max(a + 1, offset(d.end_line, d.end_column));
    area.focus();
    area.setSelectionRange(a, b);
    area.scrollTop = Math.max(0, (d.line - 3) * parseFloat(getComputedStyle(area).lineHeight || '20'));
  }
  const later = debounce(run, 250);
  area.addEventListener('input', later);
  file.addEventListener('input', later);
  if (params.get('procedure')) await load(params.get('procedure'));
}

// ---------------------------------------------------------------- page: not found
function pageNotFound() {
  document.title = `${t('notFound')} — tthc`;
  main().replaceChildren(h('h1', {}, t('notFound')), h('p', {}, t('notFoundHelp')),
    h('ul', {}, [['/', 'nav.catalogue'], ['/calculator', 'nav.calculator'], ['/status', 'nav.status'], ['/check', 'nav.check']]
      .map(([href, k]) => h('li', {}, h('a', { href }, t(k))))));
}

// ---------------------------------------------------------------- start
function chrome() {
  document.documentElement.lang = LANG;
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
  for (const el of document.querySelectorAll('[data-t-label]')) el.setAttribute('aria-label', t(el.dataset.tLabel));
  const sw = document.getElementById('lang-switch');
  sw.textContent = t('switchTo');
  sw.lang = t('switchLang');
  sw.onclick = () => {
    LANG = LANG === 'vi' ? 'en' : 'vi';
    try { localStorage.setItem('tthc.lang', LANG); } catch (_) { /* storage off */ }
    const u = new URL(location.href);
    u.searchParams.delete('lang');
    location.replace(u.toString());
  };
}
async function start() {
  chrome();
  const path = location.pathname.replace(/\/+$/, '') || '/';
  let page = null;
  try {
    if (path === '/') { page = 'catalogue'; await pageCatalogue(); }
    else if (path === '/calculator') { page = 'calculator'; await pageCalculator(); }
    else if (path === '/status') { page = 'status'; await pageCalculator('status'); }
    else if (path === '/check') { page = 'check'; await pageCheck(); }
    else if (path.startsWith('/procedures/')) { page = 'catalogue'; await pageProcedure(decodeURIComponent(path.slice('/procedures/'.length))); }
    else pageNotFound();
  } catch (e) { failInto(main(), e); }
  for (const a of document.querySelectorAll('header nav a')) if (a.dataset.page === page) a.setAttribute('aria-current', 'page');
  document.body.dataset.ready = 'true';
}
// Back and forward between results redraw the page; a move to an anchor (the skip link) does not.
let shown = location.pathname + location.search;
window.addEventListener('popstate', () => { if (location.pathname + location.search !== shown) location.reload(); });
const remember = () => { shown = location.pathname + location.search; };
start();
