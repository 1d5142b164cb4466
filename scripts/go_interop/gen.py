#!/usr/bin/env python3
"""Random rfc6265-mode cookie scenarios (scenario format v1), JSON lines.

usage: gen.py --count N --seed S > random.jsonl
"""
import argparse, json, random, email.utils

HOSTS = [
    'example.com', 'www.example.com', 'a.b.example.com', 'EXAMPLE.com',
    'example.co.uk', 'www.example.co.uk', 'co.uk',
    'foo.github.io', 'bar.github.io', 'github.io',
    'localhost', 'app.localhost', '127.0.0.1', '192.168.0.1', '[::1]',
    'example.com.',
]
DOMAINS = [
    None, '', 'example.com', '.example.com', 'www.example.com', 'b.example.com',
    'EXAMPLE.COM', 'co.uk', '.co.uk', 'example.co.uk', 'uk', 'com',
    'github.io', 'foo.github.io', '.foo.github.io', 'localhost', '127.0.0.1',
    '.127.0.0.1', '0.0.1', 'other.com', 'example.com.',
]
PATHS = ['/', '/a', '/a/', '/a/b', '/a/b/c', '/ab', '/A/b', '/a/b/']
ATTR_PATHS = [None, '/', '/a', '/a/', '/a/b', '/ab', '', 'a', '/A']
NAMES = ['a', 'b', 'sid', 'a', 'b', '__Secure-s', '__Host-h', '__secure-l', 'A', '__Http-t', '__Host-Http-u']
VALUES = ['1', '2', 'x', 'v9', '', 'a=b']
MAX_AGES = ['-1', '0', '1', '60', '3600', '86400', '34560000', '34560001', '99999999999', '1.5', '']
SAMESITE = ['Lax', 'Strict', 'None', 'bogus', '']
ADVANCES = [1, 30, 59, 61, 3600, 86400, 34559999, 34560001, 40000000]


def http_date(t):
    return email.utils.formatdate(t, usegmt=True)  # "Mon, 02 Jan 2006 15:04:05 GMT"


def set_cookie(r, now):
    parts = [f'{r.choice(NAMES)}={r.choice(VALUES)}']
    if r.random() < 0.35:
        d = r.choice(DOMAINS)
        if d is not None:
            parts.append(f'Domain={d}')
    if r.random() < 0.4:
        p = r.choice(ATTR_PATHS)
        if p is not None:
            parts.append(f'Path={p}')
    if r.random() < 0.25:
        parts.append(f'Max-Age={r.choice(MAX_AGES)}')
    if r.random() < 0.2:
        off = r.choice([-86400, -1, 0, 60, 3600, 86400, 399 * 86400, 401 * 86400, 3000 * 86400])
        parts.append(f'Expires={http_date(now + off)}')
    if r.random() < 0.35:
        parts.append('Secure')
    if r.random() < 0.2:
        parts.append('HttpOnly')
    if r.random() < 0.25:
        parts.append(f'SameSite={r.choice(SAMESITE)}')
    head, rest = parts[0], parts[1:]
    r.shuffle(rest)
    return '; '.join([head] + rest)


SYN_NAMES = ['a', 'b', 'sid', 'A', 'x-y', 'a.b']
SYN_VALUES = ['1', '', 'x', 'a=b', 'x y', '"q"', '%20', 'a,b', "a'b", '=', 'a:b']
ATTR_NAMES = {'Domain': ['Domain', 'domain', 'DOMAIN', 'DoMaIn'],
              'Path': ['Path', 'path', 'PATH'],
              'Max-Age': ['Max-Age', 'max-age', 'MAX-AGE'],
              'Expires': ['Expires', 'expires', 'EXPIRES'],
              'Secure': ['Secure', 'secure', 'SECURE'],
              'HttpOnly': ['HttpOnly', 'httponly']}
SYN_MAX_AGES = ['0', '-0', '-1', '-5', '+5', '5', '05', '007', '00', ' 5', '5 ', '60', '1e3', '0x10',
                '9223372036854775807', '9223372036854775808', '-9223372036854775809', '3600', '86400']
SYN_DOMAINS = ['example.com', '.example.com', 'EXAMPLE.COM', '.EXAMPLE.com', 'www.example.com',
               'ample.com', 'xample.com', '..example.com', 'example.com..', '.', '',
               'co.uk', 'example.co.uk', '.example.co.uk', 'github.io', 'foo.github.io',
               'example.com:80', 'b\u00fccher.example', 'xn--bcher-kva.example', 'localhost', '.localhost']
SYN_PATHS = ['/', '/a', '/a/', '/a/b', '/a/b/', '/A', '', 'a', '/a%2Fb', '/%61', '/a/./b', '/a/../b', '//', '/a;b', '/a b']
SYN_REQ_PATHS = ['/', '/a', '/a/', '/a/b', '/a/b/c', '/A/b', '/ab', '/a%2Fb', '/%61/b', '/a/b?x=1', '/a/b#f',
                 '/a%2fb', '/a;b', '/a/./b', '//a']
