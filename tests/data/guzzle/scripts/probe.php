<?php
require $argv[1];
use GuzzleHttp\Cookie\FileCookieJar;
use GuzzleHttp\Cookie\CookieJar;
use GuzzleHttp\Cookie\SetCookie;
use GuzzleHttp\Psr7\Request;
use GuzzleHttp\Psr7\Response;
error_reporting(E_ALL);
$out = [];
function one($url, $sc) {
  $j = new CookieJar();
  try { $j->extractCookies(new Request('GET', $url), new Response(200, ['Set-Cookie' => [$sc]])); }
  catch (\Throwable $e) { return 'EXC ' . get_class($e) . ': ' . $e->getMessage(); }
  $a = $j->toArray();
  return $a ? $a[0] : 'REJECTED';
}
$cases = [
 ['https://www.example.com/a/b', 'emptypath=1; Path='],
 ['https://www.example.com/a/b', 'relpath=1; Path=rel'],
 ['https://www.example.com/a/b', 'nopath=1'],
 ['https://www.example.com/', 'foreign=1; Domain=other.com'],
 ['https://www.example.com/', 'child=1; Domain=a.www.example.com'],
 ['https://www.example.com/', 'upper=1; DOMAIN=EXAMPLE.COM; secure; httponly; max-age=60; path=/X'],
 ['https://www.example.com/', 'baddate=1; Expires=garbage'],
 ['https://www.example.com/', 'badage=1; Max-Age=abc'],
 ['https://www.example.com/', 'negage=1; Max-Age=-5'],
 ['https://www.example.com/', 'both=1; Max-Age=100; Expires=Thu, 01 Jan 2015 00:00:00 GMT'],
 ['https://www.example.com/', 'disc=1; Discard'],
 ['https://www.example.com/', 'ext=1; Priority=High; Partitioned'],
 ['http://www.example.com/', 'secoverhttp=1; Secure'],
 ['https://www.example.com/', 'a b=1'],
 ['https://www.example.com/', '=nameless'],
 ['https://www.example.com/', 'noequals'],
 ['https://www.example.com/', 'quoted="x y"'],
 ['https://www.example.com/', 'trailingdot=1; Domain=example.com.'],
 ['http://127.0.0.1/', 'ip=1'],
 ['https://WWW.Example.COM/', 'hostcase=1'],
];
foreach ($cases as [$u, $s]) { $out['single'][] = ['url' => $u, 'set-cookie' => $s, 'stored' => one($u, $s)]; }

// ordering / replacement
$j = new CookieJar();
$r = new Request('GET', 'https://www.example.com/sub/x');
$j->extractCookies($r, new Response(200, ['Set-Cookie' => ['a=1; Path=/', 'b=1; Path=/sub', 'c=1']]));
$out['order_initial'] = $j->withCookieHeader(new Request('GET', 'https://www.example.com/sub/y'))->getHeaderLine('Cookie');
$j->extractCookies($r, new Response(200, ['Set-Cookie' => ['a=2']]));
$out['order_after_a_updated'] = $j->withCookieHeader(new Request('GET', 'https://www.example.com/sub/y'))->getHeaderLine('Cookie');
$j->extractCookies($r, new Response(200, ['Set-Cookie' => ['c=1']]));
$out['order_after_c_same_value'] = $j->withCookieHeader(new Request('GET', 'https://www.example.com/sub/y'))->getHeaderLine('Cookie');
$j->extractCookies($r, new Response(200, ['Set-Cookie' => ['b=; Path=/sub']]));
$out['after_b_empty_value'] = $j->withCookieHeader(new Request('GET', 'https://www.example.com/sub/y'))->getHeaderLine('Cookie');
$j->extractCookies($r, new Response(200, ['Set-Cookie' => ['c=1; Max-Age=0']]));
$out['after_c_maxage0'] = $j->withCookieHeader(new Request('GET', 'https://www.example.com/sub/y'))->getHeaderLine('Cookie');
// host-only vs domain same name
$j = new CookieJar();
$j->extractCookies(new Request('GET', 'https://example.com/'), new Response(200, ['Set-Cookie' => ['dup=host', 'dup=dom; Domain=example.com']]));
$out['hostonly_and_domain_same_name'] = ['count' => count($j), 'header_example.com' => $j->withCookieHeader(new Request('GET', 'https://example.com/'))->getHeaderLine('Cookie'), 'header_www' => $j->withCookieHeader(new Request('GET', 'https://www.example.com/'))->getHeaderLine('Cookie')];

// load behaviour: handcrafted file with expired + session + discard, with and without HostOnly
$now = time();
$base = ['Path' => '/', 'Max-Age' => null, 'Secure' => false, 'HttpOnly' => false];
$recs = [
  ['Name' => 'exp', 'Value' => '1', 'Domain' => 'example.com', 'Expires' => $now - 100, 'Discard' => false],
  ['Name' => 'sess', 'Value' => '1', 'Domain' => 'example.com', 'Expires' => null, 'Discard' => false],
  ['Name' => 'disc', 'Value' => '1', 'Domain' => 'example.com', 'Expires' => $now + 1000, 'Discard' => true],
  ['Name' => 'live', 'Value' => '1', 'Domain' => 'example.com', 'Expires' => $now + 1000, 'Discard' => false],
  ['Name' => 'strexp', 'Value' => '1', 'Domain' => 'example.com', 'Expires' => 'Wed, 01 Dec 2027 00:00:00 GMT', 'Discard' => false],
];
foreach (['without_HostOnly' => false, 'with_HostOnly' => true] as $label => $withHO) {
  $data = array_map(function ($r) use ($base, $withHO) { $x = array_merge($base, $r); if ($withHO) $x['HostOnly'] = false; return $x; }, $recs);
  foreach ([true, false] as $sess) {
    $f = __DIR__ . "/load-$label-$sess.json"; file_put_contents($f, json_encode($data));
    try {
      $jar = new FileCookieJar($f, $sess);
      $names = []; foreach ($jar as $c) $names[] = $c->getName() . '(Expires=' . var_export($c->getExpires(), true) . ')';
      $jar->save($f);
      $re = array_map(fn($a) => $a['Name'], json_decode(file_get_contents($f), true));
      $out['load'][$label]['storeSession=' . var_export($sess, true)] = ['in_memory' => $names, 'resaved' => $re];
    } catch (\Throwable $e) { $out['load'][$label]['storeSession=' . var_export($sess, true)] = 'EXC ' . get_class($e) . ': ' . $e->getMessage(); }
    @unlink($f);
  }
}
// cross-load the fixtures of all versions
foreach (glob('/work/main/tests/data/guzzle/guzzle-?.?.?.json') as $fx) {
  $f = __DIR__ . '/x.json'; copy($fx, $f);
  try { $jar = new FileCookieJar($f, true); $out['crossload'][basename($fx)] = ['count' => count($jar), 'header_a.www' => $jar->withCookieHeader(new Request('GET', 'https://a.www.example.com/'))->getHeaderLine('Cookie')];
        $jar->save($f); $out['crossload'][basename($fx)]['resaved_first'] = json_decode(file_get_contents($f), true)[0]; }
  catch (\Throwable $e) { $out['crossload'][basename($fx)] = 'EXC ' . get_class($e) . ': ' . $e->getMessage(); }
  @unlink($f);
}
echo json_encode($out, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
