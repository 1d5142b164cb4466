#!/usr/bin/env python3
"""Classify minimized Rust-vs-Go differences (output of minimize.py) by
cause. Each cause has an *ablation*: a rewrite of the scenario that removes
just that cause. A scenario gets the first class whose rewrite alone makes
Rust and Go agree; failing that, the ablations are applied cumulatively and
the scenario is labelled with the ones needed ("A+B"); what is still left
is 'unexplained' and printed in full.

usage: classify.py MIN.jsonl [--examples N]
"""
import copy, json, re, sys, time, calendar, collections
from minimize import run_both

LOOPBACK = ('localhost', '127.0.0.1', '[::1]', 'app.localhost')


def host_of(u):
    return u.split('://', 1)[1].split('/', 1)[0]


def split(line):
    parts = line.split(';')
    return parts[0], parts[1:]


def attr(p):
    n, eq, v = p.partition('=')
    return n.strip().lower(), (v.strip() if eq else None)


def map_attrs(sc, f, only_http=False):
    """f(name, value, raw, step) -> raw replacement, or None to drop."""
    c = copy.deepcopy(sc)
    for s in c['steps']:
        if s['op'] != 'response' or (only_http and not s['url'].startswith('http://')):
            continue
        out = []
        for line in s['set_cookie']:
            nv, ps = split(line)
            kept = []
            for p in ps:
                n, v = attr(p)
                r = f(n, v, p, s)
                if r is not None:
                    kept.append(r)
            out.append(';'.join([nv] + kept))
        s['set_cookie'] = out
    return c


def map_nv(sc, f):
    c = copy.deepcopy(sc)
    for s in c['steps']:
        if s['op'] == 'response':
            s['set_cookie'] = [';'.join([f(split(l)[0])] + split(l)[1]) for l in s['set_cookie']]
    return c


def map_urls(sc, f):
    c = copy.deepcopy(sc)
    for s in c['steps']:
        if 'url' in s:
            s['url'] = f(s['url'])
    return c


def drop_if(pred, only_http=False):
    return lambda sc: map_attrs(sc, lambda n, v, p, s: None if pred(n, v) else p, only_http)


GO_DATE_OK = re.compile(r'^[A-Z][a-z]{2}, \d\d[ -][A-Z][a-z]{2}[ -]\d{4} \d\d:\d\d:\d\d [A-Z]{3,4}$')
DATE_FORMATS = ['%a, %d %b %Y %H:%M:%S %Z', '%a, %d-%b-%Y %H:%M:%S %Z', '%A, %d-%b-%y %H:%M:%S %Z',
                '%a %b %d %H:%M:%S %Y', '%d %b %Y %H:%M:%S %Z', '%a, %d %b %Y %H:%M:%S +0000']


def go_date(v):
    for fmt in DATE_FORMATS:
        try:
            t = calendar.timegm(time.strptime(v.replace('UTC', 'GMT').replace('PST', 'GMT'), fmt))
            return time.strftime('%a, %d %b %Y %H:%M:%S GMT', time.gmtime(t))
        except ValueError:
            pass
    return v


def exp_after(v, t):
    for fmt in DATE_FORMATS:
        try:
            return calendar.timegm(time.strptime(v.replace('UTC', 'GMT').replace('PST', 'GMT'), fmt)) > t
        except ValueError:
            pass
    return False


def plain_path(u):
    """URL with its path percent-decoded (%2F made '_') and dot segments resolved."""
    import urllib.parse, posixpath
    scheme, rest = u.split('://', 1)
    host, slash, path = rest.partition('/')
    path, q, query = ('/' + path).partition('?')
    path = urllib.parse.unquote(re.sub(r'%2[fF]', '_', path))
    norm = posixpath.normpath(path) if path != '/' else '/'
    if path.endswith('/') and norm != '/':
        norm += '/'
    norm = re.sub('^/+', '/', norm)
    return f'{scheme}://{host}{norm}{q}{query}'


def plain_int(v):
    return v is not None and re.fullmatch(r'-?[1-9]\d*|0', v) is not None


