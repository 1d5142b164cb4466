#!/usr/bin/env python3
"""Converts the vendored WPT cookie cases to scenarios.

Usage (Python 3.11+, standard library only):

    python3 scripts/convert_wpt_cookies.py [--check]

Reads the 11 JSON files in tests/conformance/wpt-cookies-json/ (WPT
`httpCookieTest(cookie, expected, name, defaultPath)` calls, extracted by
the gun project; see that folder's README.md) and writes
tests/conformance/wpt-cookies-scenarios.jsonl: one scenario per case, in
the format of the shared scenario-format.md, one JSON object per line.
With --check it writes nothing and exits 1 when the file on disk differs
from what it would write.

Each case becomes, on a fresh jar:

1. a response to a GET of
   `http://web-platform.test/cookies/resources/cookie.py?set=Q`
   (`https://` for attributes_secure.json, which WPT runs from a
   `.https.html` page), where Q is `encodeURIComponent(JSON.stringify(cookie))`
   as WPT's cookie-test.js builds it. The query changes nothing for the
   jar; it is there so the URL is the one WPT fetches. The response
   carries the case's `cookie` value(s), in order, as `set_cookie`, each
   string exactly as in the JSON file (whitespace, tabs, UTF-8 and the one
   raw LF are kept; json.dumps writes the LF as the escape `\\n`).
   The default-path of that URL is `/cookies/resources`.
2. a request for the Cookie header of
   * `http://web-platform.test/cookies/resources/echo-cookie.html` when
     `defaultPath` is true or missing (WPT reads the cookies in an iframe
     at that URL), or
   * the WPT test page itself when `defaultPath` is false (WPT reads
     `document.cookie` of the page). PAGES below names the page per file.
     The cases with defaultPath=false set Path=/ (attributes_invalid,
     name), a Path under or outside /cookies/attributes (attributes_path:
     /cookies/attributes must match the page, /cookies/attributes/foo,
     /cookies/ATTRIBUTES, /qux, /lol, /dog, /book must not), or
     Path=/cookies/size (size_attributes); the pages chosen satisfy all of
     these, as the real WPT pages do.
   with `expect` = the case's `expected`.

Clock: `start` is 1700000000 (2023-11-14T22:13:20Z) for every case. The
only dates in the cases are in attributes_expires.json: 1980-04-10 and
2007-08-07 must be in the past, 2027-08-07 and 2038-01-01 in the future,
so any clock between 2007-08-07T08:04:19Z and 2027-08-07T08:04:19Z works;
WPT itself ran in 2020-2022 and real time. 1700000000 is also the
scenario format's default start. The 400-day cap on expiry (RFC 6265bis
§5.6.1/§5.6.2) shortens the 2027 and 2038 cookies (and the huge Max-Age
values of size_attributes.json) to start + 400 days, but every case asks
for the Cookie header at `start` itself (no `advance` step), so the cap
cannot change any result.

Ids are `wpt-cookies/<file stem>/<NNN>`, NNN the zero-based index of the
case in its file, zero-padded to three digits. `comment` is the WPT test
name, `tags` is ["wpt-cookies", "<file stem>"]. Keys are written in a fixed
order (id, policy, start, steps, tags, comment; in steps: op, url,
set_cookie, set_cookie2 / op, url, expect), with ensure_ascii=False, so
the output is byte-for-byte reproducible.
"""

import argparse
import json
import os
import sys
from urllib.parse import quote

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC_DIR = os.path.join(ROOT, "tests", "conformance", "wpt-cookies-json")
OUT = os.path.join(ROOT, "tests", "conformance", "wpt-cookies-scenarios.jsonl")

HOST = "web-platform.test"
START = 1700000000

