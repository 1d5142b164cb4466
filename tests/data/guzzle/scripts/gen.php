<?php
require $argv[4];
use GuzzleHttp\Cookie\FileCookieJar;
use GuzzleHttp\Cookie\CookieJar;
use GuzzleHttp\Psr7\Request;
use GuzzleHttp\Psr7\Response;

$ver = $argv[1];
$out = $argv[2];
$tmp = __DIR__ . '/jar.json';
@unlink($tmp);

$responses = [
  ['https://www.example.com/', [
    'host=1',
    'maxage=2; Max-Age=3600',
    'dom=3; Domain=example.com; Expires=Wed, 01 Dec 2027 00:00:00 GMT',
    'dotdom=4; Domain=.example.com; Path=/',
    'sec=5; Secure; HttpOnly; SameSite=Strict',
    'lax=6; SameSite=Lax',
    'emptyval=',
    'eq=a=b',
  ]],
  ['https://www.example.com/sub/page', [
    'defpath=7',
    'sub=8; Path=/sub',
  ]],
  ['http://example.com/', [
    'apex=9',
    'expired=10; Max-Age=0',
    'pastexp=11; Expires=Thu, 01 Jan 2015 00:00:00 GMT',
  ]],
  ['http://shop.example.org:8080/cart', [
    'cart=12',
  ]],
];

$t0 = time();
$jar = new FileCookieJar($tmp, true);
foreach ($responses as [$url, $sc]) {
  $jar->extractCookies(new Request('GET', $url), new Response(200, ['Set-Cookie' => $sc]));
}
$jar->save($tmp);
$t1 = time();
copy($tmp, "$out/guzzle-$ver.json");

$urls = ['https://www.example.com/', 'https://www.example.com/sub/x', 'http://www.example.com/',
  'https://example.com/', 'http://other.example.com/', 'https://a.www.example.com/',
  'http://shop.example.org:8080/cart/x', 'http://shop.example.org/'];
$headers = [];
foreach ($urls as $u) {
  $headers[$u] = $jar->withCookieHeader(new Request('GET', $u))->getHeaderLine('Cookie');
}

// in-memory jar contents (what was accepted, incl. non-persisted)
$mem = [];
foreach ($jar as $c) { $mem[] = $c->getName(); }

// reload
$copy = __DIR__ . '/reload.json';
copy($tmp, $copy);
$jar2 = new FileCookieJar($copy, true);
$reload = [];
foreach ($jar2 as $c) { $reload[] = $c->toArray(); }
$headers2 = [];
foreach ($urls as $u) {
  $headers2[$u] = $jar2->withCookieHeader(new Request('GET', $u))->getHeaderLine('Cookie');
}
// reload with storeSessionCookies=false (default)
$copy3 = __DIR__ . '/reload3.json';
copy($tmp, $copy3);
$jar3 = new FileCookieJar($copy3, false);
$names3 = []; foreach ($jar3 as $c) { $names3[] = $c->getName(); }
$jar3->save($copy3);
$resaved3 = json_decode(file_get_contents($copy3), true);

$result = [
  'generator' => "guzzlehttp/guzzle $ver (Debian package php-guzzlehttp-guzzle " . $argv[5] . "), guzzlehttp/psr7 " . $argv[3] . ", PHP " . PHP_VERSION,
  'jar' => 'new FileCookieJar($path, true); extractCookies() per response; save($path)',
  'time_before_extract' => $t0,
  'time_after_save' => $t1,
  'cookie_headers' => $headers,
  'cookie_headers_after_reload' => $headers2,
];
file_put_contents("$out/guzzle-$ver.headers.json", json_encode($result, JSON_PRETTY_PRINT|JSON_UNESCAPED_SLASHES) . "\n");

echo "in-memory jar after extract: ", implode(',', $mem), "\n";
echo "reloaded (storeSession=true): ", json_encode(array_map(fn($a)=>$a['Name'], $reload)), "\n";
echo "reloaded identical arrays: ", var_export($reload === json_decode(file_get_contents($tmp), true), true), "\n";
echo "headers after reload identical: ", var_export($headers2 === $headers, true), "\n";
echo "reload storeSession=false names in memory: ", implode(',', $names3), "\n";
echo "resaved storeSession=false: ", implode(',', array_map(fn($a)=>$a['Name'], $resaved3)), "\n";
echo "t0=$t0 t1=$t1\n";
