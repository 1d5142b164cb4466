#!/usr/bin/env python3
"""Checks that cookiejar's LWP and Mozilla cookie files agree with Python's
http.cookiejar (LWPCookieJar, MozillaCookieJar), both ways.

Usage (standard library only):

    cargo build --examples
    python3 scripts/python_interop.py [--bin PATH] [--keep DIR] [-v]

The Rust side is the `interop` example (target/debug/examples/interop by
default, or $COOKIEJAR_INTEROP_BIN, or --bin). The script

1. builds cookies with http.cookiejar.Cookie(...) (domain and host-only,
   session and persistent, secure, HttpOnly in rest, a nameless cookie,
   version 1 with port and comment, paths, odd values) and saves them with
   LWPCookieJar and MozillaCookieJar;
2. has the Rust side read those files and compares its cookies with
   Python's reading of the same files, field by field;
3. has the Rust side write the files back (and convert LWP to Mozilla),
   loads those in Python and compares with the original cookies;
4. has the Rust side write its own sample cookies, and compares Python's
   reading with the Rust reading, also after Python saved them again;
5. has the Rust side write a cookies.txt file with Python's empty session
   expiries, which Python loads whole without ignore_expires.

Known differences, applied before comparing (see the module docs of
cookiejar::format::lwp and ::mozilla):

- A nameless cookie: Python has name=N, value=None; the Rust side reading
  a Mozilla file has name="", value=N. Both send the Cookie header "N".
- Mozilla files: cookiejar writes session cookies with expiry 0 (curl's
  layout), which Python reads as expires=0 (loaded here with
  ignore_expires=True); 0 is compared as a session cookie. Mozilla files
  have no version: Python says 0, cookiejar None.
- HttpOnly, SameSite and Partitioned are attributes in Python's rest and
  fields in cookiejar; cookiejar's own extension attributes (x-created,
  x-accessed, ...) are in Python's rest and not compared.
- A port_specified flag without a port (Python's Cookie refuses one)
  is written as x-port-spec, which Python keeps in its rest; it is
  compared as port_specified.

Prints one PASS/FAIL line per check and a summary line; exits 0 when all
checks pass, 1 when one fails, 2 when the Rust binary is missing.
"""

import argparse
import http.cookiejar as cj
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_BIN = os.path.join(ROOT, "target", "debug", "examples", "interop")

VERBOSE = False


def mk(name, value, domain, *, version=0, port=None, port_specified=False,
       path="/", path_specified=True, secure=False, expires=None,
       discard=None, comment=None, comment_url=None, rest=None):
    """An http.cookiejar.Cookie, with the domain flags derived the way
    CookieJar.make_cookies derives them."""
    domain_specified = domain.startswith(".")
    return cj.Cookie(
        version, name, value, port, port_specified, domain,
        domain_specified, domain_specified, path, path_specified, secure,
        expires, expires is None if discard is None else discard, comment,
        comment_url, rest or {})


def python_cookies():
    return [
        mk("lang", "en", ".example.com", expires=2000000000),
        mk("sid", "abc123", "shop.example.com", secure=True,
           rest={"HTTPOnly": ""}),
        mk("srv", "1", "shop.example.com", path="/cart", expires=2000000000,
           rest={"HttpOnly": None, "SameSite": "Lax"}),
        mk("tracker", None, "www.example.com", expires=2000000000),
        mk("spam", "eggs", ".example.org", version=1, port="80,8080",
           port_specified=True, path="/app/", secure=True,
           expires=2100000000, comment="a comment",
           comment_url="http://example.org/why", discard=False,
           rest={"Priority": "High"}),
        mk("quoted", 'a "b"; c, d = e', "example.net",
           path="/some/path", path_specified=False, expires=2000000000),
        mk("session", "s", "example.net", path="/"),
        mk("unicode", "h\u00e9llo w\u00f6rld", "example.net", path="/\u00fc",
           expires=2000000000),
        mk("tab", "a\tb", ".example.net", expires=2000000000),
    ]


def norm_rest(rest):
    """Splits Python's rest into (httponly, samesite, partitioned, others),
    dropping cookiejar's extension attributes."""
    others = {}
    httponly = samesite = partitioned = False
    for k, v in rest.items():
        lk = k.lower()
        if lk == "httponly":
            httponly = True
        elif lk == "samesite":
            samesite = (v or "").lower()
        elif lk == "partitioned":
            partitioned = True
        elif lk.startswith("x-"):
            continue
        else:
            others[k] = v
    return httponly, samesite or None, partitioned, others


