// Browser tests of the web app served by `tthc serve`: Debian's chromium driven by
// playwright-core, used as a person would (typing, keyboard, printing), with axe-core
// on every page.
//
//   TTHC_BIN     the tthc binary to serve (default: ../../target/release/tthc)
//   CHROMIUM     the browser (default: /usr/bin/chromium)
//   SCREENSHOTS  where screenshots, the printed slip and the server's log go
//                (default: ./test-output/screenshots)
//   WEB_ASSETS_FROM_DISK  when set, app.js and app.css come from crates/tthc-server/web (editing
//                them needs no rebuild)
//
// The pages run under the Content-Security-Policy the server sends (no bypass): a style
// or script the policy refuses is a console error, and any console error fails the run.
//
// Run: npm ci && npm test (node --test on this file).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const BIN = resolve(process.env.TTHC_BIN || join(here, '../../target/release/tthc'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = resolve(process.env.SCREENSHOTS || join(here, 'test-output/screenshots'));
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const B16 = 'cap-giay-xac-nhan-tinh-trang-hon-nhan';
const A1 = 'dang-ky-khai-sinh-co-yeu-to-nuoc-ngoai';
const OFFICE = 'UBND xã Quảng La';

let server, base, context, profile, serverDir;
const problems = []; // console errors, failed or foreign requests, over the whole run

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const port = 20000 + Math.floor(Math.random() * 20000);
  base = `http://127.0.0.1:${port}`;
  // An empty working folder: the server uses the catalogue compiled into it.
  serverDir = mkdtempSync(join(tmpdir(), 'tthc-web-serve-'));
  // The server's log (one line per request) goes beside the screenshots.
  const log = openSync(join(SHOTS, 'serve.log'), 'w');
  server = spawn(BIN, ['serve', '--addr', `127.0.0.1:${port}`, '--office', OFFICE, '--log-requests', 'all'],
    { cwd: serverDir, stdio: ['ignore', log, log] });
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch (_) { /* not up yet */ }
    if (i > 200) throw new Error(`${BIN} did not start on ${base}`);
    await new Promise(r => setTimeout(r, 100));
  }
  profile = mkdtempSync(join(tmpdir(), 'tthc-web-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    // No CSP bypass: the server's own policy governs every page. axe is evaluated through
    // the DevTools protocol, which the policy does not govern; everything else the pages
    // do must pass it (a violation is a console error, which fails the run).
  });
  // While editing the assets: serve them from the working copy instead of the binary.
  if (process.env.WEB_ASSETS_FROM_DISK) {
    for (const name of ['app.js', 'app.css']) {
      await context.route(`${base}/assets/${name}`, route => route.fulfill({
        contentType: name.endsWith('.js') ? 'text/javascript' : 'text/css',
        body: readFileSync(join(here, '../../crates/tthc-server/web', name), 'utf8'),
      }));
    }
  }
  // The one 404 a test asks for on purpose is reported by chromium as a failed load.
  const wanted404 = m => m.location().url === `${base}/khong-co-trang-nay` && /status of 404/.test(m.text());
  context.on('console', m => { if (m.type() === 'error' && !wanted404(m)) problems.push(`console: ${m.text()} (${m.location().url})`); });
  context.on('request', r => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) problems.push(`foreign request: ${r.url()}`); });
  context.on('requestfailed', r => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
});

after(async () => {
  await context?.close();
  server?.kill('SIGTERM');
  rmSync(profile, { recursive: true, force: true });
  rmSync(serverDir, { recursive: true, force: true });
});

