// Checks cookiejar's tough-cookie files (`Format::ToughCookie`) against
// Node's real tough-cookie, both ways:
//
// 1. write: a jar in this crate's JSON schema (host-only and domain
//    cookies on hosts under example.com and example.org, paths /, /sub
//    and /sub/deeper, session cookies and persistent ones expiring within
//    a year, Secure, HttpOnly, each SameSite and none, an empty value, a
//    value holding `=`, a non-ASCII value, a cookie set without `=` as
//    Python keeps it (`value_absent`) and a nameless one, creation times
//    rising in file order), converted with
//    `cookiejar convert IN OUT --to tough-cookie --keep-session` and
//    loaded with `CookieJar.deserializeSync()`, gives for each URL the
//    `Cookie` header (`getCookieStringSync(url)`) that
//    `cookiejar query OUT URL` gives;
// 2. read: a jar tough-cookie fills with `setCookieSync()` (Max-Age,
//    Expires, Domain, Path, default paths, Secure, HttpOnly, SameSite,
//    over http and https, nameless ones set with `loose: true`, some
//    refused), saved with `serializeSync()`,
//    gives with `cookiejar query FILE URL` the header tough-cookie gives.
//
// With --file-store, the same two directions go through the file of
// `tough-cookie-file-store`'s `FileCookieStore` (`Format::ToughCookieFileStore`,
// `{domain: {path: {key: cookie}}}` on one line) instead:
//
// 1. write: the same jar converted with
//    `cookiejar convert IN OUT --to tough-cookie-file-store --keep-session`
//    and loaded with `new CookieJar(new FileCookieStore(OUT))`, against
//    `cookiejar query OUT URL`;
// 2. read: a jar on a `FileCookieStore` at a new file (which the store
//    writes at each change) given the same `setCookieSync()` calls,
//    against `cookiejar query FILE URL` (the format found from the
//    content). A get that drops an expired cookie makes the store rewrite
//    the file; each query reads it as tough-cookie's get for that URL
//    left it (a line says when this happened).
//
// The store (3.x: an ES module, `export default FileCookieStore`, with
// tough-cookie 6; 2.x: CommonJS, `require(...).FileCookieStore`, with
// tough-cookie 4) is found in the --node-modules folder (else as Node
// resolves it from here), and the jar is made with the tough-cookie the
// store itself loads (so --tough-cookie does not go with it).
//
// Each header is compared exactly (order included) and as a multiset.
// Both sides ask for a same-site HTTP request: tough-cookie's
// `getCookieStringSync` defaults (`http: true`, no `sameSiteContext`, so
// SameSite is not enforced) and `cookiejar query` without `--site` (a
// request with no site is same-site, so every SameSite cookie goes).
// With --cross-site, each URL is also asked for as a request from a page
// on another site: tough-cookie's `sameSiteContext: 'none'` against
// `cookiejar query --site other.test --same-site none` (a subresource:
// Lax and Strict cookies stay), and `sameSiteContext: 'lax'` against the
// same with `--navigation` (a top-level GET: Lax cookies go). tough-cookie
// treats a cookie without SameSite as `None`, which is `--same-site
// none` (Firefox's and Safari's rule), not the default `lax` (Chrome's).
//
// Not run by CI (it needs Node 20 and tough-cookie). Run:
//
//   cargo build --features cli --bin cookiejar   # the script builds nothing
//   npm install tough-cookie@6 --prefix /tmp/tc6   # or tough-cookie@4.1.4
//   node scripts/tough_cookie_interop.mjs --node-modules /tmp/tc6/node_modules
//     [--tough-cookie PACKAGE_DIR] [--bin target/debug/cookiejar]
//     [--file-store] [--cross-site] [--keep DIR] [-v]
//
// and for --file-store:
//
//   npm install tough-cookie-file-store@3 --prefix /tmp/tcfs3   # brings tough-cookie 6
//   npm install tough-cookie-file-store@2.0.3 tough-cookie@4.1.4 --prefix /tmp/tcfs2
//   node scripts/tough_cookie_interop.mjs --node-modules /tmp/tcfs3/node_modules --file-store
//
// --tough-cookie takes the package's own folder instead of a
// node_modules; with neither, `tough-cookie` is imported as Node resolves
// it from here. --bin defaults to $COOKIEJAR, else target/debug/cookiejar
// in this checkout. --keep writes the files into DIR and leaves them
// (else a temporary folder, removed); -v prints the files.
//
// Prints one line per URL per direction (OK or MISMATCH, with both
// headers), then `write: N/M URLs match; read: N/M` (exact), the same
// counts as multisets, and exits 1 on any mismatch (2 on a usage error).
// With --file-store the lines and the summary start `file store `.
//
// Results when it was added (Node 20.20.2): tough-cookie 6.1.0 and 4.1.4
// both gave `write: 17/17 URLs match; read: 17/17` (and 17/17 each with
// --cross-site); 4.1.4 stores a Secure cookie set over http, which 6.1.0
// refuses, and the crate sends it where 4.1.4 does.
//
// --file-store, when it was added (Node 20.20.2): tough-cookie-file-store
// 3.3.0 (tough-cookie 6.1.0) and 2.0.3 (tough-cookie 4.1.4) both gave
// `file store write: 17/17 URLs match; read: 17/17` (and 17/17 each with
// --cross-site); in the read direction the store rewrote its file during
// the gets (r_gone and r_past, expired when set, removed), and the crate
// read the rewritten file.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const usage = 'usage: node scripts/tough_cookie_interop.mjs [--node-modules DIR | --tough-cookie PACKAGE_DIR] '
  + '[--bin PATH] [--file-store] [--cross-site] [--keep DIR] [-v]';
