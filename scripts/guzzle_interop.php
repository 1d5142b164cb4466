<?php
// Checks cookiejar's Guzzle files (`Format::Guzzle`) against PHP's real
// Guzzle (`GuzzleHttp\Cookie\FileCookieJar`), both ways:
//
// 1. write: a jar in this crate's JSON schema (host-only and domain
//    cookies on hosts under example.com and example.org, paths / and
//    /sub, session cookies and persistent ones expiring within a year,
//    Secure, HttpOnly, each SameSite and none, an empty value, a value
//    holding `=`, a PHP-style name `arr[k]`, a Priority and an unknown
//    attribute, one name on two domains and on two paths, creation times
//    rising in file order), converted with
//    `cookiejar convert IN OUT --to guzzle --keep-session` and loaded with
//    `new FileCookieJar(OUT, true)` (a byte copy of OUT, since the jar
//    saves itself over its file when destroyed), gives for each URL the
//    `Cookie` header (`$jar->withCookieHeader(new Request('GET', $url))`)
//    that `cookiejar query OUT URL` gives;
// 2. read: a Guzzle `FileCookieJar` on a new file (storeSessionCookies
//    true) filled with `extractCookies()` from 23 Set-Cookie headers on
//    five URLs (http and https, a port, Domain with and without a dot and
//    in mixed case, Path, none (Guzzle 7 files those under `/`, not the
//    request's directory: its SetCookie defaults Path to `/`), Max-Age,
//    Expires, a past Expires, Secure (one set over http), HttpOnly,
//    SameSite, unknown attributes, `arr[k]`, an empty value, a value
//    holding `=`, one refused for its Domain), saved with `save()`,
//    gives with `cookiejar query FILE URL` the header the same Guzzle jar
//    gives.
//
// Headers are compared as multisets of name=value pairs: Guzzle orders by
// insertion, the crate by path length, then creation. Both sides ask for
// a same-site request (`cookiejar query` without --site; Guzzle 7 does
// not enforce SameSite at all).
//
// Guzzle 7 (before 7.15.1, by its advisory) keeps no host-only flag: it
// sends a cookie to the subdomains of its domain whatever the file says.
// A URL whose only difference is pairs Guzzle sends (and the crate does
// not) from a cookie the crate holds as host-only, to a strict subdomain
// of that cookie's host, counts as matching, under one of two headings:
//
// - "Guzzle 7 host-only widening": a cookie set without Domain (write:
//   one whose `HostOnly` is true in OUT; read: a Set-Cookie without a
//   Domain attribute);
// - "Guzzle 7 no host-only flag" (read only): a cookie set with a Domain
//   attribute without a leading dot (`Domain=example.com`), which Guzzle 7
//   stores as written, and which the crate then reads as host-only on
//   purpose (see src/format/guzzle.rs), so Guzzle 7 sends it to
//   subdomains and the crate does not.
//
// Any other difference (a pair only the crate sends, or one Guzzle sends
// that no such cookie explains) is a MISMATCH.
//
// Not in the read list: `Max-Age=0`, which Guzzle 7 keeps (and sends) as
// a session cookie while the crate reads it as expired (documented in
// src/format/guzzle.rs; it would be a MISMATCH here).
//
// Not run by CI (it needs PHP and Guzzle; no composer). Run:
//
//   cargo build --features cli --bin cookiejar   # the script builds nothing
//   apt-get install php-cli php-guzzlehttp-guzzle   # Debian: Guzzle 7.4.5 on bookworm
//   php scripts/guzzle_interop.php [--bin PATH] [--autoload PATH]
//     [--keep DIR] [-v]
//
// --bin defaults to $COOKIEJAR, else target/debug/cookiejar in this
// checkout; --autoload to Debian's /usr/share/php/GuzzleHttp/autoload.php
// (for another Guzzle, a file that makes GuzzleHttp\Cookie and
// GuzzleHttp\Psr7 load, as tests/data/guzzle/scripts/boot-extracted-deb.php.example
// does). --keep writes the files into DIR and leaves them (else a
// temporary folder, removed); -v prints the files.
//
// Prints one line per URL per direction (OK, OK with the Guzzle 7
// differences named, or MISMATCH with both headers), then
// `write: N/M URLs match (K with Guzzle 7's widening); read: N/M URLs
// match (K with Guzzle 7's widening, J with Guzzle 7's missing host-only
// flag)`, and exits 1 on any MISMATCH (2 on a usage or setup error).
//
// Results when it was added (PHP 8.2.36 CLI, Debian bookworm
// php-guzzlehttp-guzzle 7.4.5-1 with php-guzzlehttp-psr7 2.4.5):
//
//   write: 16/16 URLs match (9 with Guzzle 7's widening); read: 16/16 URLs match (9 with Guzzle 7's widening, 9 with Guzzle 7's missing host-only flag)
//
// (a URL may count under both headings). Guzzle 7 loaded all 18 written
// cookies (keeping `HostOnly` as an attribute it does not use) and sent
// the host-only ones to subdomains (`w_empty`, host-only on example.com,
// to www.example.com and other.example.com; everything host-only on
// www.example.com to a.www.example.com; shop.example.org's to
// x.shop.example.org). In the read direction it kept 22 of the 23
// (r_foreign, Domain=other.test, refused) and sent cookies set without
// Domain, and `r_dom` (Domain=example.com) and `r_upper`
// (Domain=Example.ORG), to subdomains, which the crate does not; every
// other pair matched, order aside.

