// Checks cookiejar's Playwright `storageState` files against Chromium,
// both ways:
//
// 1. a jar (this crate's JSON schema) converted with
//    `cookiejar convert --to playwright` and loaded into a browser
//    context sends, to each URL, the `Cookie` header that
//    `cookiejar query` gives for the jar;
// 2. after a server has set more cookies in the browser, the context's
//    own `storageState` file, read by `cookiejar query`, gives the header
//    the browser sends.
//
// Not run by CI (it needs Node, Playwright and a Chromium). Run:
//
//   cargo build --features cli
//   npm install --prefix /tmp/pw playwright
//   apt-get install chromium     # or `npx playwright install chromium`
//   PLAYWRIGHT=/tmp/pw/node_modules/playwright/index.mjs \
//     CHROMIUM=/usr/bin/chromium node scripts/playwright_interop.mjs
//
// Prints one line per check and exits non-zero if any fails.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

const { chromium } = await import(process.env.PLAYWRIGHT ?? 'playwright');
const bin = process.env.COOKIEJAR ?? 'target/debug/cookiejar';
const dir = mkdtempSync(path.join(tmpdir(), 'cookiejar-pw-'));
const cookiejar = (...args) => execFileSync(bin, args, { encoding: 'utf8' }).trim();

// Host-only and domain cookies, a path, a session cookie, each SameSite,
// a Secure one (not sent over http), one set without `=`, one expired,
// and a partitioned one (left out: its partition key is not kept).
const far = '2030-01-01T00:00:00Z';
const jar = {
  format: 'cookiejar', version: 1, cookies: [
    { name: 'host', value: 'h1', domain: 'shop.example.com', host_only: true, path: '/', expires: far, same_site: 'strict' },
    { name: 'dom', value: 'd1', domain: 'example.com', host_only: false, path: '/', expires: far, same_site: 'lax' },
    { name: 'deep', value: 'p1', domain: 'shop.example.com', host_only: true, path: '/cart', expires: far },
    { name: 'sess', value: 's1', domain: 'example.com', host_only: false, path: '/' },
    { name: 'sec', value: 'x', domain: 'shop.example.com', host_only: true, path: '/', secure: true, http_only: true, same_site: 'none', expires: far },
    { name: 'noval', value: '', value_absent: true, domain: 'shop.example.com', host_only: true, path: '/', expires: far },
    { name: 'old', value: 'o', domain: 'shop.example.com', host_only: true, path: '/', expires: '1960-01-01T00:00:00Z' },
    { name: 'part', value: 'z', domain: 'shop.example.com', host_only: true, path: '/', secure: true, partitioned: true, same_site: 'none', expires: far },
  ],
};
const jarFile = path.join(dir, 'jar.json');
const stateFile = path.join(dir, 'state.json');
const backFile = path.join(dir, 'back.json');
writeFileSync(jarFile, JSON.stringify(jar));
execFileSync(bin, ['convert', jarFile, stateFile, '--to', 'playwright', '--keep-session', '--keep-expired'], { stdio: ['ignore', 'ignore', 'inherit'] });

// Answers each request with the Cookie header it carried; `/set` sets
// more cookies.
const server = http.createServer((req, res) => {
  if (req.url.startsWith('/set')) {
    res.setHeader('Set-Cookie', [
      'srv_host=1; Path=/',
      'srv_dom=2; Domain=example.com; Path=/; Max-Age=3600',
      'srv_lax=3; SameSite=Lax; Max-Age=3600',
      'srv_deep=4; Path=/cart; Max-Age=3600',
      'bare',
    ]);
  }
  res.end(req.headers.cookie ?? '');
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const port = server.address().port;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM,
  args: ['--host-resolver-rules=MAP * 127.0.0.1', '--no-sandbox'],
});
const urls = ['/', '/cart/x', '/carts'].map((p) => `http://shop.example.com:${port}${p}`)
  .concat([`http://www.example.com:${port}/`, `http://other.test:${port}/`]);
let failed = 0;
const check = (what, url, browserSent, file) => {
  const ours = cookiejar('query', file, url.replace(`:${port}`, ''));
  const ok = ours === browserSent;
  failed += ok ? 0 : 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what} ${url}: chromium ${JSON.stringify(browserSent)}, cookiejar ${JSON.stringify(ours)}`);
};

const context = await browser.newContext({ storageState: stateFile });
const page = await context.newPage();
const sent = async (url) => { await page.goto(url); return (await page.textContent('body')) ?? ''; };
for (const url of urls) check('written', url, await sent(url), jarFile);
await sent(`http://shop.example.com:${port}/set`);
await context.storageState({ path: backFile });
for (const url of urls) check('read', url, await sent(url), backFile);
await browser.close();
server.close();
console.log(failed ? `${failed} checks failed` : `all ${2 * urls.length} checks passed`);
process.exit(failed ? 1 : 0);
