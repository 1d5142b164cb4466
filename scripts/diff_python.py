#!/usr/bin/env python3
"""Differential test: `cookiejar replay` (modes netscape and rfc2965) against
Python's http.cookiejar on random scenarios.

    cargo build --release --features cli
    python3 scripts/diff_python.py [--seed N] [--count N] [--bin target/release/cookiejar] [--keep DIR]

Each scenario (the shared scenario format) is run by Python's CookieJar with
DefaultCookiePolicy(...) on a virtual clock, and by the Rust binary. The
Cookie headers of every request step are compared. A disagreement is put in
the first category of the crate's documented deliberate deviations whose
trigger, removed from the scenario, makes the two agree (or, for the order
of cookies, whose headers hold the same cookies in another order).
Anything else is "unexplained" and fails the run. Stdlib only.
"""
import argparse, email.message, http.cookiejar as cj, json, os, random, re, subprocess, sys, tempfile, urllib.request

START = 1_700_000_000

# --- the Python reference -------------------------------------------------

class _Clock:
    def __init__(self):
        self.now = START
    def time(self):
        return float(self.now)
    def __getattr__(self, name):  # gmtime, localtime, ... from the real module
        import time as real
        return getattr(real, name)

CLOCK = _Clock()
cj.time = CLOCK  # http.cookiejar calls time.time() for "now"
import warnings
warnings.simplefilter("ignore")  # Python's "http.cookiejar bug!" warnings (deviation d)

class _Resp:
    def __init__(self, msg):
        self._m = msg
    def info(self):
        return self._m

def python_replay(sc):
    pol = dict(sc["policy"])
    mode = pol.pop("mode")
    kw = {"rfc2965": mode == "rfc2965"}
    for k, v in pol.items():
        kw[k] = tuple(v) if k == "secure_protocols" and v is not None else v
    jar = cj.CookieJar(cj.DefaultCookiePolicy(**kw))
    CLOCK.now = sc.get("start", START)
    out = []
    for st in sc["steps"]:
        if st["op"] == "advance":
            CLOCK.now += st["seconds"]
            continue
        req = urllib.request.Request(st["url"], origin_req_host=st.get("request_host"),
                                     unverifiable=st.get("unverifiable", False))
        if st["op"] == "response":
            m = email.message.Message()
            for v in st.get("set_cookie2", []):
                m["Set-Cookie2"] = v
            for v in st.get("set_cookie", []):
                m["Set-Cookie"] = v
            jar.extract_cookies(_Resp(m), req)
        else:
            jar.add_cookie_header(req)
            out.append(req.unredirected_hdrs.get("Cookie", ""))
    return out

def rust_replay(binary, scenarios):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for sc in scenarios:
            f.write(json.dumps(sc) + "\n")
        name = f.name
    try:
        p = subprocess.run([binary, "replay", name], capture_output=True, text=True)
    finally:
        os.unlink(name)
    if p.returncode != 0:
        sys.exit(f"cookiejar replay failed ({p.returncode}): {p.stderr.strip()}")
    lines = p.stdout.split("\n")
    res, i = [], 0
    for sc in scenarios:
        n = sum(1 for st in sc["steps"] if st["op"] == "request")
        res.append(lines[i:i + n])
        i += n
    return res

# --- the generator ---------------------------------------------------------

HOSTS = ["www.example.com", "example.com", "a.b.example.com", "foo.example.com",
         "www.example.co.uk", "example.co.uk", "example.org", "intranet", "192.168.1.1"]
PATHS = ["/", "/a", "/a/", "/a/b", "/a/b/c", "/b"]
DOMAINS = ["example.com", ".example.com", "EXAMPLE.COM", "co.uk", ".co.uk", "example.co.uk",
           "other.org", "b.example.com", ".intranet", "www.example.com"]
NAMES = ["a", "b", "c", "$d", "sid"]
VALUES = ["1", "2", "x", "x y", "v;w", "\"q\""]
DATES_FUTURE = ["Tue, 01 Jan 2030 00:00:00 GMT", "Tuesday, 01-Jan-30 00:00:00 GMT", "01 Jan 2030 00:00:00"]
DATES_PAST = ["Wed, 09 Jun 2021 10:18:14 GMT", "09-Jun-2021 10:18:14 GMT"]

def rand_url(r):
    host = r.choice(HOSTS)
    port = r.choice(["", "", "", ":8080"])
    return f"{r.choice(['http', 'https'])}://{host}{port}{r.choice(PATHS)}"