declare(strict_types=1);

use GuzzleHttp\Cookie\CookieJar;
use GuzzleHttp\Cookie\FileCookieJar;
use GuzzleHttp\Cookie\SetCookie;
use GuzzleHttp\Psr7\Request;
use GuzzleHttp\Psr7\Response;

$usage = 'usage: php scripts/guzzle_interop.php [--bin PATH] [--autoload PATH] [--keep DIR] [-v]';
$here = __DIR__;
$opts = [
    'bin' => getenv('COOKIEJAR') ?: $here . '/../target/debug/cookiejar',
    'autoload' => '/usr/share/php/GuzzleHttp/autoload.php',
    'keep' => null,
    'verbose' => false,
];
$args = array_slice($argv, 1);
while ($args) {
    $a = array_shift($args);
    $value = function () use (&$args, $a, $usage) {
        if (!$args) {
            fwrite(STDERR, "$a needs a value\n$usage\n");
            exit(2);
        }
        return array_shift($args);
    };
    if ($a === '--bin') $opts['bin'] = $value();
    elseif ($a === '--autoload') $opts['autoload'] = $value();
    elseif ($a === '--keep') $opts['keep'] = $value();
    elseif ($a === '-v' || $a === '--verbose') $opts['verbose'] = true;
    elseif ($a === '-h' || $a === '--help') { echo "$usage\n"; exit(0); }
    else { fwrite(STDERR, "unknown argument $a\n$usage\n"); exit(2); }
}
if (!is_file($opts['autoload'])) {
    fwrite(STDERR, "no Guzzle autoloader at {$opts['autoload']} (--autoload)\n");
    exit(2);
}
require $opts['autoload'];
if (!is_executable($opts['bin'])) {
    fwrite(STDERR, "no cookiejar binary at {$opts['bin']}: cargo build --features cli --bin cookiejar, or --bin\n");
    exit(2);
}

if ($opts['keep'] !== null) {
    $dir = $opts['keep'];
    if (!is_dir($dir) && !mkdir($dir, 0777, true)) {
        fwrite(STDERR, "cannot make $dir\n");
        exit(2);
    }
} else {
    $dir = sys_get_temp_dir() . '/guzzle_interop_' . bin2hex(random_bytes(6));
    mkdir($dir, 0700);
}