# The 11 files, in output order, with the number of cases each must have
# (from the wpt-cookies-json README) and the WPT page that reads the
# cookies when defaultPath is false.
FILES = {
    "attributes_expires": (5, "/cookies/attributes/expires.html"),
    "attributes_invalid": (26, "/cookies/attributes/invalid.html"),
    "attributes_max_age": (10, "/cookies/attributes/max-age.html"),
    "attributes_path": (21, "/cookies/attributes/path.html"),
    "attributes_secure": (8, "/cookies/attributes/secure.https.html"),
    "attributes_secure_non_secure": (11, "/cookies/attributes/secure-non-secure.html"),
    "encoding_charset": (6, "/cookies/encoding/charset.html"),
    "name": (26, "/cookies/name/name.html"),
    "size_attributes": (14, "/cookies/size/attributes.www.sub.html"),
    "size_name_and_value": (11, "/cookies/size/name-and-value.html"),
    "value": (28, "/cookies/value/value.html"),
}
SECURE_FILES = {"attributes_secure"}
TOTAL = 166
CASE_KEYS = {"cookie", "expected", "name", "defaultPath"}


def encode_uri_component(s: str) -> str:
    """JavaScript's encodeURIComponent (UTF-8, keeps A-Za-z0-9 -_.!~*'())."""
    return quote(s, safe="-_.!~*'()", encoding="utf-8", errors="strict")


def js_json_stringify(value) -> str:
    """JSON.stringify for a string or a list of strings."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def convert_case(stem: str, index: int, case: dict) -> dict:
    unknown = set(case) - CASE_KEYS
    if unknown:
        raise ValueError(f"{stem}[{index}]: unknown keys {sorted(unknown)}")
    cookie = case["cookie"]
    if isinstance(cookie, str):
        set_cookie = [cookie]
    elif isinstance(cookie, list) and all(isinstance(c, str) for c in cookie):
        set_cookie = list(cookie)
    else:
        raise ValueError(f"{stem}[{index}]: cookie is neither a string nor a list of strings")
    expected = case["expected"]
    name = case["name"]
    if not isinstance(expected, str) or not isinstance(name, str):
        raise ValueError(f"{stem}[{index}]: expected and name must be strings")
    default_path = case.get("defaultPath", True)
    if not isinstance(default_path, bool):
        raise ValueError(f"{stem}[{index}]: defaultPath must be a boolean")

    scheme = "https" if stem in SECURE_FILES else "http"
    origin = f"{scheme}://{HOST}"
    set_url = f"{origin}/cookies/resources/cookie.py?set={encode_uri_component(js_json_stringify(cookie))}"
    if default_path:
        read_url = f"{origin}/cookies/resources/echo-cookie.html"
    else:
        read_url = f"{origin}{FILES[stem][1]}"

    return {
        "id": f"wpt-cookies/{stem}/{index:03d}",
        "policy": {"mode": "rfc6265"},
        "start": START,
        "steps": [
            {"op": "response", "url": set_url, "set_cookie": set_cookie, "set_cookie2": []},
            {"op": "request", "url": read_url, "expect": expected},
        ],
        "tags": ["wpt-cookies", stem],
        "comment": name,
    }


def build() -> str:
    lines = []
    for stem, (count, _page) in FILES.items():
        path = os.path.join(SRC_DIR, f"{stem}.json")
        with open(path, "rb") as f:
            cases = json.loads(f.read().decode("utf-8"))
        if not isinstance(cases, list) or len(cases) != count:
            raise ValueError(f"{path}: expected a list of {count} cases")
        for i, case in enumerate(cases):
            scenario = convert_case(stem, i, case)
            lines.append(json.dumps(scenario, ensure_ascii=False))
    present = sorted(n[:-5] for n in os.listdir(SRC_DIR) if n.endswith(".json"))
    if present != sorted(FILES):
        raise ValueError(f"{SRC_DIR}: unexpected set of files {present}")
    if len(lines) != TOTAL:
        raise ValueError(f"{len(lines)} scenarios, expected {TOTAL}")
    return "".join(line + "\n" for line in lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true",
                    help="compare with the file on disk instead of writing it")
    args = ap.parse_args()
    data = build().encode("utf-8")
    if args.check:
        try:
            with open(OUT, "rb") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current != data:
            print(f"{os.path.relpath(OUT, ROOT)} is out of date; run {sys.argv[0]}", file=sys.stderr)
            return 1
        print(f"{os.path.relpath(OUT, ROOT)} is up to date ({TOTAL} scenarios)")
        return 0
    with open(OUT, "wb") as f:
        f.write(data)
    print(f"wrote {os.path.relpath(OUT, ROOT)} ({TOTAL} scenarios)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
