// Screenshots of any pages, for looking at them while working on the web app:
//   node shot.mjs BASE_URL OUT_DIR PATH…   (e.g. node shot.mjs http://127.0.0.1:8080 /tmp/shots / /check)
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [base, out, ...paths] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const width = Number(process.env.WIDTH || 1280);
const page = await browser.newPage({ viewport: { width, height: 900 } });
// WEB_ASSETS_FROM_DISK=1: app.js and app.css from the working copy, as in run.mjs.
if (process.env.WEB_ASSETS_FROM_DISK) {
  const web = join(dirname(fileURLToPath(import.meta.url)), '../../crates/tthc/web');
  for (const name of ['app.js', 'app.css']) {
    await page.route(`${base}/assets/${name}`, r => r.fulfill({ contentType: name.endsWith('.js') ? 'text/javascript' : 'text/css', body: readFileSync(join(web, name), 'utf8') }));
  }
}
for (const [i, p] of paths.entries()) {
  await page.goto(base + p);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForTimeout(300);
  const file = join(out, `${i}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(file, p);
}
await browser.close();
