// Browser tests of the web app served by `tthc serve`: Debian's chromium driven by
// playwright-core, used as a person would (typing, keyboard, printing), with axe-core
// on every page.
//
//   TTHC_BIN     the tthc binary to serve (default: ../../target/release/tthc)
//   CHROMIUM     the browser (default: /usr/bin/chromium)
//   SCREENSHOTS  where screenshots, the printed slip and the server's log go
//                (default: ./test-output/screenshots)
//   WEB_ASSETS_FROM_DISK  when set, app.js and app.css come from crates/tthc/web (editing them
//                needs no rebuild)
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
  server = spawn(BIN, ['serve', '--addr', `127.0.0.1:${port}`], { cwd: serverDir, stdio: ['ignore', log, log] });
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
    // axe is injected as a script; the pages' own policy allows only their own scripts.
    bypassCSP: true,
  });
  // While editing the assets: serve them from the working copy instead of the binary.
  if (process.env.WEB_ASSETS_FROM_DISK) {
    for (const name of ['app.js', 'app.css']) {
      await context.route(`${base}/assets/${name}`, route => route.fulfill({
        contentType: name.endsWith('.js') ? 'text/javascript' : 'text/css',
        body: readFileSync(join(here, '../../crates/tthc/web', name), 'utf8'),
      }));
    }
  }
  context.on('console', m => { if (m.type() === 'error') problems.push(`console: ${m.text()} (${m.location().url})`); });
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
  assert.match(await again.locator('.count').textContent(), /^\d+ thủ tục$/);
  // A filter by date: on 2025-07-01 the district-level items (A.x) are no longer in force.
  await again.fill('#q', '');
  await again.fill('#at', '2025-07-01');
  await again.waitForFunction(() => document.querySelector('.count')?.textContent === '22 thủ tục');
  await again.close();
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