ABLATIONS = [
    ('prefix', '__Secure-/__Host-/__Http-/__Host-Http- name prefixes enforced (6265bis; case-insensitive since draft -14; __Http- from layered-cookies); Go has none',
     lambda sc: map_nv(sc, lambda nv: re.sub(r'^(\s*)__(secure|host|http)-', r'\1p_\2_', nv, flags=re.I))),
    ('quoted-value', 'Go 1.19 strips the DQUOTEs around a value; RFC 6265/6265bis keep them',
     lambda sc: map_nv(sc, lambda nv: re.sub(r'^([^=]*)="([^"]*)"(\s*)$', r'\1=\2\3', nv))),
    ('url-path-form', 'path matching on the URL path (Go: decoded u.Path, dot segments kept; crate: encoded, dots resolved: decision 3)',
     lambda sc: map_urls(sc, plain_path)),
    ('scheme-and-ipv6', 'Go\'s jar serves only http/https (not ws/wss) and compares IPv6 literals textually ([2001:DB8:0::1] != [2001:db8::1])',
     lambda sc: map_urls(sc, lambda u: re.sub(r'^ws(s?)://', r'http\1://', u).replace('[2001:DB8:0::1]', '[2001:db8::1]'))),
    ('fqdn', 'trailing-dot host example.com. (crate: a distinct host; Go strips the dot)',
     lambda sc: map_attrs(map_urls(sc, lambda u: u.replace('example.com./', 'example.com/')),
                          lambda n, v, p, s: p.replace('example.com.', 'example.com'))),
    ('loopback-secure', 'http://localhost, 127.0.0.1, [::1] are secure origins (crate decision 2, 6265bis "potentially trustworthy")',
     lambda sc: map_urls(sc, lambda u: u.replace('http://', 'https://') if host_of(u).rsplit(':', 1)[0] in LOOPBACK or host_of(u) == '[::1]' else u)),
    ('secure-from-http', 'a Secure cookie set from an insecure origin is ignored (6265bis)',
     drop_if(lambda n, v: n == 'secure', only_http=True)),
    ('leave-secure-alone', 'an insecure origin may not overwrite/shadow a Secure cookie (6265bis "leave secure cookies alone")',
     lambda sc: map_urls(sc, lambda u: u.replace('http://', 'https://'))),
    ('samesite-none-insecure', 'SameSite=None without Secure is ignored (6265bis)',
     drop_if(lambda n, v: n == 'samesite' and (v or '').lower() == 'none')),
    ('non-ascii-domain', 'non-ASCII Domain attribute: 6265bis ignores the cookie; Go\'s parser drops the attribute and keeps a host-only cookie',
     drop_if(lambda n, v: n == 'domain' and v is not None and not v.isascii())),
    ('domain-dot', '"Domain=." is an empty Domain after the leading dot is removed (host-only, 6265bis); Go rejects the cookie',
     drop_if(lambda n, v: n == 'domain' and v == '.')),
    ('ip-domain-leading-dot', 'Domain=.127.0.0.1 from 127.0.0.1: the RFC strips the dot and accepts; Go rejects on purpose',
     lambda sc: map_attrs(sc, lambda n, v, p, s: 'Domain=' + v[1:] if n == 'domain' and v and re.fullmatch(r'\.[\d.]+', v) else p)),
    ('max-age-overflow', 'huge Max-Age: Go overflows time.Duration (> ~9.2e9 s expires at once) or fails Atoi (attribute ignored); RFC: <=0 expires, else capped',
     drop_if(lambda n, v: n == 'max-age' and v is not None and re.fullmatch(r'-?\d{10,}', v.strip()) is not None)),
    ('max-age-syntax', 'Max-Age with leading zeros, "+", or a space after "=": Go rejects 007 and " 5", accepts +5; RFC the opposite',
     lambda sc: map_attrs(sc, lambda n, v, p, s: None if n == 'max-age' and re.fullmatch(r'\s*(0\d+|\+\d+)\s*|\s+\d+\s*', p.partition('=')[2]) else p)),
    ('expires-format', 'Expires not in the two layouts Go parses (asctime, no weekday, 2-digit year, +0000): Go keeps a session cookie',
     lambda sc: map_attrs(sc, lambda n, v, p, s: 'Expires=' + go_date(v) if n == 'expires' and v and not GO_DATE_OK.match(v) else p)),
    ('expiry-cap', '400-day cap on Max-Age / Expires (6265bis)',
     drop_if(lambda n, v: (n == 'max-age' and v is not None and re.fullmatch(r'\d+', v) and int(v) > 34560000)
             or (n == 'expires' and v and exp_after(v, 1700000000 + 34560000 - 86400)))),
    ('nameless', 'nameless cookies ("foo", "=foo") are kept by 6265bis; Go drops them',
     lambda sc: map_nv(sc, lambda nv: nv if re.match(r'^\s*[^=\s]+\s*=', nv) else 'n=' + nv.lstrip().lstrip('='))),
    ('go-strict-bytes', 'Go drops a cookie whose name is not an RFC 2616 token or whose value has DQUOTE inside, "\\", non-ASCII or space-padding; RFC 6265 section 5.2 takes any octets',
     lambda sc: map_nv(sc, lambda nv: re.sub(r'[^A-Za-z0-9=\-._]', 'x', nv.strip()) or 'n=')),
    ('whitespace', 'whitespace around name, value, attribute names and values (RFC trims; Go trims only the ends of each ";" piece)',
     lambda sc: map_attrs(map_nv(sc, lambda nv: re.sub(r'\s*=\s*', '=', nv.strip(), count=1)),
                          lambda n, v, p, s: ' ' + (n if v is None else f'{n}={v}'))),
    ('size-limits', 'name+value over 4096 bytes, or an attribute value over 1024 bytes, is ignored (6265bis); Go has no limits',
     lambda sc: map_attrs(map_nv(sc, lambda nv: nv if len(nv) < 4000 else 'n=v'), lambda n, v, p, s: p if len(p) < 1000 else p[:60])),
    ('host-only-vs-domain', 'a host-only and a Domain cookie of the same name/host/path are distinct (6265bis adds host-only-flag to the identity; Go keys on domain;path;name)',
     drop_if(lambda n, v: n == 'domain')),
]


