import fs from 'fs';
import { createRequire } from 'module';
const require = createRequire(import.meta.url);
const urls = ['https://www.example.com/', 'https://www.example.com/sub/x', 'http://www.example.com/', 'https://example.com/', 'http://other.example.com/', 'http://shop.example.org:8080/cart/x/y', 'http://shop.example.org/', 'https://example.org/'];
const m3 = await import('/tmp/tc/fs/node_modules/tough-cookie-file-store/dist/cookie-file-store.js');
const t6 = await import('/tmp/tc/fs/node_modules/tough-cookie/dist/index.js');
const FS2 = require('/tmp/tc/fs2/node_modules/tough-cookie-file-store').FileCookieStore;
const t4 = require('/tmp/tc/fs2/node_modules/tough-cookie');
const res = {};
for (const [name, mk, T] of [['3.3.0', p => new m3.default(p), t6], ['2.0.3', p => new FS2(p), t4]]) {
  for (const src of ['3.3.0', '2.0.3']) {
    const p = `/tmp/tc/load-${name}-${src}.json`;
    fs.copyFileSync(`/tmp/tc/out/file-store-${src}.json`, p);
    try {
      const jar = new T.CookieJar(mk(p));
      res[`store ${name} loads file from ${src}`] = urls.map(u => [u, jar.getCookieStringSync(u) || null]);
    } catch (e) { res[`store ${name} loads file from ${src}`] = 'THREW ' + e.message; }
  }
}
// can FileCookieStore 3.3.0 load a CookieJar.serializeSync() file?
fs.copyFileSync('/tmp/tc/out/tough-cookie-6.1.0.json', '/tmp/tc/load-ser.json');
try { const jar = new t6.CookieJar(new m3.default('/tmp/tc/load-ser.json')); res['store 3.3.0 loads serializeSync output'] = jar.getCookieStringSync('https://www.example.com/'); } catch (e) { res['store 3.3.0 loads serializeSync output'] = 'THREW ' + e.message; }
console.log(JSON.stringify(res, null, 1));
