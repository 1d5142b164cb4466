#!/usr/bin/env python3
"""Apply every known-cause ablation of classify.py to each scenario of a
file (so the known 6265bis differences cannot fire), and write the result:
diffing that exposes the rarer causes the common ones mask.
usage: residual.py IN.jsonl OUT.jsonl"""
import json, sys
from classify import ABLATIONS
KNOWN = {'prefix', 'fqdn', 'loopback-secure', 'secure-from-http', 'samesite-none-insecure', 'expiry-cap', 'leave-secure-alone', 'quoted-value', 'url-path-form', 'non-ascii-domain', 'domain-dot', 'max-age-overflow', 'max-age-syntax', 'expires-format', 'ip-domain-leading-dot'}
with open(sys.argv[2], 'w') as out:
    for l in open(sys.argv[1]):
        sc = json.loads(l)
        for name, _, rw in ABLATIONS:
            if name in KNOWN:
                sc = rw(sc)
        out.write(json.dumps(sc) + '\n')