def attrs(r, v2):
    a = []
    if r.random() < 0.4: a.append(f"Domain={r.choice(DOMAINS)}")
    if r.random() < 0.5: a.append(f"Path={r.choice(PATHS)}")
    x = r.random()
    if x < 0.15: a.append(f"Max-Age={r.choice(['10', '100', '0', '-1', '86400'])}")
    elif x < 0.25: a.append(f"Expires={r.choice(DATES_FUTURE + DATES_PAST)}")
    elif x < 0.27: a.append("Max-Age=soon")
    if r.random() < 0.15: a.append(r.choice(["Secure", "secure", "secure=false", "Secure="]))
    if r.random() < 0.1: a.append("HttpOnly")
    if v2 or r.random() < 0.15:
        if r.random() < 0.9: a.append("Version=1")
        if r.random() < 0.2: a.append(r.choice(["Port", 'Port="80,8080"', 'Port="443"']))
        if r.random() < 0.1: a.append("Comment=hi")
        if v2 and r.random() < 0.1: a.append("Discard")
    r.shuffle(a)
    return a

def set_cookie(r):
    name, value = r.choice(NAMES), r.choice(VALUES)
    head = name if r.random() < 0.05 else f"{name}={value}"
    return "; ".join([head] + attrs(r, False))

def set_cookie2(r):
    cookies = []
    for _ in range(r.choice([1, 1, 2])):
        v = r.choice(VALUES)
        v = v if re.fullmatch(r"\w+", v) else '"' + v.replace('"', '\\"') + '"'
        cookies.append("; ".join([f"{r.choice(NAMES)}={v}"] + attrs(r, True)))
    return ", ".join(cookies)

SWITCHES = {
    "strict_domain": [True], "strict_ns_unverifiable": [True], "strict_rfc2965_unverifiable": [False],
    "strict_ns_domain": [1, 2, 3, 4, 7], "strict_ns_set_initial_dollar": [True], "strict_ns_set_path": [True],
    "rfc2109_as_netscape": [True, False], "blocked_domains": [[".example.com"], ["example.org"]],
    "allowed_domains": [[".example.com", "example.com"]], "secure_protocols": [["https", "http"]],
}

def scenario(r, i, mode):
    pol = {"mode": mode}
    for k in r.sample(sorted(SWITCHES), r.choice([0, 0, 1, 2])):
        pol[k] = r.choice(SWITCHES[k])
    steps = []
    for _ in range(r.randint(2, 8)):
        x = r.random()
        if x < 0.45:
            st = {"op": "response", "url": rand_url(r),
                  "set_cookie": [set_cookie(r) for _ in range(r.choice([1, 1, 2, 3]))],
                  "set_cookie2": [set_cookie2(r)] if mode == "rfc2965" and r.random() < 0.5 else []}
        elif x < 0.9:
            st = {"op": "request", "url": rand_url(r)}
        else:
            st = {"op": "advance", "seconds": r.choice([5, 50, 200])}
        if st["op"] != "advance" and r.random() < 0.1:
            st["request_host"] = r.choice(["www.news.test", "example.com"])
            st["unverifiable"] = True
        steps.append(st)
    steps.append({"op": "request", "url": rand_url(r)})
    return {"id": f"{mode}-{i}", "policy": pol, "start": START, "steps": steps}

# --- classification --------------------------------------------------------

def map_lines(sc, f):
    sc = json.loads(json.dumps(sc))
    for st in sc["steps"]:
        if st["op"] == "response":
            st["set_cookie"] = [l for l in (f(x) for x in st["set_cookie"]) if l is not None]
            st["set_cookie2"] = [l for l in (f(x) for x in st.get("set_cookie2", [])) if l is not None]
    return sc

def drop_attr(pattern):
    rx = re.compile(r";\s*" + pattern + r"(?=;|,|$)", re.I)
    return lambda sc: map_lines(sc, lambda l: rx.sub("", l))

def is_ip(host):
    return re.fullmatch(r"[\d.]+", host) is not None

def no_domain_on_ip(sc):
    sc = json.loads(json.dumps(sc))
    for st in sc["steps"]:
        if st["op"] == "response" and is_ip(urllib.parse.urlsplit(st["url"]).hostname or ""):
            st["set_cookie"] = [re.sub(r";\s*Domain=[^;]*", "", l) for l in st["set_cookie"]]
    return sc

