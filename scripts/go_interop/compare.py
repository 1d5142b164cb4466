#!/usr/bin/env python3
"""Three-way comparison: scenario expectation vs the cookiejar crate's
`replay` vs Go's net/http/cookiejar (build/gojar, made by run.sh).

usage: compare.py [--rust BIN] [--go BIN] [--out DETAILS.jsonl] FILE...

For each request step of each rfc6265-mode scenario (that Go can run: no
block/allow lists), prints counts of
  all3      expected == rust == go
  rust_only expected == rust != go
  go_only   expected == go != rust
  neither   expected != rust, expected != go, rust != go
  both_off  rust == go != expected
  no_expect request step without an expect (rust vs go counted separately)
and writes every non-all3 row to --out.
"""
import argparse, json, os, subprocess, sys, collections

HERE = os.path.dirname(os.path.abspath(__file__))


def load(path):
    if path.endswith('.json'):
        with open(path) as f:
            return [(1, json.load(f))]
    out = []
    with open(path) as f:
        for n, l in enumerate(f, 1):
            if l.strip():
                out.append((n, json.loads(l)))
    return out


def rust_headers(binary, path, scenarios):
    p = subprocess.run([binary, 'replay', path], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f'{path}: rust replay exit {p.returncode}: {p.stderr}')
    lines = p.stdout.split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    res, i = [], 0
    for _, sc in scenarios:
        k = sum(1 for s in sc['steps'] if s['op'] == 'request')
        res.append(lines[i:i + k])
        i += k
    if i != len(lines):
        sys.exit(f'{path}: rust gave {len(lines)} lines, expected {i}')
    return res


def go_headers(binary, path):
    p = subprocess.run([binary, path], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f'{path}: gojar exit {p.returncode}: {p.stderr}')
    return [json.loads(l) for l in p.stdout.splitlines()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--rust', default=os.path.join(HERE, '..', '..', 'target', 'release', 'cookiejar'))
    ap.add_argument('--go', default=os.path.join(HERE, 'build', 'gojar'))
    ap.add_argument('--out', default=None)
    ap.add_argument('--skip-superseded', action='store_true',
                    help='skip 2011 http-state cases that the WPT 2020 file supersedes (as the crate harness does)')
    ap.add_argument('files', nargs='+')
    a = ap.parse_args()
    counts = collections.Counter()
    perfile = collections.defaultdict(collections.Counter)
    rows = []
    skipped = collections.Counter()
    superseded = set()
    if a.skip_superseded:
        for p in a.files:
            if 'wpt2020' in os.path.basename(p):
                superseded |= {sc['id'].split('/', 1)[1] for _, sc in load(p)}
    for path in a.files:
        scs = load(path)
        rh = rust_headers(a.rust, path, scs)
        gh = go_headers(a.go, path)
        assert len(gh) == len(scs)
        for (line, sc), r, g in zip(scs, rh, gh):
            if 'http-state-scenarios' in os.path.basename(path) and sc.get('id') in superseded:
                skipped['superseded by wpt2020'] += 1
                continue
            if g.get('skip'):
                skipped[g['skip']] += 1
                continue
            reqs = [s for s in sc['steps'] if s['op'] == 'request']
            assert len(reqs) == len(r) == len(g['headers']), (path, line)
            for k, (st, rv, gv, gw) in enumerate(zip(reqs, r, g['headers'], g['wire'])):
                e = st.get('expect')
                if e is None:
                    cls = 'no_expect_agree' if rv == gv else 'no_expect_differ'
                elif e == rv == gv:
                    cls = 'all3'
                elif e == rv:
                    cls = 'rust_only'
                elif e == gv:
                    cls = 'go_only'
                elif rv == gv:
                    cls = 'both_off'
                else:
                    cls = 'neither'
                counts[cls] += 1
                perfile[os.path.basename(path) if not path.endswith('.json') else 'tests/scenarios/*.json'][cls] += 1
                if cls not in ('all3', 'no_expect_agree'):
                    rows.append(dict(file=os.path.basename(path), line=line, id=sc.get('id'),
                                     req=k, cls=cls, expect=e, rust=rv, go=gv, go_wire=gw,
                                     scenario=sc))
    total = sum(counts.values())
    print(f'request steps compared: {total}')
    for c in ('all3', 'rust_only', 'go_only', 'neither', 'both_off',
              'no_expect_agree', 'no_expect_differ'):
        print(f'  {c:17} {counts[c]}')
    if len(perfile) > 1:
        for f, c in perfile.items():
            print(f'  {f}: ' + ', '.join(f'{k} {v}' for k, v in sorted(c.items())))
    if skipped:
        print('scenarios not run by Go:', dict(skipped))
    if a.out:
        with open(a.out, 'w') as f:
            for r in rows:
                f.write(json.dumps(r) + '\n')


if __name__ == '__main__':
    main()