async function open(path, page) {
  page = page || await context.newPage();
  await page.goto(base + path);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** axe-core on the page as it stands: no serious or critical violation. */
async function axe(page, name) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => await globalThis.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map(n => n.target.join(' ')).join(', ')}`), [], `axe on ${name}`);
}

test('the catalogue finds "Đăng ký kết hôn" typed without diacritics, keeps the query in the address and renders it on load', async () => {
  const page = await open('/');
  await axe(page, 'catalogue');
  await page.getByLabel('Tìm thủ tục').pressSequentially('dang ky ket hon', { delay: 20 });
  const first = page.locator('#results a').first();
  await assert.doesNotReject(page.waitForFunction(() => /Thủ tục đăng ký kết hôn$/.test(document.querySelector('#results a')?.textContent || '')));
  assert.match(await first.textContent(), /Đăng ký kết hôn/i);
  assert.match(page.url(), /\/\?q=dang\+ky\+ket\+hon$/);
  await shot(page, 'catalogue-search');
  // The same address opened afresh shows the same results without typing.
  const again = await open('/?q=dang+ky+ket+hon');
  assert.equal(await again.inputValue('#q'), 'dang ky ket hon');
  assert.match(await again.locator('#results a').first().textContent(), /đăng ký kết hôn/i);
  assert.match(await again.locator('.count').textContent(), /^\d+ thủ tục có hiệu lực ngày \d\d\/\d\d\/\d{4}$/);
  // A filter by date: on 2025-07-01 the district-level items (A.x) are no longer in force.
  await again.fill('#q', '');
  await again.fill('#at', '2025-07-01');
  await again.locator('#at').dispatchEvent('change');
  await again.waitForFunction(() => document.querySelector('.count')?.textContent === '22 thủ tục có hiệu lực ngày 01/07/2025');
  await again.close();
  await page.close();
});

test('the catalogue shows what is in force on a date, and says why the rest is not; the calculator explains', async () => {
  const page = await context.newPage();
  const lists = [];
  page.on('request', r => { if (new URL(r.url()).pathname === '/v1/procedures') lists.push(r.url()); });
  // On 30/06/2025 every item of 1086 is in force; the next day the 15 district-level
  // items (A.1-A.15) end with their level, and the 22 commune-level ones remain.
  await open('/?at=2025-06-30', page);
  assert.equal(await page.locator('.count').textContent(), '37 thủ tục có hiệu lực ngày 30/06/2025');
  assert.equal(lists.length, 1, `the catalogue list is fetched once: ${lists}`);
  await open('/?q=dang+ky+khai+sinh&at=2025-07-01', page);
  const A1_NAME = 'Thủ tục đăng ký khai sinh có yếu tố nước ngoài';
  const current = await page.locator('#results > li > a').allTextContents();
  assert.ok(current.length > 0 && !current.includes(A1_NAME), current.join(' | '));
  const gone = page.locator('#not-in-force li').filter({ has: page.getByRole('link', { name: A1_NAME, exact: true }) });
  assert.match(await gone.textContent(), /Không có hiệu lực ngày 01\/07\/2025: .*30\/06\/2025/);
  assert.match(await page.locator('#not-in-force h2').textContent(), /thủ tục không có hiệu lực ngày 01\/07\/2025/);
  await axe(page, 'catalogue with procedures not in force');
  await shot(page, 'catalogue-not-in-force');
  // The calculator on a date A.1 is not in force on: why, not a network failure.
  await open(`/calculator?procedure=${A1}&received=2025-08-01T10:00`, page);
  await page.waitForSelector('#not-in-force');
  const notice = await page.locator('#not-in-force').textContent();
  assert.match(notice, /không có hiệu lực vào ngày 01\/08\/2025/, notice);
  assert.doesNotMatch(notice, /Không tải được/);
  await page.close();
});

test('a procedure page shows the steps, roles, times, cases, source and versions like the decision appendix', async () => {
  const page = await open(`/procedures/${B16}`);
  assert.equal(await page.locator('h1').textContent(), 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân');
  const rows = page.locator('table tbody tr');
  assert.equal(await rows.count(), 4);
  assert.match(await rows.nth(1).textContent(), /Thẩm định.*Công chức Tư pháp - hộ tịch.*2 ngày; Trường hợp cần xác minh: 22 ngày/);
  assert.match(await page.locator('tfoot').textContent(), /3 ngày; .*23 ngày/);
  assert.match(await page.locator('main').textContent(), /1086\/QĐ-UBND, Mục B\.16/);
  await axe(page, 'procedure');
  await shot(page, 'procedure');
  await page.close();
});

test('the calculator: B.16 received 24/01/2025 10:00 (before Tết), typed by hand, is due 05/02/2025', async () => {
  const page = await open('/calculator');
  await page.getByLabel('Lọc danh sách thủ tục').pressSequentially('xac nhan tinh trang hon nhan');
  await page.getByLabel('Thủ tục', { exact: true }).selectOption(B16);
  await page.locator('#received').pressSequentially('24/01/2025 10:00');
  await page.locator('#received').press('Enter');
  await page.waitForSelector('#due-at');
  assert.equal(await page.locator('#due-at').textContent(), '05/02/2025');
  assert.match(page.url(), /received=2025-01-24T10%3A00/);
  assert.match(await page.locator('#skipped').textContent(), /Tết Nguyên đán: 27\/01\/2025 – 31\/01\/2025 \(5 ngày\)/);
  // B.16 counts days: Decision 1086's 15:00 reaches same-day counts only, and the page says so.
  assert.match(await page.locator('#cutoff').textContent(), /giờ chốt 15:00 của lịch vn chỉ áp dụng cho thời hạn trong ngày \(theo Quyết định 1086\/QĐ-UBND\)/);
  // The month view marks the receipt, the appointment and Tết.
  assert.equal(await page.locator('td.received').textContent(), '24 (Ngày tiếp nhận)');
  assert.ok(await page.locator('td.holiday').count() >= 5);
  // Each step's bar is as long as its share of the time (set through the CSSOM, which
  // the policy allows): not every bar full width.
  const widths = await page.locator('.timeline .bar').evaluateAll(bars => bars.map(b => Math.round(b.getBoundingClientRect().width)));
  assert.ok(widths.length >= 2 && new Set(widths).size >= 2, `bar widths ${widths}`);
  await axe(page, 'calculator result');
  await shot(page, 'calculator');
  await page.close();
});

test('a calculator link renders its result with no input, and the slip prints to PDF', async () => {
  const page = await context.newPage();
  // Weighed as a first visit: nothing from the cache.
  await (await context.newCDPSession(page)).send('Network.setCacheDisabled', { cacheDisabled: true });
  const bodies = [];
  page.on('response', r => bodies.push(r.body().then(b => [r.url(), b.length], () => [r.url(), 0])));
  await open(`/calculator?procedure=${B16}&received=2025-01-24T10:00`, page);
  await page.waitForSelector('#due-at');
  // Everything the page loaded (HTML, script, style sheet, API answers), uncompressed.
  const sizes = await Promise.all(bodies);
  const weight = sizes.reduce((n, [, b]) => n + b, 0);
  console.log(`calculator page weight: ${weight} bytes in ${sizes.length} responses (${sizes.map(([u, b]) => `${new URL(u).pathname} ${b}`).join(', ')})`);
  assert.ok(weight < 200_000, `${weight} bytes`);
  assert.equal(await page.locator('#due-at').textContent(), '05/02/2025');
  assert.match(await page.locator('#slip-due').textContent(), /ngày 05\/02\/2025/);
  // The slip names the office the server was started for, with rows for the documents.
  assert.equal(await page.locator('#slip-office').textContent(), OFFICE.toUpperCase());
  assert.equal(await page.locator('#slip-documents tbody tr').count(), 4);
  await page.evaluate(() => document.body.classList.add('print-slip'));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.site').isVisible(), false);
  assert.equal(await page.locator('.timeline').isVisible(), false);
  assert.equal(await page.locator('.slip').isVisible(), true);
  await shot(page, 'slip-print');
  const pdf = join(SHOTS, 'slip.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const bytes = readFileSync(pdf);
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  assert.ok(statSync(pdf).size > 5000);
  assert.equal((bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length, 1, 'the slip fits on one page');
  await page.emulateMedia({ media: 'screen' });
  // On a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'calculator-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than a phone`);
  // Opened afresh on a phone, the link shows its result on the first screen.
  await open(`/calculator?procedure=${B16}&received=2025-01-24T10:00`, page);
  await page.waitForSelector('#due-at');
  const box = await page.locator('#due-at').boundingBox();
  assert.ok(box && box.y + box.height <= 844, `the appointment is at ${box?.y}px on an 844px screen`);
  await page.close();
});