def _no_expires_in_v2(sc):
    sc = json.loads(json.dumps(sc))
    for st in sc["steps"]:
        if st["op"] == "response":
            st["set_cookie2"] = [re.sub(r";\s*Expires=[^;]*?(?=;|, [$\w]+=|$)", "", l, flags=re.I) for l in st.get("set_cookie2", [])]
    return sc

EXPIRED = re.compile(r"Max-Age=(0|-1)\b|Expires=[^;]*2021", re.I)

# (category, transform that removes the trigger); the first that makes the
# two agree names the disagreement. The letters are the script's own; each case is in
# the deviations listed in `DefaultCookiePolicy::client_cookie`'s docs.
DEVIATIONS = [
    ("(c) invalid Max-Age drops only the attribute", drop_attr(r"Max-Age=soon")),
    ("(g) Secure= (empty) is secure", drop_attr(r"secure=")),
    ("(h) version 1 values are quoted", lambda sc: map_lines(sc, lambda l: re.sub(r'=(x y|v;w|"q"|"x y"|"v;w"|"\\"q\\"")', "=x", l))),
    ("(i) request port of https is 443", drop_attr(r'Port(="[^"]*")?')),
    ("(e) IP hosts and Domain", no_domain_on_ip),
    ("(d) one bad cookie never drops the others (Python raises on a Set-Cookie2 Expires)",
     lambda sc: _no_expires_in_v2(sc)),
    ("(a/b) deletions in header order, after the policy", lambda sc: map_lines(sc, lambda l: None if EXPIRED.search(l) else l)),
]

def cookies_of(header):
    # Without `$Version`, which leads the header when the first cookie sent
    # has version 1: which cookie comes first is the order difference.
    return sorted(p for p in header.split("; ") if p and not p.startswith("$Version="))

def same_cookies(py, rs):
    return py == rs or all(cookies_of(a) == cookies_of(b) for a, b in zip(py, rs))

def classify(sc, py, rs, binary):
    if same_cookies(py, rs):
        return "(order) equal path lengths go by creation (decision 4), Python by its dict"
    # One trigger removed at a time, then several together.
    applicable = [(n, t) for n, t in DEVIATIONS if t(sc) != sc]
    for name, transform in applicable:
        t = transform(sc)
        if same_cookies(python_replay(t), rust_replay(binary, [t])[0]):
            return name
    for k in range(2, len(applicable) + 1):
        import itertools
        for combo in itertools.combinations(applicable, k):
            t = sc
            for _, transform in combo:
                t = transform(t)
            if same_cookies(python_replay(t), rust_replay(binary, [t])[0]):
                return "several at once: " + " + ".join(n.split(")")[0] + ")" for n, _ in combo)
    return None

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--bin", default="target/release/cookiejar")
    ap.add_argument("--keep")
    a = ap.parse_args()
    if not os.path.exists(a.bin):
        sys.exit(f"{a.bin} not found: run `cargo build --release --features cli` first")
    r = random.Random(a.seed)
    failed = 0
    for mode in ("netscape", "rfc2965"):
        scs = [scenario(r, i, mode) for i in range(a.count)]
        rs_all = rust_replay(a.bin, scs)
        agree, cats, examples = 0, {}, {}
        for sc, rs in zip(scs, rs_all):
            py = python_replay(sc)
            if py == rs:
                agree += 1
                continue
            cat = classify(sc, py, rs, a.bin) or "UNEXPLAINED"
            cats[cat] = cats.get(cat, 0) + 1
            examples.setdefault(cat, (sc, py, rs))
            if a.keep:
                os.makedirs(a.keep, exist_ok=True)
                with open(os.path.join(a.keep, sc["id"] + ".json"), "w") as f:
                    json.dump(sc, f, indent=1)
        print(f"{mode}: {len(scs)} scenarios, {agree} identical Cookie headers ({100 * agree / len(scs):.1f}%)")
        for cat, n in sorted(cats.items(), key=lambda x: -x[1]):
            print(f"  {n:5d}  {cat}")
        for cat, (sc, py, rs) in examples.items():
            if cat == "UNEXPLAINED":
                print("  example:", json.dumps(sc))
                print("    python:", py)
                print("    rust:  ", rs)
        failed += cats.get("UNEXPLAINED", 0)
    total = 2 * a.count
    print(f"differential: {total - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)

if __name__ == "__main__":
    import urllib.parse
    main()
