// usage: node deser.cjs <toughCookieDir> <label>
const [,, tcDir, label] = process.argv;
const tough = require(tcDir);
const { CookieJar } = tough;
const fs = require('fs');
const NOW = Date.now();
const unhandled = []; process.on('unhandledRejection', (e) => { unhandled.push(String(e && e.message || e)); });
const iso = (ms) => new Date(ms).toISOString();
const H = 3600e3;
const base = { key: 'a', value: 'b', domain: 'example.com', path: '/', hostOnly: true };
const jarOf = (cookies, extra = {}) => ({ version: 'tough-cookie@6.1.0', storeType: 'MemoryCookieStore', rejectPublicSuffixes: true, enableLooseMode: false, allowSpecialUseDomain: true, prefixSecurity: 'silent', ...extra, cookies });
const cases = {
  minimal_cookie_only_key_value_domain_path: { cookies: [{ key: 'a', value: 'b', domain: 'example.com', path: '/' }] },
  missing_domain: jarOf([{ key: 'a', value: 'b', path: '/' }]),
  missing_path: jarOf([{ key: 'a', value: 'b', domain: 'example.com', hostOnly: true }]),
  missing_key: jarOf([{ value: 'b', domain: 'example.com', path: '/', hostOnly: true }]),
  missing_value: jarOf([{ key: 'a', domain: 'example.com', path: '/', hostOnly: true }]),
  unknown_keys_and_creationIndex: jarOf([{ ...base, foo: 1, creationIndex: 99, expiry: 5 }]),
  odd_version_storeType_extra_toplevel: { version: 'tough-cookie@99.0.0', storeType: 'NoSuchStore', bogus: true, cookies: [base] },
  no_version_no_flags: { cookies: [base] },
  no_cookies_key: { version: 'tough-cookie@6.1.0' },
  cookies_not_array: { cookies: {} },
  non_object_entries: jarOf([null, 42, 'str', '{"key":"s","value":"t","domain":"example.com","path":"/","hostOnly":true}', base]),
  wrong_types: jarOf([{ key: 'a', value: 'b', domain: 'example.com', path: '/', hostOnly: 'yes', secure: 'true', httpOnly: 1, maxAge: '3600', extensions: 'x', sameSite: 5 }]),
  expires_past: jarOf([{ ...base, expires: '2015-01-01T00:00:00.000Z' }]),
  expires_Infinity: jarOf([{ ...base, expires: 'Infinity' }]),
  expires_null: jarOf([{ ...base, expires: null }]),
  expires_number_epoch_ms_future: jarOf([{ ...base, expires: NOW + 24 * H }]),
  expires_rfc1123_string: jarOf([{ ...base, expires: 'Wed, 01 Dec 2027 00:00:00 GMT' }]),
  expires_garbage: jarOf([{ ...base, expires: 'garbage' }]),
  maxAge_3600_creation_2h_ago_lastAccessed_2h_ago: jarOf([{ ...base, maxAge: 3600, creation: iso(NOW - 2 * H), lastAccessed: iso(NOW - 2 * H) }]),
  maxAge_3600_creation_2h_ago_lastAccessed_1min_ago: jarOf([{ ...base, maxAge: 3600, creation: iso(NOW - 2 * H), lastAccessed: iso(NOW - 60e3) }]),
  maxAge_3600_no_creation_no_lastAccessed: jarOf([{ ...base, maxAge: 3600 }]),
  maxAge_0: jarOf([{ ...base, maxAge: 0 }]),
  maxAge_negative: jarOf([{ ...base, maxAge: -5 }]),
  maxAge_string_Infinity: jarOf([{ ...base, maxAge: 'Infinity', creation: iso(NOW - 2 * H) }]),
  maxAge_3600_and_expires_past_creation_now: jarOf([{ ...base, maxAge: 3600, expires: '2015-01-01T00:00:00.000Z', creation: iso(NOW), lastAccessed: iso(NOW) }]),
  hostOnly_missing: jarOf([{ key: 'a', value: 'b', domain: 'example.com', path: '/' }]),
  hostOnly_true: jarOf([{ ...base }]),
  domain_leading_dot: jarOf([{ key: 'a', value: 'b', domain: '.example.com', path: '/', hostOnly: false }]),
  domain_uppercase: jarOf([{ key: 'a', value: 'b', domain: 'Example.COM', path: '/', hostOnly: false }]),
  duplicate_entries_last_wins: jarOf([{ ...base, value: 'first' }, { ...base, value: 'second' }]),
  sameSite_capitalized: jarOf([{ ...base, sameSite: 'Strict' }]),
  secure_cookie: jarOf([{ ...base, secure: true }]),
  path_sub_pathIsDefault_true: jarOf([{ ...base, path: '/sub', pathIsDefault: true }]),
};
const urls = ['http://example.com/', 'https://example.com/', 'http://www.example.com/', 'http://example.com/sub/x'];
function tryDo(f) { try { return f(); } catch (e) { return 'THREW: ' + (e && e.message || e); } }
const out = {};
for (const [name, input] of Object.entries(cases)) {
  const r = { input };
  let jar;
  try { jar = CookieJar.deserializeSync(JSON.parse(JSON.stringify(input))); r.deserialize = 'ok'; }
  catch (e) { r.deserialize = 'THREW: ' + e.message; out[name] = r; continue; }
  r.jar_options_after = { rejectPublicSuffixes: jar.rejectPublicSuffixes, enableLooseMode: jar.enableLooseMode, allowSpecialUseDomain: jar.allowSpecialUseDomain, prefixSecurity: jar.prefixSecurity };
  r.store_idx_keys = Object.fromEntries(Object.entries(jar.store.idx).map(([d, ps]) => [d, Object.fromEntries(Object.entries(ps).map(([p, ks]) => [p, Object.keys(ks)]))]));
  const all = tryDo(() => jar.store.getAllCookies ? null : null);
  r.serialized_after_import = tryDo(() => jar.serializeSync().cookies);
  r.expiryTime_minus_now_ms = tryDo(() => { const res = []; for (const d of Object.values(jar.store.idx)) for (const p of Object.values(d)) for (const c of Object.values(p)) { const t = c.expiryTime(); res.push({ key: c.key, expiryTime: (typeof t === 'number' && isFinite(t)) ? t - NOW : String(t) }); } return res; });
  r.cookie_headers = urls.map(u => ({ url: u, header: tryDo(() => jar.getCookieStringSync(u)) }));
  r.serialized_after_get = tryDo(() => jar.serializeSync().cookies.map(c => c.key + (c.creation ? '' : '')));
  out[name] = r;
}
// sliding max-age in this version? (expiry computed from lastAccessed after a get)
{
  const jar = CookieJar.deserializeSync(jarOf([{ ...base, maxAge: 3600, creation: iso(NOW - 50 * 60e3), lastAccessed: iso(NOW - 50 * 60e3) }]));
  const c = () => jar.store.idx['example.com']['/']['a'];
  const before = c().expiryTime() - NOW;
  jar.getCookieStringSync('http://example.com/');
  const after = c().expiryTime() - NOW;
  out.sliding_maxAge_check = { description: 'maxAge 3600, creation & lastAccessed 50 min ago; expiryTime()-now before and after one getCookieStringSync', before_ms: before, after_ms: after };
}
// cross-version import of the generated fixtures
for (const v of ['6.1.0', '4.1.4']) {
  const s = fs.readFileSync(`/tmp/tc/out/tough-cookie-${v}.json`, 'utf8');
  const r = {};
  try {
    const jar = CookieJar.deserializeSync(s);
    r.deserialize = 'ok';
    const orig = JSON.parse(s);
    const re = jar.serializeSync();
    const strip = (c) => JSON.stringify(c);
    r.cookie_count_in = orig.cookies.length; r.cookie_count_out = re.cookies.length;
    r.cookies_identical_after_roundtrip = JSON.stringify(orig.cookies) === JSON.stringify(re.cookies);
    r.toplevel_out = Object.fromEntries(Object.entries(re).filter(([k]) => k !== 'cookies'));
    r.headers = ['https://www.example.com/', 'https://www.example.com/sub/x', 'http://www.example.com/', 'https://example.com/', 'http://other.example.com/', 'http://shop.example.org:8080/cart/x/y', 'http://shop.example.org/', 'https://example.org/'].map(u => ({ url: u, header: jar.getCookieStringSync(u) || null }));
  } catch (e) { r.deserialize = 'THREW: ' + e.message; }
  out['import_fixture_tough-cookie-' + v] = r;
}
// file-store files: load via FileCookieStore not possible here; check Cookie.fromJSON on each entry
setTimeout(() => fs.writeFileSync(`/tmp/tc/out/deserialize-experiments-${label}.json`, JSON.stringify({ tough_cookie_version: label, now_ms: NOW, now_iso: iso(NOW), unhandled_rejections_seen_during_run: unhandled, note: 'CookieJar.deserializeSync(input) with default MemoryCookieStore; then serializeSync(), expiryTime(), getCookieStringSync(url) for several URLs, serializeSync() again', cases: out }, null, 2) + '\n'), 100);
console.log('ok', label);