test('the look-up page: B.16 received Tue 04/03/2025 10:00, looked at Wed 05/03 10:00, is within time with 2 days left', async () => {
  // 3 working days: due Fri 07/03/2025 10:00; on Wed 10:00, two whole working days remain.
  const page = await open(`/status?procedure=${B16}&received=2025-03-04T10:00&at=2025-03-05T10:00`);
  await page.waitForSelector('#state');
  assert.match(await page.locator('#due-at').textContent(), /07\/03\/2025/);
  assert.match(await page.locator('#time-left').textContent(), /^Còn 2 ngày/);
  assert.match(await page.locator('#current-step').textContent(), /Bước 2/);
  await axe(page, 'status');
  await shot(page, 'status');
  // No page sends citizens to the API.
  for (const path of ['/', '/calculator', '/status', '/check']) {
    await open(path, page);
    assert.doesNotMatch(await page.locator('body').textContent(), /GET \/v1/, path);
  }
  await page.close();
});

test('an unknown address is a page that offers the pages there are', async () => {
  const page = await context.newPage();
  const response = await page.goto(`${base}/khong-co-trang-nay`);
  assert.equal(response.status(), 404);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.locator('h1').textContent(), 'Không có trang này.');
  assert.deepEqual(await page.locator('main li a').evaluateAll(as => as.map(a => a.getAttribute('href'))), ['/', '/calculator', '/status', '/check']);
  await axe(page, 'not found');
  await page.close();
});