const here = path.dirname(fileURLToPath(import.meta.url));
const opts = { bin: process.env.COOKIEJAR ?? path.join(here, '..', 'target', 'debug', 'cookiejar') };
const argv = process.argv.slice(2);
while (argv.length) {
  const a = argv.shift();
  const value = () => {
    if (!argv.length) { console.error(`${a} needs a value\n${usage}`); process.exit(2); }
    return argv.shift();
  };
  if (a === '--node-modules') opts.nodeModules = value();
  else if (a === '--tough-cookie') opts.package = value();
  else if (a === '--bin') opts.bin = value();
  else if (a === '--keep') opts.keep = value();
  else if (a === '--cross-site') opts.crossSite = true;
  else if (a === '--file-store') opts.fileStore = true;
  else if (a === '-v' || a === '--verbose') opts.verbose = true;
  else if (a === '-h' || a === '--help') { console.log(usage); process.exit(0); }
  else { console.error(`unknown argument ${a}\n${usage}`); process.exit(2); }
}

if (opts.fileStore && opts.package) {
  console.error(`--file-store takes the tough-cookie that tough-cookie-file-store loads: give --node-modules\n${usage}`);
  process.exit(2);
}

// The package.json of the package `file` is in (the nearest one naming
// `name`, if given): [its folder, its content].
const packageOf = (file, name) => {
  for (let d = path.dirname(file); ; d = path.dirname(d)) {
    const p = path.join(d, 'package.json');
    if (existsSync(p)) {
      const pkg = JSON.parse(readFileSync(p, 'utf8'));
      if (!name || pkg.name === name) return [d, pkg];
    }
    if (path.dirname(d) === d) throw new Error(`no package.json${name ? ` of ${name}` : ''} above ${file}`);
  }
};

// tough-cookie 4 is CommonJS only, 5 and 6 both; require() takes all.
let tc;
let FileCookieStore;
let storeVersion;
if (opts.fileStore) {
  // tough-cookie-file-store 3.x is an ES module (`export default`), 2.x
  // CommonJS (`exports.FileCookieStore`); import() takes both. The jar is
  // made with the tough-cookie the store itself loads (its own
  // dependency), as the store loads it: an ES module imports tough-cookie's
  // ES build, CommonJS requires its CommonJS one.
  const from = opts.nodeModules ? path.join(path.resolve(opts.nodeModules), 'noop.js') : fileURLToPath(import.meta.url);
  const storeEntry = createRequire(from).resolve('tough-cookie-file-store');
  const [, storePkg] = packageOf(storeEntry, 'tough-cookie-file-store');
  storeVersion = storePkg.version;
  const storeMod = await import(pathToFileURL(storeEntry).href);
  FileCookieStore = storeMod.FileCookieStore ?? storeMod.default?.FileCookieStore ?? storeMod.default;
  const tcEntry = createRequire(storeEntry).resolve('tough-cookie');
  const storeIsEsm = storeEntry.endsWith('.mjs') || (!storeEntry.endsWith('.cjs') && packageOf(storeEntry)[1].type === 'module');
  if (storeIsEsm) {
    const [tcDir, tcPkg] = packageOf(tcEntry, 'tough-cookie');
    // `exports` (`"."`, then the `import`, `node` or `default` condition),
    // else `module`, else what require() takes.
    const esm = (x) => (typeof x === 'string' ? x
      : x && typeof x === 'object' && !Array.isArray(x) ? esm(x['.'] ?? x.import ?? x.node ?? x.default) : undefined);
    const target = esm(tcPkg.exports) ?? tcPkg.module;
    tc = await import(pathToFileURL(target ? path.join(tcDir, target) : tcEntry).href);
  } else {
    tc = createRequire(storeEntry)('tough-cookie');
  }
} else if (opts.package) {
  tc = createRequire(path.join(path.resolve(opts.package), 'package.json'))(path.resolve(opts.package));
} else if (opts.nodeModules) {
  // From a file inside DIR, Node looks in DIR itself (not DIR/node_modules).
  tc = createRequire(path.join(path.resolve(opts.nodeModules), 'noop.js'))('tough-cookie');
} else {
  tc = await import('tough-cookie');
}
const { CookieJar } = tc;
console.log(`tough-cookie ${tc.version}${opts.fileStore ? `, tough-cookie-file-store ${storeVersion}` : ''}, `
  + `cookiejar ${path.relative(process.cwd(), opts.bin) || opts.bin}`);