def py_view(c, fmt):
    """The fields of a Python cookie, normalized for comparison."""
    httponly, samesite, partitioned, rest = norm_rest(c._rest)
    expires, discard, version = c.expires, c.discard, c.version
    if fmt == "mozilla":
        if expires == 0:
            expires, discard = None, True
        version = version or 0
    return dict(
        name=c.name, value=c.value, domain=c.domain,
        domain_specified=c.domain_specified,
        domain_initial_dot=c.domain_initial_dot, path=c.path,
        path_specified=c.path_specified, secure=bool(c.secure),
        expires=expires, discard=bool(discard), version=version,
        port=c.port,
        # A port_specified flag without a port, which Python's Cookie
        # refuses, travels in its rest as x-port-spec.
        port_specified=bool(c.port_specified)
        or any(k.lower() == "x-port-spec" for k in c._rest),
        comment=c.comment, comment_url=c.comment_url, httponly=httponly,
        samesite=samesite, partitioned=partitioned, rest=rest)


def rs_view(d, fmt, times=False):
    """The fields of a cookie dumped by the Rust side, in Python's model
    (with `times`, also the creation time, which only LWP files keep)."""
    if d["value_absent"]:
        name, value = d["name"], None
    elif d["name"] == "":
        name, value = d["value"], None
    else:
        name, value = d["name"], d["value"]
    version = d["version"]
    if fmt == "mozilla":
        version = version or 0
    samesite = None if d["same_site"] == "default" else d["same_site"]
    return dict(
        name=name, value=value,
        domain=d["domain"] if d["host_only"] else "." + d["domain"],
        domain_specified=not d["host_only"],
        domain_initial_dot=d["domain_initial_dot"], path=d["path"],
        path_specified=d["path_specified"], secure=d["secure"],
        expires=d["expires"], discard=d["discard"], version=version,
        port=d["port"], port_specified=d["port_specified"],
        comment=d["comment"], comment_url=d["comment_url"],
        httponly=d["http_only"], samesite=samesite,
        partitioned=d["partitioned"], rest=dict(d["other"]),
        **({"creation": d["creation"]} if times else {}))


def key(v):
    return (v["domain"], v["path"], v["name"])


