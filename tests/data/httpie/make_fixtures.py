#!/usr/bin/env python3
"""Re-create the HTTPie session fixtures in this folder (see README.md).

Needs in /etc/hosts:
    127.0.0.1 shop.example.test www.shop.example.test api.example.test other.test
Usage: python3 make_fixtures.py --new /usr/bin/http [--old /tmp/httpie-old/bin/http] [--out DIR]
Only 127.0.0.1:PORT (a local http.server) is contacted.
"""
import argparse, json, os, shutil, subprocess, sys, tempfile, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# (host, path, Set-Cookie values in header order). Order matters: HTTPie's own
# Max-Age=0 removal only looks at the FIRST Set-Cookie header of a response.
STEPS = [
    ('127.0.0.1', '/step1', ['plain=p1', 'token=v1; Path=/', 'doomed=bye; Path=/',
                             'sec=s1; Secure', 'flags=f1; HttpOnly; SameSite=Strict',
                             'persist=keep; Expires=Thu, 31 Dec 2099 23:59:59 GMT',
                             'pref=root; Path=/', 'txt=a "b" caf\u00e9 \u2615']),
    ('127.0.0.1', '/account/login', ['doomed=; Max-Age=0; Path=/', 'pref=acct; Path=/account',
                                     'dflt=d1', 'token=v2; Path=/']),
    ('localhost', '/step3', ['lang=en', 'lsec=ls; Secure']),
    ('shop.example.test', '/step4', ['lang=de', 'site=shop; Domain=shop.example.test',
                                     'wide=all; Domain=.example.test', 'evil=x; Domain=other.test',
                                     'xdel=shop; Path=/', 'ydel=shop; Path=/']),
    ('other.test', '/step5', ['xdel=; Max-Age=0; Path=/', 'ydel=; Max-Age=0; Path=/', 'lang=fr']),
    ('127.0.0.1', '/late', ['short=brief; Max-Age=2']),
]
SET = {path: cookies for _, path, cookies in STEPS}
PROBES = [('127.0.0.1', '/'), ('127.0.0.1', '/account/settings'), ('127.0.0.1', '/accounting'),
          ('localhost', '/'), ('shop.example.test', '/'), ('www.shop.example.test', '/'),
          ('api.example.test', '/'), ('other.test', '/')]
LOG = []


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.0'

    def do_GET(self):
        # http.server decodes headers as latin-1; re-encode to get the wire bytes.
        raw = [c.encode('latin-1') for c in self.headers.get_all('Cookie') or []]
        LOG.append({'cookie': b'; '.join(raw).decode('utf-8', 'backslashreplace') if raw else None,
                    'n': len(raw), 'auth': self.headers.get('Authorization'),
                    'x': self.headers.get('X-Fixture')})
        out = [b'HTTP/1.0 200 OK', b'Content-Length: 3']
        out += [b'Set-Cookie: ' + c.encode('utf-8') for c in SET.get(self.path, [])]
        self.wfile.write(b'\r\n'.join(out) + b'\r\n\r\nok\n')

    def log_message(self, *a):
        pass


def http(exe, cwd, env, *args):
    p = subprocess.run([exe, '--ignore-stdin', '--print=H', *args], cwd=cwd, env=env,
                       stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    if p.returncode:
        sys.exit(f'{exe} {args} failed:\n{p.stdout}{p.stderr}')
    return p


def build(exe, cwd, env, url):
    for i, (host, path, _) in enumerate(STEPS):
        extra = ['-a', 'alice:dummy-password', url(host, path), 'X-Fixture:yes',
                 'Cookie:cli=from-cli'] if i == 0 else [url(host, path)]
        http(exe, cwd, env, '--session=./session.json', *extra)


def probe(exe, cwd, env, url, session, out):
    sent, err = [], ''
    for host, path in PROBES:
        LOG.clear()
        p = http(exe, cwd, env, f'--session-read-only={session}', url(host, path))
        err = err or p.stderr
        sent.append({'url': url(host, path), 'cookie': LOG[0]['cookie']})
        print(' ', sent[-1], {k: LOG[0][k] for k in ('n', 'auth', 'x')})
    with open(out, 'w', encoding='utf-8') as f:
        f.write('[\n' + ',\n'.join(json.dumps(s, ensure_ascii=False) for s in sent) + '\n]\n')
    return err


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--new', default='/usr/bin/http')
    ap.add_argument('--old')
    ap.add_argument('--out', default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument('--port', type=int, default=18080)
    a = ap.parse_args()
    srv = ThreadingHTTPServer(('127.0.0.1', a.port), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    url = lambda host, path: f'http://{host}:{a.port}{path}'
    tmp = tempfile.mkdtemp(prefix='httpie-fixtures-')
    env = {k: v for k, v in os.environ.items() if 'proxy' not in k.lower()}
    env.update(HTTPIE_CONFIG_DIR=os.path.join(tmp, 'config'), NO_PROXY='*')
    ver = lambda exe: subprocess.run([exe, '--version'], capture_output=True, text=True).stdout.strip()
    new = ver(a.new)
    for exe in [a.new] + ([a.old] if a.old else []):
        v = ver(exe)
        cwd = os.path.join(tmp, v)
        os.makedirs(cwd)
        print(f'== HTTPie {v}')
        build(exe, cwd, env, url)
        shutil.copyfile(f'{cwd}/session.json', f'{a.out}/session-{v}.json')
        time.sleep(3)  # let the Max-Age=2 cookie expire before probing
        probe(exe, cwd, env, url, './session.json', f'{a.out}/sent-{v}.json')
        if exe == a.old:
            print(f'== HTTPie {new} reading the {v} session')
            shutil.copyfile(f'{cwd}/session.json', f'{cwd}/legacy.json')
            err = probe(a.new, cwd, env, url, './legacy.json', f'{a.out}/sent-{new}-from-{v}-session.json')
            print(err)
            # `httpie cli sessions upgrade` without --bind-cookies (domain-less cookies -> domain null)
            shutil.copyfile(f'{cwd}/session.json', f'{cwd}/upgraded.json')
            p = subprocess.run([os.path.join(os.path.dirname(a.new), 'httpie'), 'cli', 'sessions',
                                'upgrade', '127.0.0.1', './upgraded.json'],
                               cwd=cwd, env=env, capture_output=True, text=True)
            print(p.stdout + p.stderr)
            shutil.copyfile(f'{cwd}/upgraded.json', f'{a.out}/session-{v}-upgraded-by-{new}.json')
    srv.shutdown()
    shutil.rmtree(tmp)


if __name__ == '__main__':
    main()