const dir = opts.keep ? (mkdirSync(opts.keep, { recursive: true }), opts.keep)
  : mkdtempSync(path.join(tmpdir(), 'cookiejar-tc-'));
const cookiejar = (...args) => execFileSync(opts.bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  .replace(/\r?\n$/, '');

// ---- 1. write: this crate's JSON -> tough-cookie -----------------------
const now = Date.now();
const day = 86_400_000;
const iso = (ms) => new Date(ms).toISOString();
let step = 0;
// Creation (and last access) rise by 1.5 s a cookie, in file order, the
// first an hour ago.
const c = (cookie) => {
  const t = iso(now - 3_600_000 + 1500 * step++);
  return {
    path: '/', path_specified: cookie.path !== undefined, host_only: true, expires: null,
    creation: t, last_access: t, ...cookie,
  };
};
const jar = {
  format: 'cookiejar', version: 1, cookies: [
    c({ name: 'host', value: 'h1', domain: 'a.example.com', expires: iso(now + 30 * day), same_site: 'lax' }),
    c({ name: 'dom', value: 'd1', domain: 'example.com', host_only: false }),
    c({ name: 'domsub', value: 'ds', domain: 'example.com', host_only: false, path: '/sub', expires: iso(now + 200 * day), same_site: 'strict' }),
    c({ name: 'deep', value: 'dp', domain: 'a.example.com', path: '/sub/deeper', expires: iso(now + 364 * day) }),
    c({ name: 'sec', value: 's1', domain: 'a.example.com', secure: true, http_only: true, same_site: 'none', expires: iso(now + 10 * day) }),
    c({ name: 'ho', value: 'x', domain: 'example.com', host_only: false, http_only: true, same_site: 'strict', expires: iso(now + 90 * day) }),
    c({ name: 'empty', value: '', domain: 'a.example.com', expires: iso(now + 5 * day) }),
    c({ name: 'eq', value: 'a=b=c', domain: 'a.example.com', path: '/sub' }),
    c({ name: 'uni', value: 'café☕', domain: 'www.example.com', host_only: true, expires: iso(now + 7 * day) }),
    c({ name: 'flag', value: '', value_absent: true, domain: 'a.example.com', expires: iso(now + 7 * day) }),
    c({ name: '', value: 'bare', domain: 'example.org', expires: iso(now + 7 * day) }),
    c({ name: 'org', value: 'o1', domain: 'example.org', host_only: false, path: '/sub', secure: true, same_site: 'lax', expires: iso(now + 100 * day) }),
    c({ name: 'borg', value: 'b1', domain: 'b.example.org' }),
    c({ name: 'dup', value: 'domain', domain: 'example.com', host_only: false, expires: iso(now + 20 * day) }),
    c({ name: 'dup', value: 'host', domain: 'a.example.com', expires: iso(now + 20 * day) }),
    c({ name: 'deepsub', value: 'q', domain: 'sub.a.example.com', path: '/sub/deeper', same_site: 'lax' }),
    c({ name: '__Host-pref', value: 'hp', domain: 'a.example.com', secure: true, expires: iso(now + 60 * day) }),
    c({ name: '__Secure-id', value: 'si', domain: 'example.com', host_only: false, secure: true, same_site: 'none', expires: iso(now + 60 * day) }),
    c({ name: 'late', value: 'l', domain: 'example.org', host_only: false, expires: iso(now + 300 * day), same_site: 'strict' }),
  ],
};

const urls = [
  'http://a.example.com/',
  'https://a.example.com/',
  'https://a.example.com/sub',
  'http://a.example.com/sub/deeper/x',
  'https://a.example.com/sub/deeper/',
  'https://a.example.com/subway',
  'https://A.Example.COM/SUB/',
  'http://example.com/',
  'https://www.example.com/sub/',
  'http://sub.a.example.com/sub/deeper',
  'https://example.org/',
  'https://example.org/sub/x',
  'http://b.example.org/sub',
  'http://b.example.org/sub/x',
  'https://b.example.org/',
  'https://b.example.org/sub/',
  'http://other.test/',
];

// [label, tough-cookie options, extra `cookiejar query` arguments]
const contexts = [['', {}, []]];
if (opts.crossSite) {
  contexts.push(['cross-site', { sameSiteContext: 'none' }, ['--site', 'other.test', '--same-site', 'none']]);
  contexts.push(['cross-site navigation', { sameSiteContext: 'lax' },
    ['--site', 'other.test', '--navigation', '--same-site', 'none']]);
}

// Per-URL lines and the summary name the file store's runs so.
const tag = opts.fileStore ? 'file store ' : '';
const pairs = (header) => (header === '' ? [] : header.split('; ')).sort();
const counts = {};
let failed = 0;
const compare = (direction, toughJar, file) => {
  const before = readFileSync(file, 'utf8');
  for (const [label, toughOpts, extra] of contexts) {
    const key = label ? `${direction} (${label})` : direction;
    counts[key] ??= { exact: 0, multiset: 0, total: 0 };
    for (const url of urls) {
      const tough = toughJar.getCookieStringSync(url, toughOpts);
      let ours;
      try {
        ours = cookiejar('query', file, url, ...extra);
      } catch (e) {
        ours = `<error: ${String(e.stderr ?? e.message).trim()}>`;
      }
      const exact = tough === ours;
      const multiset = JSON.stringify(pairs(tough)) === JSON.stringify(pairs(ours));
      counts[key].total++;
      counts[key].exact += exact;
      counts[key].multiset += multiset;
      failed += !exact;
      const verdict = exact ? 'OK      ' : 'MISMATCH';
      const note = !exact && multiset ? ' (same cookies, other order)' : '';
      console.log(`${verdict} ${tag}${key} ${url}: tough-cookie ${JSON.stringify(tough)}, cookiejar ${JSON.stringify(ours)}${note}`);
    }
  }
  // A FileCookieStore rewrites its file when a get drops an expired
  // cookie (not for a mere last-access update); each query read the file
  // as it was after tough-cookie's get for that URL.
  if (readFileSync(file, 'utf8') !== before) {
    console.log(`${direction}: the store rewrote ${path.basename(file)} during the gets, `
      + `${before.length} -> ${readFileSync(file, 'utf8').length} bytes (expired cookies removed)`);
  }
};
// Cookies in a FileCookieStore file: {domain: {path: {key: cookie}}}.
const storeCount = (text) => Object.values(JSON.parse(text))
  .reduce((n, paths) => n + Object.values(paths).reduce((m, keys) => m + Object.keys(keys).length, 0), 0);

const jarFile = path.join(dir, 'jar.json');
const writtenFile = path.join(dir, opts.fileStore ? 'written-file-store.json' : 'written-tough-cookie.json');
writeFileSync(jarFile, `${JSON.stringify(jar, null, 2)}\n`);
if (opts.fileStore) rmSync(writtenFile, { force: true });
execFileSync(opts.bin, ['convert', jarFile, writtenFile, '--to', opts.fileStore ? 'tough-cookie-file-store' : 'tough-cookie',
  '--keep-session'], { stdio: ['ignore', 'inherit', 'inherit'] });
const written = readFileSync(writtenFile, 'utf8');
if (opts.verbose) console.log(`--- ${writtenFile}\n${written}`);
const loaded = opts.fileStore ? new CookieJar(new FileCookieStore(writtenFile))
  : CookieJar.deserializeSync(JSON.parse(written));
const loadedCount = loaded.serializeSync().cookies.length;
console.log(`write: ${jar.cookies.length} cookies in ${path.basename(jarFile)}, `
  + `${opts.fileStore ? storeCount(written) : JSON.parse(written).cookies.length} written, `
  + `${loadedCount} loaded by tough-cookie${opts.fileStore ? ' (FileCookieStore)' : ''}`);
compare('write', loaded, writtenFile);

// ---- 2. read: tough-cookie's serializeSync() -> cookiejar -------------
// (with --file-store: the file of the FileCookieStore the jar is on)
const readFile = path.join(dir, opts.fileStore ? 'file-store.json' : 'tough-cookie.json');
if (opts.fileStore) rmSync(readFile, { force: true }); // the store would load it
const setter = opts.fileStore ? new CookieJar(new FileCookieStore(readFile)) : new CookieJar();
const inDays = (n) => new Date(now + n * day).toUTCString();
const sets = [
  ['http://a.example.com/', [
    'r_host=1',
    'r_dom=2; Domain=example.com; Max-Age=3600',
    'r_path=3; Path=/sub',
    `r_exp=4; Expires=${inDays(30)}`,
    'r_lax=5; SameSite=Lax; Max-Age=86400',
    'r_strict=6; SameSite=Strict; HttpOnly',
    'r_upd=old; Max-Age=600',
    'r_dup=host',
  ]],
  ['http://a.example.com/sub/deeper/page', [
    'r_defpath=7',
    'r_dup=domain; Domain=.example.com; Path=/',
    'r_upd=new; Max-Age=900',
    'r_none=8; SameSite=None', // None without Secure: kept (browsers refuse it)
  ]],
  ['https://a.example.com/sub/deeper/page', [
    'r_sec=9; Secure; SameSite=None; Max-Age=7200',
    '__Host-r=10; Secure; Path=/',
    'r_secdom=11; Secure; HttpOnly; Domain=example.com; Path=/sub; SameSite=Strict',
  ]],
  ['https://www.example.com/', [
    'r_www=12; SameSite=Strict; Secure',
    'r_uni=ü',
  ]],
  ['http://example.org/', [
    'r_org=13; Domain=.example.org; Path=/sub',
    'bare', // refused: no `=` (tough-cookie's strict parsing)
    ['bare_loose', { loose: true }], // `loose`: a nameless cookie
    'r_empty=',
    'r_eq=x=y',
    'r_gone=1; Max-Age=0',
    'r_past=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    `r_far=1; Expires=${inDays(300)}; SameSite=Lax`,
  ]],
  ['http://b.example.org/sub/', [
    'r_b=14; Max-Age=7200; Domain=b.example.org',
    'r_bad=1; Domain=example.com', // refused: not the request's domain
    'r_secfail=1; Secure', // over http: refused by 5 and 6, kept by 4
    'r_bpath=15; Path=/sub/',
    ['=lone; Path=/sub', { loose: true }], // nameless, set with an `=`
  ]],
];
let stored = 0;
let refused = 0;
for (const [url, headers] of sets) {
  for (const entry of headers) {
    const [h, setOpts] = Array.isArray(entry) ? entry : [entry, {}];
    let ok;
    try {
      ok = setter.setCookieSync(h, url, setOpts);
    } catch (e) {
      ok = undefined;
    }
    if (ok) stored++; else refused++;
    if (opts.verbose) {
      console.log(`set ${url} ${JSON.stringify(h)}${setOpts.loose ? ' (loose)' : ''}: ${ok ? 'stored' : 'refused'}`);
    }
  }
}
if (opts.fileStore) {
  // The store wrote the file at each put (its own format, one line).
  if (opts.verbose) console.log(`--- ${readFile}\n${readFileSync(readFile, 'utf8')}`);
} else {
  writeFileSync(readFile, JSON.stringify(setter.serializeSync()));
  if (opts.verbose) console.log(`--- ${readFile}\n${JSON.stringify(setter.serializeSync(), null, 2)}`);
}
console.log(`read: ${stored + refused} Set-Cookie headers, ${stored} stored (or replaced, or expired at once), `
  + `${refused} refused; ${opts.fileStore ? `${storeCount(readFileSync(readFile, 'utf8'))} in the store file`
    : `${setter.serializeSync().cookies.length} serialized`}`);
compare('read', setter, readFile);

// ---- summary ------------------------------------------------------------
const line = (k) => `${k}: ${counts[k].exact}/${counts[k].total}`;
const keys = Object.keys(counts);
console.log(tag + keys.map((k, i) => (i === 0 ? `${line(k)} URLs match` : line(k))).join('; '));
console.log(`as multisets: ${tag}${keys.map((k) => `${k}: ${counts[k].multiset}/${counts[k].total}`).join('; ')}`);
if (!opts.keep) rmSync(dir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
