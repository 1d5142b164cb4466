// usage: node gen.mjs <toughCookieDir> <label> [fileStoreModuleDir fileStoreOutPath]
import { createRequire } from 'module';
import fs from 'fs';
const [,, tcDir, label, fsDir, fsOut] = process.argv;
const require = createRequire(import.meta.url);
let tough, FileCookieStore;
if (fsDir) {
  const pkg = JSON.parse(fs.readFileSync(fsDir + '/package.json'));
  if (pkg.type === 'module') {
    const m = await import(fsDir + '/' + pkg.main);
    FileCookieStore = m.default;
    tough = await import(fsDir + '/../tough-cookie/dist/index.js');
  } else {
    FileCookieStore = require(fsDir).FileCookieStore;
    tough = require(fsDir + '/../tough-cookie');
  }
} else {
  tough = require(tcDir);
}
const { CookieJar } = tough;
const tcVersion = JSON.parse(fs.readFileSync((fsDir ? fsDir + '/../tough-cookie' : tcDir) + '/package.json')).version;

const NOW = Date.now();
let store;
if (fsDir) { try { fs.unlinkSync(fsOut); } catch {} store = new FileCookieStore(fsOut); }
const jar = new CookieJar(store); // default options

const calls = [
  ['https://www.example.com/', 'host=1'],
  ['https://www.example.com/', 'maxage=2; Max-Age=3600'],
  ['https://www.example.com/', 'dom=3; Domain=example.com; Expires=Wed, 01 Dec 2027 00:00:00 GMT'],
  ['https://www.example.com/', 'sec=4; Secure; HttpOnly; SameSite=Strict'],
  ['https://www.example.com/', 'lax=5; SameSite=Lax'],
  ['https://www.example.com/', 'none=6; SameSite=None; Secure'],
  ['https://www.example.com/', '__Host-h=7; Secure; Path=/'],
  ['https://www.example.com/', 'ext=8; Priority=High; Foo'],
  ['https://www.example.com/', 'emptyval='],
  ['https://www.example.com/', 'eq=a=b'],
  ['https://www.example.com/sub/page', 'defpath=9'],
  ['https://www.example.com/sub/page', 'sub=10; Path=/sub'],
  ['http://example.com/', 'apex=11'],
  ['http://example.com/', 'expired=12; Max-Age=0'],
  ['http://example.com/', 'long=13; Max-Age=999999999'],
  ['http://shop.example.org:8080/cart', 'cart=14'],
  ['http://shop.example.org:8080/cart', 'q=15; Path=/cart/x'],
  ['https://www.example.com/', 'u=caf\u00e9'],
  // extras (expected to be rejected / ignored in some way)
  ['http://example.com/', 'pastexp=16; Expires=Thu, 01 Jan 2015 00:00:00 GMT'],
  ['http://example.com/', 'insecure=17; Secure'],
  ['https://www.example.com/', '__Secure-nosec=18'],
  ['https://www.example.com/', '__Host-dom=19; Secure; Path=/; Domain=example.com'],
  ['https://www.example.com/', 'ps=20; Domain=com'],
  ['https://www.example.com/', 'foreign=21; Domain=example.org'],
  ['https://www.example.com/', 'ctl=a\u0001b'],
  ['https://www.example.com/', '=novalue-name'],
  ['https://www.example.com/', 'samesitebogus=22; SameSite=Bogus'],
  ['https://www.example.com/', 'lowerattrs=23; max-age=60; path=/; samesite=lax; httponly'],
];
const results = [];
for (const [url, header] of calls) {
  let r;
  try {
    const c = jar.setCookieSync(header, url);
    r = c ? { outcome: 'stored', cookie: c.toJSON() } : { outcome: 'ignored (setCookieSync returned undefined, no error)' };
  } catch (e) {
    r = { outcome: 'threw', error: String(e && e.message || e) };
  }
  results.push({ url, set_cookie: header, ...r });
}
// wait a tick for async file writes (file store)
await new Promise(r => setTimeout(r, 200));
const ser1 = jar.serializeSync();
let fsFileAfterSet = fsDir ? fs.readFileSync(fsOut, 'utf8') : null;

const urls = ['https://www.example.com/', 'https://www.example.com/sub/x', 'http://www.example.com/',
  'https://example.com/', 'http://other.example.com/', 'http://shop.example.org:8080/cart/x/y',
  'http://shop.example.org/', 'https://example.org/'];
const GET_NOW = Date.now();
const headers = [];
for (const url of urls) {
  let h;
  try { h = jar.getCookieStringSync(url); } catch (e) { h = 'ERROR: ' + e.message; }
  headers.push({ url, cookie_header: h === '' ? null : h });
}
await new Promise(r => setTimeout(r, 200));
const ser2 = jar.serializeSync();

const base = fsDir ? `/tmp/tc/out/file-store-${label}` : `/tmp/tc/out/tough-cookie-${label}`;
if (fsDir) {
  fs.writeFileSync(base + '.json', fsFileAfterSet);
  fs.writeFileSync(base + '.after-get.json', fs.readFileSync(fsOut, 'utf8'));
  fs.writeFileSync(base + '.serializeSync.json', JSON.stringify(ser1, null, 2) + '\n');
} else {
  fs.writeFileSync(base + '.json', JSON.stringify(ser1, null, 2) + '\n');
  fs.writeFileSync(base + '.after-get.json', JSON.stringify(ser2, null, 2) + '\n');
}
fs.writeFileSync(base + '.headers.json', JSON.stringify({
  tough_cookie_version: tcVersion,
  file_store: fsDir ? label : undefined,
  now_ms: NOW, now_iso: new Date(NOW).toISOString(),
  get_now_ms: GET_NOW,
  get_options: 'getCookieStringSync(url) with default options (http: true, expire: true, no sameSiteContext)',
  headers,
}, null, 2) + '\n');
fs.writeFileSync(base + '.setcookie-results.json', JSON.stringify({
  tough_cookie_version: tcVersion, now_ms: NOW,
  jar_options: 'new CookieJar(' + (fsDir ? 'new FileCookieStore(path)' : '') + ') (defaults)',
  results }, null, 2) + '\n');
console.log(label, tcVersion, 'done');
