#!/usr/bin/env python3
"""Find the rfc6265 scenarios on which the cookiejar crate and Go's jar
disagree, shrink each one greedily (drop steps, Set-Cookie lines and
attributes, simplify URLs) while they still disagree, and write the
minimized scenarios with both outputs.

usage: minimize.py IN.jsonl OUT.jsonl
"""
import json, os, subprocess, sys, tempfile, copy

HERE = os.path.dirname(os.path.abspath(__file__))
RUST = os.environ.get('RUST') or os.path.join(HERE, '..', '..', 'target', 'release', 'cookiejar')
GO = os.path.join(HERE, 'build', 'gojar')


def run_both(scs):
    """[(rust_headers, go_headers)] for each scenario."""
    with tempfile.NamedTemporaryFile('w', suffix='.jsonl', delete=False) as f:
        for sc in scs:
            f.write(json.dumps(sc) + '\n')
        path = f.name
    try:
        r = subprocess.run([RUST, 'replay', path], capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(r.stderr)
        g = subprocess.run([GO, path], capture_output=True, text=True, check=True)
    finally:
        os.unlink(path)
    lines = r.stdout.split('\n')[:-1]
    gos = [json.loads(l) for l in g.stdout.splitlines()]
    out, i = [], 0
    for sc, gj in zip(scs, gos):
        k = sum(1 for s in sc['steps'] if s['op'] == 'request')
        out.append((lines[i:i + k], gj['headers']))
        i += k
    assert i == len(lines)
    return out


def differs(res):
    return res[0] != res[1]


def candidates(sc):
    steps = sc['steps']
    nreq = sum(1 for s in steps if s['op'] == 'request')
    for i, s in enumerate(steps):
        if s['op'] != 'request' or nreq > 1:
            c = copy.deepcopy(sc); del c['steps'][i]; yield c
    for i, s in enumerate(steps):
        if s['op'] == 'response':
            for j, line in enumerate(s['set_cookie']):
                if len(s['set_cookie']) > 1:
                    c = copy.deepcopy(sc); del c['steps'][i]['set_cookie'][j]; yield c
                parts = line.split('; ')
                for k in range(1, len(parts)):
                    c = copy.deepcopy(sc)
                    c['steps'][i]['set_cookie'][j] = '; '.join(parts[:k] + parts[k + 1:])
                    yield c
        if s['op'] == 'advance' and s['seconds'] > 1:
            for v in (1, s['seconds'] // 2):
                if v < s['seconds']:
                    c = copy.deepcopy(sc); c['steps'][i]['seconds'] = v; yield c
        if s['op'] in ('response', 'request'):
            scheme, rest = s['url'].split('://', 1)
            host, _, path = rest.partition('/')
            if path:
                c = copy.deepcopy(sc); c['steps'][i]['url'] = f'{scheme}://{host}/'; yield c


def main():
    src, dst = sys.argv[1], sys.argv[2]
    scs = [json.loads(l) for l in open(src) if l.strip()]
    res = run_both(scs)
    cur = [(sc, r) for sc, r in zip(scs, res) if differs(r)]
    print(f'{len(scs)} scenarios, {len(cur)} differ', file=sys.stderr)
    active = list(range(len(cur)))
    rounds = 0
    while active:
        rounds += 1
        batch, owner = [], []
        for idx in active:
            for c in candidates(cur[idx][0]):
                batch.append(c); owner.append(idx)
        results = run_both(batch) if batch else []
        taken = set()
        for c, idx, r in zip(batch, owner, results):
            if idx not in taken and differs(r):
                cur[idx] = (c, r); taken.add(idx)
        active = sorted(taken)
        print(f'round {rounds}: {len(active)} shrunk', file=sys.stderr)
    with open(dst, 'w') as f:
        for sc, (r, g) in cur:
            f.write(json.dumps({'scenario': sc, 'rust': r, 'go': g}) + '\n')


if __name__ == '__main__':
    main()