test('the check page shows TTHC012 for a pasted procedure whose steps do not add up', async () => {
  const page = await open('/check');
  const source = await (await fetch(`${base}/v1/procedures/${B16}/source`)).json();
  const broken = source.text.replace('by commune-civil-status 02 days', 'by commune-civil-status 05 days');
  assert.notEqual(broken, source.text);
  await page.getByLabel(/Văn bản thủ tục/).fill(broken);
  await page.waitForFunction(() => /TTHC012/.test(document.querySelector('#diagnostics')?.textContent || ''));
  assert.match(await page.locator('#diagnostics').textContent(), /TTHC012/);
  // The place of a finding is a button that selects it in the text.
  await page.locator('#diagnostics li', { hasText: 'TTHC012' }).getByRole('button').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'text');
  await axe(page, 'check');
  await shot(page, 'check');
  // Loading the catalogue's own file checks it in place of that file: clean.
  await page.getByLabel('Bắt đầu từ văn bản của thủ tục').selectOption(B16);
  await page.getByRole('button', { name: 'Nạp văn bản' }).click();
  await page.waitForSelector('#check-status .clean');
  assert.equal(await page.inputValue('#file'), source.file);
  await page.close();
});

test('keyboard only: skip link, search, open a result; and the calculator from its fields', async () => {
  const page = await open('/');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.type('ket hon luu dong');
  await page.waitForFunction(() => document.querySelectorAll('#results a').length === 1);
  // Through the filters to the only result, then open it.
  for (let i = 0; i < 10 && await page.evaluate(() => !document.activeElement.closest('#results')); i++) await page.keyboard.press('Tab');
  assert.match(await page.evaluate(() => document.activeElement.textContent), /kết hôn lưu động/);
  await Promise.all([page.waitForURL(/\/procedures\/dang-ky-ket-hon-luu-dong$/), page.keyboard.press('Enter')]);
  await page.waitForSelector('body[data-ready="true"]');
  assert.match(await page.locator('h1').textContent(), /kết hôn lưu động/);
  // Its calculator link, by keyboard.
  await page.locator('a.button').focus();
  await Promise.all([page.waitForURL(/\/calculator\?procedure=dang-ky-ket-hon-luu-dong$/), page.keyboard.press('Enter')]);
  await page.waitForSelector('body[data-ready="true"]');
  await page.locator('#filter').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'procedure');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'variant');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'received');
  await page.keyboard.type('03/03/2025 08:00');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#due-at');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'result');
  await page.close();
});

test('English on request, everywhere the same pages', async () => {
  const page = await open('/');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'English' }).click()]);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.locator('h1').textContent(), 'Catalogue of administrative procedures');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await axe(page, 'catalogue (English)');
  await shot(page, 'catalogue-en');
  await open(`/calculator?procedure=${B16}&received=2025-01-24T10:00`, page);
  await page.waitForSelector('#due-at');
  assert.match(await page.locator('.due').textContent(), /^Appointment: 05\/02\/2025 at 10:00$/);
  await shot(page, 'calculator-en');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Tiếng Việt' }).click()]);
  await page.close();
});

test('no console error, failed request or request to another host on any page', () => {
  assert.deepEqual(problems, []);
});