SYN_HOSTS = ['example.com', 'www.example.com', 'Example.COM', 'example.com:8080', 'www.example.com:443',
             'example.co.uk', 'www.example.co.uk', 'foo.github.io', 'xn--bcher-kva.example',
             'www.xn--bcher-kva.example', '127.0.0.1:8000', 'sub.example.com']


def syn_set_cookie(r, now):
    sep = r.choice(['; ', ';', ' ; ', ';  '])
    parts = [f'{r.choice(SYN_NAMES)}={r.choice(SYN_VALUES)}']
    def attr(kind, val=None):
        n = r.choice(ATTR_NAMES[kind])
        parts.append(n if val is None else f'{n}={val}')
    if r.random() < 0.4:
        attr('Domain', r.choice(SYN_DOMAINS))
    if r.random() < 0.45:
        attr('Path', r.choice(SYN_PATHS))
    if r.random() < 0.3:
        attr('Max-Age', r.choice(SYN_MAX_AGES))
    if r.random() < 0.25:
        t = now + r.choice([-86400, -1, 1, 60, 3600, 86400])
        fmt = r.choice(['%a, %d %b %Y %H:%M:%S GMT', '%a, %d-%b-%Y %H:%M:%S GMT', '%A, %d-%b-%y %H:%M:%S GMT',
                        '%a, %d %b %Y %H:%M:%S UTC', '%a %b %d %H:%M:%S %Y', '%d %b %Y %H:%M:%S GMT',
                        '%a, %d %b %Y %H:%M:%S +0000', '%a, %d %b %Y %H:%M:%S PST'])
        import time
        attr('Expires', time.strftime(fmt, time.gmtime(t)))
    if r.random() < 0.3:
        attr('Secure', r.choice([None, None, '', '1']))
    if r.random() < 0.15:
        attr('HttpOnly')
    if r.random() < 0.15:
        # duplicated attribute: the last one wins (RFC 6265 §5.3 / 6265bis §5.7)
        k = r.choice(['Domain', 'Path', 'Max-Age'])
        attr(k, r.choice({'Domain': SYN_DOMAINS, 'Path': SYN_PATHS, 'Max-Age': SYN_MAX_AGES}[k]))
    head, rest = parts[0], parts[1:]
    r.shuffle(rest)
    return sep.join([head] + rest)


def syn_scenario(r, i):
    start = 1700000000
    now = start
    hosts = r.sample(SYN_HOSTS, r.randint(1, 3))
    u = lambda: f"{r.choice(['http', 'https'])}://{r.choice(hosts)}{r.choice(SYN_REQ_PATHS)}"
    steps = []
    for _ in range(r.randint(2, 8)):
        x = r.random()
        if x < 0.45:
            steps.append({'op': 'response', 'url': u(),
                          'set_cookie': [syn_set_cookie(r, now) for _ in range(r.randint(1, 3))]})
        elif x < 0.85:
            steps.append({'op': 'request', 'url': u()})
        else:
            s = r.choice([1, 2, 59, 61, 3600, 86401])
            now += s
            steps.append({'op': 'advance', 'seconds': s})
    steps.append({'op': 'request', 'url': u()})
    return {'id': f'syn-{i}', 'policy': {'mode': 'rfc6265'}, 'start': start, 'steps': steps}


def url(r, host):
    return f"{r.choice(['http', 'https'])}://{host}{r.choice(PATHS)}"


def scenario(r, i):
    start = 1700000000
    now = start
    hosts = r.sample(HOSTS, r.randint(1, 3))
    steps = []
    for _ in range(r.randint(2, 9)):
        x = r.random()
        if x < 0.45:
            steps.append({'op': 'response', 'url': url(r, r.choice(hosts)),
                          'set_cookie': [set_cookie(r, now) for _ in range(r.randint(1, 3))]})
        elif x < 0.85:
            steps.append({'op': 'request', 'url': url(r, r.choice(hosts))})
        else:
            s = r.choice(ADVANCES)
            now += s
            steps.append({'op': 'advance', 'seconds': s})
    steps.append({'op': 'request', 'url': url(r, r.choice(hosts))})
    return {'id': f'rand-{i}', 'policy': {'mode': 'rfc6265'}, 'start': start, 'steps': steps}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--count', type=int, default=3000)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--syntax', action='store_true', help='attribute-syntax variant (case, spacing, odd values, dates)')
    a = ap.parse_args()
    r = random.Random(a.seed)
    for i in range(a.count):
        print(json.dumps((syn_scenario if a.syntax else scenario)(r, i)))


if __name__ == '__main__':
    main()