class Checker:
    def __init__(self, binary, tmp):
        self.binary = binary
        self.tmp = tmp
        self.results = []

    def path(self, name):
        return os.path.join(self.tmp, name)

    def rust(self, *args):
        proc = subprocess.run([self.binary, *args], capture_output=True,
                              text=True, encoding="utf-8")
        if proc.returncode != 0:
            raise RuntimeError("interop %s failed: %s"
                               % (" ".join(args), proc.stderr.strip()))
        if proc.stderr and VERBOSE:
            print(proc.stderr, end="")
        return proc.stdout

    def rust_read(self, fmt, path, times=False):
        out = self.rust("dump", fmt, path)
        return [rs_view(json.loads(line), fmt, times)
                for line in out.splitlines()]

    @staticmethod
    def py_read(fmt, path):
        jar = cj.LWPCookieJar() if fmt == "lwp" else cj.MozillaCookieJar()
        jar.load(path, ignore_discard=True, ignore_expires=True)
        return [py_view(c, fmt) for c in jar]

    @staticmethod
    def py_write(fmt, cookies, path):
        jar = cj.LWPCookieJar() if fmt == "lwp" else cj.MozillaCookieJar()
        for c in cookies:
            jar.set_cookie(c)
        jar.save(path, ignore_discard=True, ignore_expires=True)

    def compare(self, name, left, right, left_name, right_name, known=None):
        """Compares two lists of cookie views field by field; `known`
        maps a (cookie key, field) to the reason of an expected difference
        (the field "missing" for a cookie only one side has)."""
        known = known or {}
        problems = []
        notes = []
        lmap = {key(v): v for v in left}
        rmap = {key(v): v for v in right}
        for k in sorted(set(lmap) | set(rmap), key=repr):
            if k not in lmap or k not in rmap:
                line = "%r: only in %s" % (k, right_name if k not in lmap else left_name)
                if (k, "missing") in known:
                    notes.append(line + " (known: %s)" % known[k, "missing"])
                else:
                    problems.append(line)
            else:
                for field in lmap[k]:
                    lv, rv = lmap[k][field], rmap[k][field]
                    if lv == rv:
                        continue
                    line = "%r %s: %s %r, %s %r" % (
                        k, field, left_name, lv, right_name, rv)
                    if (k, field) in known:
                        notes.append(line + " (known: %s)" % known[k, field])
                    else:
                        problems.append(line)
        if len(left) != len(lmap) or len(right) != len(rmap):
            problems.append("duplicate cookie keys")
        self.record(name, problems, notes, len(lmap))

    def check_sends(self, name, jar):
        """Has Python's jar add a Cookie header for a request to each of
        its cookies' domain and path: a cookie Python loaded but cannot
        handle (say, one without a version) raises there."""
        problems = []
        for c in list(jar):
            url = "https://%s%s" % (c.domain.lstrip("."), c.path or "/")
            try:
                jar.add_cookie_header(urllib.request.Request(url))
            except Exception as e:  # noqa: BLE001 - any failure is the finding
                problems.append("%s: %s: %r" % (url, type(e).__name__, e))
        self.record(name, problems, [], len(jar))

    def record(self, name, problems, notes, count):
        ok = not problems
        self.results.append(ok)
        print("%s  %s (%d cookies)" % ("PASS" if ok else "FAIL", name, count))
        for p in problems:
            print("      " + p)
        for n in notes:
            print("      " + n)

    def run(self):
        cookies = python_cookies()
        for fmt, ext in (("lwp", "lwp"), ("mozilla", "txt")):
            py_file = self.path("python." + ext)
            if fmt == "mozilla":
                # Python cannot read back its own Mozilla line for a value
                # with a TAB (cookiejar's lenient mode can).
                cookies = [c for c in cookies if "\t" not in (c.value or "")]
            self.py_write(fmt, cookies, py_file)
            py = self.py_read(fmt, py_file)
            # Python's own reading keeps what the format holds.
            if fmt == "lwp":
                self.compare("python LWP file: Python's reading = the cookies "
                             "built", [py_view(c, fmt) for c in cookies], py,
                             "built", "python")
            self.compare("%s file written by Python: cookiejar reads what "
                         "Python reads" % fmt, py,
                         self.rust_read(fmt, py_file), "python", "cookiejar")
            rs_file = self.path("cookiejar." + ext)
            self.rust("convert", fmt, py_file, fmt, rs_file)
            self.compare("%s file read then written by cookiejar: Python "
                         "reads the same cookies" % fmt, py,
                         self.py_read(fmt, rs_file), "before", "after")
            self.compare("%s file read then written by cookiejar: cookiejar "
                         "reads the same cookies" % fmt,
                         self.rust_read(fmt, py_file),
                         self.rust_read(fmt, rs_file), "before", "after")
        # LWP -> Mozilla: cookiejar's conversion = Python's conversion.
        lwp = self.path("python-no-tab.lwp")
        self.py_write("lwp", cookies, lwp)
        moz = self.path("from-lwp.txt")
        self.rust("convert", "lwp", lwp, "mozilla", moz)
        # Python's MozillaCookieJar writes #HttpOnly_ only for the rest key
        # spelled "HTTPOnly", not for "HttpOnly" as a server sends it (and
        # as Python itself stores it from a Set-Cookie header).
        known = {}
        for c in cookies:
            if any(k.lower() == "httponly" and k != "HTTPOnly" for k in c._rest):
                known[(c.domain, c.path, c.name), "httponly"] = (
                    "Python's Mozilla writer only knows the key 'HTTPOnly'")
            # A cookies.txt line has no port field: read back, Python's
            # line would go to every port.
            if c.port_specified:
                known[(c.domain, c.path, c.name), "missing"] = (
                    "cookiejar leaves a cookie limited to ports out of cookies.txt")
        self.compare("LWP converted to Mozilla by cookiejar = by Python",
                     self.py_read("mozilla", self.path("python.txt")),
                     self.py_read("mozilla", moz), "python", "cookiejar",
                     known)
        # Files written by cookiejar from its own cookies.
        for fmt, ext in (("lwp", "lwp"), ("mozilla", "txt")):
            sample = self.path("sample." + ext)
            self.rust("sample", fmt, sample)
            rs = self.rust_read(fmt, sample)
            self.compare("%s file written by cookiejar: Python reads what "
                         "cookiejar reads" % fmt, rs,
                         self.py_read(fmt, sample), "cookiejar", "python")
            again = self.path("sample-resaved." + ext)
            # (On a jar of its own: sending clears expired cookies.)
            sender = cj.LWPCookieJar() if fmt == "lwp" else cj.MozillaCookieJar()
            sender.load(sample, ignore_discard=True, ignore_expires=True)
            self.check_sends("%s file written by cookiejar: Python can send "
                             "its cookies" % fmt, sender)
            jar = cj.LWPCookieJar() if fmt == "lwp" else cj.MozillaCookieJar()
            jar.load(sample, ignore_discard=True, ignore_expires=True)
            jar.save(again, ignore_discard=True, ignore_expires=True)
            # LWP files keep the creation time (x-created) through Python.
            times = fmt == "lwp"
            self.compare("%s file written by cookiejar, saved again by "
                         "Python: cookiejar reads the same cookies" % fmt,
                         self.rust_read(fmt, sample, times),
                         self.rust_read(fmt, again, times), "before", "after")
        # A cookies.txt file for Python (SaveOptions::for_python()):
        # session expiries empty, as Python writes them, and session
        # cookies kept. Python keeps every cookie with only
        # ignore_discard=True (none of the sample's has expired); with
        # expiry 0 (curl's layout) it drops the session cookies.
        sample = self.path("sample-python.txt")
        self.rust("sample", "mozilla", sample, "python")
        jar = cj.MozillaCookieJar()
        jar.load(sample, ignore_discard=True)
        self.compare("mozilla file written by cookiejar for Python (empty "
                     "session expiry): Python keeps every cookie without "
                     "ignore_expires", self.rust_read("mozilla", sample),
                     [py_view(c, "mozilla") for c in jar], "cookiejar",
                     "python")
        # Cookies that expired (at the epoch, around it, in the years 999
        # and -1), written with the expired ones kept: Python must read
        # each as expired, not as a session cookie (it reads an LWP date
        # before 1970 so) nor one of the far future (it reads the year
        # 999 as 2900).
        for fmt, ext in (("lwp", "lwp"), ("mozilla", "txt")):
            gone = self.path("expired." + ext)
            self.rust("expired", fmt, gone)
            jar = cj.LWPCookieJar() if fmt == "lwp" else cj.MozillaCookieJar()
            jar.load(gone, ignore_discard=True, ignore_expires=True)
            now = time.time()
            problems = ["%s: expires %r" % (c.name, c.expires) for c in jar
                        if c.expires is None or c.expires > now]
            if len(jar) != 5:
                problems.append("read %d cookies of 5" % len(jar))
            jar = cj.LWPCookieJar() if fmt == "lwp" else cj.MozillaCookieJar()
            jar.load(gone, ignore_discard=True)
            problems += ["%s: kept alive" % c.name for c in jar]
            self.record("%s file of expired cookies written by cookiejar: "
                        "Python reads them expired" % fmt, problems, [], 5)
        passed = sum(self.results)
        total = len(self.results)
        print("python interop: %d/%d checks passed (Python %s)" % (
            passed, total, sys.version.split()[0]))
        return passed == total


def main():
    global VERBOSE
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=os.environ.get(
        "COOKIEJAR_INTEROP_BIN", DEFAULT_BIN),
        help="the interop example binary (default: %(default)s)")
    parser.add_argument("--keep", metavar="DIR",
                        help="write the files to DIR and keep them")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="show the Rust side's warnings")
    args = parser.parse_args()
    VERBOSE = args.verbose
    if not (os.path.isfile(args.bin) or os.path.isfile(args.bin + ".exe")):
        print("python interop: SKIPPED: %s not found; run `cargo build "
              "--examples` first" % args.bin)
        return 2
    binary = args.bin if os.path.isfile(args.bin) else args.bin + ".exe"
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
        tmp = args.keep
    else:
        tmp = tempfile.mkdtemp(prefix="cookiejar-interop-")
    try:
        ok = Checker(binary, tmp).run()
    except (RuntimeError, OSError, cj.LoadError) as e:
        print("FAIL  %s" % e)
        print("python interop: FAILED with an error")
        ok = False
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