/** Runs the cookiejar binary with $args; its standard output, or exits 2 on failure. */
function cookiejar(array $args): string
{
    global $opts;
    $p = proc_open(array_merge([$opts['bin']], $args), [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    if (!is_resource($p)) {
        fwrite(STDERR, "cannot run {$opts['bin']}\n");
        exit(2);
    }
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    fclose($pipes[1]);
    fclose($pipes[2]);
    $rc = proc_close($p);
    if ($rc !== 0) {
        fwrite(STDERR, "cookiejar " . implode(' ', $args) . " failed ($rc):\n$err");
        exit(2);
    }
    return $out;
}

/** A Cookie header's name=value pairs, counted. */
function pairs(string $header): array
{
    $counts = [];
    if (trim($header) === '') return $counts;
    foreach (explode('; ', trim($header)) as $p) {
        $counts[$p] = ($counts[$p] ?? 0) + 1;
    }
    return $counts;
}

/** Whether Guzzle's jar sends $c for a GET of $url (CookieJar::withCookieHeader's test). */
function guzzleSends(SetCookie $c, string $url): bool
{
    $uri = new \GuzzleHttp\Psr7\Uri($url);
    return $c->matchesPath($uri->getPath() ?: '/')
        && $c->matchesDomain($uri->getHost())
        && !$c->isExpired()
        && (!$c->getSecure() || $uri->getScheme() === 'https');
}

/**
 * Compares Guzzle's header and the crate's for $url.
 * $kindOf(SetCookie) gives the heading for a cookie the crate holds as
 * host-only and Guzzle 7 sends to subdomains ('widening' or 'noflag'),
 * or null if the crate does not hold it as host-only.
 * Returns [status, details]: status 'ok' or 'mismatch'; details maps a
 * heading to the pairs it explains.
 */
function compare(string $url, string $guzzle, string $crate, CookieJar $jar, callable $kindOf): array
{
    $g = pairs($guzzle);
    $c = pairs($crate);
    $host = strtolower((new \GuzzleHttp\Psr7\Uri($url))->getHost());
    $explained = [];
    $bad = false;
    foreach (array_unique(array_merge(array_keys($g), array_keys($c))) as $pair) {
        $diff = ($g[$pair] ?? 0) - ($c[$pair] ?? 0);
        if ($diff === 0) continue;
        if ($diff < 0) { $bad = true; continue; }
        // Guzzle sends $diff more of $pair: each must be a cookie the crate
        // holds as host-only, sent by Guzzle to a strict subdomain of its host.
        $n = 0;
        foreach ($jar as $ck) {
            if ($ck->getName() . '=' . $ck->getValue() !== $pair || !guzzleSends($ck, $url)) continue;
            $kind = $kindOf($ck);
            $d = ltrim(strtolower((string) $ck->getDomain()), '.');
            if ($kind === null || $host === $d || substr($host, -strlen($d) - 1) !== ".$d") continue;
            $explained[$kind][] = $pair;
            $n++;
        }
        if ($n < $diff) $bad = true;
    }
    return [$bad ? 'mismatch' : 'ok', $explained];
}

$headings = ['widening' => "Guzzle 7 host-only widening", 'noflag' => "Guzzle 7 no host-only flag"];

/** Runs one direction's URLs; prints a line each; returns [matched, total, counts by heading, mismatches]. */
function run(string $dirName, array $urls, CookieJar $jar, string $file, callable $kindOf): array
{
    global $headings;
    $ok = 0;
    $by = ['widening' => 0, 'noflag' => 0];
    $mismatch = 0;
    foreach ($urls as $url) {
        $guzzle = $jar->withCookieHeader(new Request('GET', $url))->getHeaderLine('Cookie');
        $crate = rtrim(cookiejar(['query', $file, $url]), "\r\n");
        [$status, $explained] = compare($url, $guzzle, $crate, $jar, $kindOf);
        if ($status === 'ok') {
            $ok++;
            $notes = [];
            foreach ($explained as $kind => $ps) {
                $by[$kind]++;
                $notes[] = "{$headings[$kind]}: " . implode('; ', $ps);
            }
            $same = $guzzle === $crate ? '' : ' (same pairs, other order)';
            echo "$dirName OK $url" . ($explained ? '' : $same) . "\n";
            if ($explained) {
                foreach ($notes as $n) echo "  $n\n";
                echo "  guzzle: $guzzle\n  crate:  $crate\n";
            } else {
                echo "  $crate\n";
            }
        } else {
            $mismatch++;
            $g = pairs($guzzle);
            $c = pairs($crate);
            $only = function (array $a, array $b): string {
                $r = [];
                foreach ($a as $p => $n) for ($i = $n - ($b[$p] ?? 0); $i > 0; $i--) $r[] = $p;
                return implode('; ', $r);
            };
            echo "$dirName MISMATCH $url\n  guzzle: $guzzle\n  crate:  $crate\n"
                . "  only guzzle: " . $only($g, $c) . "\n  only crate:  " . $only($c, $g) . "\n";
        }
    }
    return [$ok, count($urls), $by, $mismatch];
}

$now = time();
$iso = fn(int $t): string => gmdate('Y-m-d\TH:i:s\Z', $t);
$day = 86400;

// ---- 1. write ----------------------------------------------------------

// [name, value, domain, host_only, path, expires (seconds from now) or null, secure, http_only, same_site, other attributes]
$spec = [
    ['w_host', '1', 'www.example.com', true, '/', null, false, false, 'default', []],
    ['w_dom', '2', 'example.com', false, '/', 30 * $day, false, false, 'default', []],
    ['w_hostsub', '3', 'www.example.com', true, '/sub', 200 * $day, false, false, 'default', []],
    ['w_domsub', '4', 'example.com', false, '/sub', null, false, true, 'default', []],
    ['w_sec', '5', 'www.example.com', true, '/', 90 * $day, true, true, 'strict', []],
    ['w_lax', '6', 'example.com', false, '/', 10 * $day, false, false, 'lax', []],
    ['w_none', '7', 'example.com', false, '/', null, true, false, 'none', []],
    ['w_empty', '', 'example.com', true, '/', 5 * $day, false, false, 'default', []],
    ['w_eq', 'a=b=c', 'shop.example.org', true, '/', 300 * $day, false, false, 'lax', []],
    ['arr[k]', 'v', 'example.org', false, '/', 60 * $day, false, false, 'default', []],
    ['w_prio', 'p', 'www.example.com', true, '/', null, false, false, 'default', [['Priority', 'High']]],
    ['w_unknown', 'u', 'example.org', false, '/sub', 364 * $day, false, false, 'default', [['Foo', null], ['Bar', 'baz']]],
    ['w_apex', 'x', 'example.org', true, '/', 100 * $day, true, false, 'strict', []],
    ['dup', 'host', 'www.example.com', true, '/', 20 * $day, false, false, 'default', []],
    ['dup', 'domain', 'example.com', false, '/', 20 * $day, false, false, 'default', []],
    ['p', 'root', 'shop.example.org', true, '/', null, false, false, 'default', []],
    ['p', 'sub', 'shop.example.org', true, '/sub', null, false, false, 'default', []],
    ['w_http', 'h', 'example.org', false, '/', null, false, true, 'none', []],
];
$cookies = [];
foreach ($spec as $i => [$name, $value, $domain, $hostOnly, $path, $exp, $secure, $httpOnly, $sameSite, $other]) {
    $created = $iso($now - 3600 + $i);
    $cookies[] = [
        'name' => $name, 'value' => $value, 'domain' => $domain, 'host_only' => $hostOnly,
        'path' => $path, 'expires' => $exp === null ? null : $iso($now + $exp),
        'creation' => $created, 'last_access' => $created,
        'secure' => $secure, 'http_only' => $httpOnly, 'same_site' => $sameSite,
        'path_specified' => $path !== '/', 'domain_initial_dot' => !$hostOnly,
        'other_attributes' => $other,
    ];
}
$in = "$dir/write-in.json";
$out = "$dir/write-out.guzzle.json";
file_put_contents($in, json_encode(['format' => 'cookiejar', 'version' => 1, 'cookies' => $cookies],
    JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n");
@unlink($out);
cookiejar(['convert', $in, $out, '--to', 'guzzle', '--keep-session']);
$loadedCopy = "$dir/write-out.loaded-by-guzzle.json";
copy($out, $loadedCopy);
$wjar = new FileCookieJar($loadedCopy, true);
$written = json_decode(file_get_contents($out), true);
echo "Guzzle " . \GuzzleHttp\ClientInterface::MAJOR_VERSION . '.x'
    . (($v = trim((string) @shell_exec('dpkg-query -W -f=\'${Version}\' php-guzzlehttp-guzzle 2>/dev/null'))) !== '' ? " (Debian $v)" : '')
    . ", PHP " . PHP_VERSION . "\n";
echo "write: " . count($spec) . " cookies in, " . count($written) . " in OUT, " . count($wjar) . " loaded by Guzzle\n";
if ($opts['verbose']) {
    echo "--- $in\n" . file_get_contents($in) . "--- $out\n" . file_get_contents($out) . "\n---\n";
}

$writeUrls = [
    'https://www.example.com/',
    'http://www.example.com/',
    'https://www.example.com/sub',
    'https://www.example.com/sub/page',
    'http://www.example.com/subway',
    'https://example.com/',
    'http://example.com/sub/x',
    'https://a.www.example.com/sub/',
    'http://other.example.com/',
    'https://shop.example.org/',
    'http://shop.example.org/sub/',
    'https://x.shop.example.org/sub',
    'https://example.org/sub/x',
    'http://www.example.org/',
    'https://notexample.com/',
    'http://example.net/',
];
// The crate wrote `HostOnly` (Guzzle 7 keeps it as an attribute it does not use).
$writeKind = fn(SetCookie $c): ?string => !empty($c->toArray()['HostOnly']) ? 'widening' : null;
[$wOk, $wN, $wBy, $wBad] = run('write', $writeUrls, $wjar, $out, $writeKind);

// ---- 2. read -----------------------------------------------------------

$in30 = gmdate('D, d M Y H:i:s \G\M\T', $now + 30 * $day);
$responses = [
    ['https://www.example.com/', [
        'r_host=1',
        'r_maxage=2; Max-Age=3600',
        "r_exp=3; Expires=$in30",
        'r_dom=4; Domain=example.com',
        'r_dotdom=5; Domain=.example.com; Path=/',
        'r_sec=6; Secure; HttpOnly; SameSite=Strict',
        'r_lax=7; SameSite=Lax',
        'r_unk=8; Priority=High; Foo=bar; Flag',
        'r_empty=',
        'r_eq=a=b',
    ]],
    ['https://www.example.com/sub/page', [
        'r_defpath=9',
        'r_sub=10; Path=/sub',
        'r_subslash=11; Path=/sub/; Max-Age=86400',
    ]],
    ['http://example.com/', [
        'r_apex=12',
        'r_past=13; Expires=Thu, 01 Jan 2015 00:00:00 GMT',
        'r_httpsec=14; Secure',
    ]],
    ['http://shop.example.org:8080/cart', [
        'r_cart=15',
        'r_orgdom=16; Domain=.example.org; Max-Age=86400',
        'r_foreign=17; Domain=other.test',
    ]],
    ['https://example.org/a/b', [
        'arr[k]=18; Path=/',
        'r_ab=19',
        'r_samenone=20; SameSite=None; Secure',
        'r_upper=21; Domain=Example.ORG; HttpOnly',
    ]],
];
$rfile = "$dir/read.guzzle.json";
@unlink($rfile);
$rjar = new FileCookieJar($rfile, true);
$hadDomain = [];
foreach ($responses as [$url, $list]) {
    foreach ($list as $sc) {
        $hadDomain[explode('=', $sc, 2)[0]] = (bool) preg_match('/;\s*domain\s*=/i', $sc);
    }
    $rjar->extractCookies(new Request('GET', $url), new Response(200, ['Set-Cookie' => $list]));
}
$rjar->save($rfile);
echo "read: " . count($hadDomain) . " Set-Cookie headers, " . count($rjar) . " kept by Guzzle, "
    . count(json_decode(file_get_contents($rfile), true)) . " in FILE\n";
if ($opts['verbose']) {
    echo "--- $rfile\n" . file_get_contents($rfile) . "\n---\n";
}
$readUrls = [
    'https://www.example.com/',
    'http://www.example.com/',
    'https://www.example.com/sub/x',
    'https://www.example.com/subway',
    'https://a.www.example.com/',
    'https://example.com/',
    'http://example.com/',
    'http://other.example.com/sub/',
    'http://shop.example.org:8080/cart/x',
    'https://shop.example.org/',
    'https://example.org/a/c',
    'http://example.org/',
    'https://www.example.org/a/',
    'http://other.test/',
    'https://notexample.com/',
    'http://example.net/',
];
// The crate reads a domain without a leading dot as host-only.
$readKind = function (SetCookie $c) use ($hadDomain): ?string {
    if (str_starts_with((string) $c->getDomain(), '.')) return null;
    return ($hadDomain[$c->getName()] ?? false) ? 'noflag' : 'widening';
};
[$rOk, $rN, $rBy, $rBad] = run('read', $readUrls, $rjar, $rfile, $readKind);

echo "write: $wOk/$wN URLs match ({$wBy['widening']} with Guzzle 7's widening); "
    . "read: $rOk/$rN URLs match ({$rBy['widening']} with Guzzle 7's widening, "
    . "{$rBy['noflag']} with Guzzle 7's missing host-only flag)\n";

// The jars save themselves over their files when destroyed: before removing them.
unset($wjar, $rjar);
if ($opts['keep'] === null) {
    foreach (glob("$dir/*") as $f) unlink($f);
    rmdir($dir);
}
exit($wBad || $rBad ? 1 : 0);