def agree(scs):
    return [r == g for r, g in run_both(scs)]


def main():
    rows = [json.loads(l) for l in open(sys.argv[1])]
    nex = int(sys.argv[sys.argv.index('--examples') + 1]) if '--examples' in sys.argv else 0
    cls = {}
    pending = list(range(len(rows)))
    for name, desc, rw in ABLATIONS:
        if not pending:
            break
        ok = agree([rw(rows[i]['scenario']) for i in pending])
        still = []
        for i, a in zip(pending, ok):
            if a:
                cls[i] = name
            else:
                still.append(i)
        pending = still
    # cumulative
    for i in pending:
        sc, used = rows[i]['scenario'], []
        for name, desc, rw in ABLATIONS:
            nsc = rw(sc)
            if nsc != sc:
                sc = nsc
                used.append(name)
                if agree([sc])[0]:
                    # keep only the ablations that were needed
                    need = list(used)
                    fns = dict((n, f) for n, _, f in ABLATIONS)
                    for u in list(need):
                        trial = [x for x in need if x != u]
                        t = rows[i]['scenario']
                        for x in trial:
                            t = fns[x](t)
                        if agree([t])[0]:
                            need = trial
                    cls[i] = '+'.join(need)
                    break
        else:
            r, g = rows[i]['rust'], rows[i]['go']
            same_set = all(sorted(a.split('; ')) == sorted(b.split('; ')) for a, b in zip(r, g))
            has_adv = any(s['op'] == 'advance' for s in rows[i]['scenario']['steps'])
            cls[i] = 'go-expired-keeps-creation' if same_set and has_adv else 'unexplained'
    counts = collections.Counter(cls.values())
    descs = {n: d for n, d, _ in ABLATIONS}
    descs['go-expired-keeps-creation'] = ('order only: Go lets a new cookie inherit the creation time of an expired one it has not yet purged; '
                                          'RFC 6265 section 5.3 step 12 evicts expired cookies first')
    print(f'{len(rows)} minimized differing scenarios')
    for n, c in sorted(counts.items(), key=lambda x: -x[1]):
        print(f'  {n:28} {c:5}  {descs.get(n, "")}')
    by = collections.defaultdict(list)
    for i, c in cls.items():
        by[c].append(rows[i])
    for c, rs in by.items():
        rs.sort(key=lambda r: len(json.dumps(r['scenario'])))
        k = len(rs) if c == 'unexplained' else nex
        if k:
            print(f'\n== {c}: smallest examples')
        for r in rs[:k]:
            sc = r['scenario']
            print(json.dumps({'policy': sc['policy'], 'start': sc.get('start', 1700000000), 'steps': sc['steps']}))
            print('   rust:', r['rust'], ' go:', r['go'])


if __name__ == '__main__':
    main()
