const { chromium } = require('playwright-core');
const fs = require('fs');
const OUT = process.argv[2];
const readLog = () => fs.readFileSync('reqlog.jsonl','utf8').trim().split('\n').filter(Boolean).map(JSON.parse);
(async () => {
  const opts = {executablePath: '/usr/bin/chromium',
    args: ['--host-resolver-rules=MAP * 127.0.0.1', '--ignore-certificate-errors']};
  const PERSIST = process.env.PERSIST;
  let browser, context, ver, HAR;
  if (!PERSIST) {
    browser = await chromium.launch(opts);
    ver = browser.version();
    HAR = `${OUT}/chromium-${ver}.har`;
    context = await browser.newContext({ recordHar: { path: HAR, content: 'omit' }, ignoreHTTPSErrors: true });
  } else {
    const v = require('child_process').execSync('/usr/bin/chromium --version').toString().match(/(\d+\.\d+\.\d+\.\d+)/)[1];
    ver = `${v}-3pc-allowed`;
    HAR = `${OUT}/chromium-${ver}.har`;
    context = await chromium.launchPersistentContext(PERSIST, { ...opts, recordHar: { path: HAR, content: 'omit' }, ignoreHTTPSErrors: true });
    browser = null;
  }
  const page = context.pages()[0] || await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const urls = {}; const diag = [];
  cdp.on('Network.requestWillBeSent', e => { urls[e.requestId] = e.request.url; });
  cdp.on('Network.responseReceivedExtraInfo', e => {
    const lines = (e.headersText || '');
    diag.push({ requestId: e.requestId, statusCode: e.statusCode, blockedCookies: e.blockedCookies, exemptedCookies: e.exemptedCookies, cookiePartitionKey: e.cookiePartitionKey });
  });
  const setting = [
    'http://www.example.test/',
    'http://www.example.test/sub/page',
    'http://www.example.test/redirect',
    'https://www.example.test/secure',
    'http://example.test/',
    'http://other.example.test/',
    'https://www.example.test/embed',
    'http://www.example.test/update',
    'http://shop.example.org/',
    'http://www.example.test/delete',
  ];
  for (const u of setting) {
    const r = await page.goto(u, { waitUntil: 'load' });
    console.log('visited', u, '->', page.url(), r.status());
  }
  const cookies = await context.cookies();
  fs.writeFileSync(`${OUT}/chromium-${ver}.cookies.json`, JSON.stringify(cookies, null, 2) + '\n');
  const checks = [
    'http://www.example.test/check',
    'https://www.example.test/check',
    'http://www.example.test/sub/check',
    'http://example.test/check',
    'https://other.example.test/check',
    'https://shop.example.org/check',
  ];
  const headers = [];
  for (const u of checks) {
    await page.goto(u, { waitUntil: 'load' });
    const e = readLog().filter(x => x.url === u).pop();
    headers.push({ url: u, cookie_header: e ? e.cookie_header : null });
  }
  fs.writeFileSync(`${OUT}/chromium-${ver}.headers.json`, JSON.stringify(headers, null, 2) + '\n');
  for (const d of diag) d.url = urls[d.requestId];
  fs.writeFileSync(`${OUT}/diag-${ver}.json`, JSON.stringify(diag, null, 2));
  const blocked = diag.filter(d => d.blockedCookies.length).map(d => ({ url: d.url, status: d.statusCode,
    blocked: d.blockedCookies.map(b => ({ cookie_line: b.cookieLine, reasons: b.blockedReasons })) }));
  fs.writeFileSync(`${OUT}/chromium-${ver}.blocked.json`, JSON.stringify(blocked, null, 2) + '\n');
  await context.close();
  if (browser) await browser.close();
  console.log('version', ver, 'cookies', cookies.length);
})();
