#!/usr/bin/env python3
"""Checks cookiejar's WebDriver cookie files (`cookiejar convert --to
webdriver`) against real browsers: each object of a written file, given
to WebDriver's Add Cookie (Selenium's `driver.add_cookie()`) as the
crate's docs say (a host-only cookie without its `domain` key), must make
the browser send the `Cookie` header that `cookiejar query` gives for the
same jar.

Usage (Python 3.11 standard library only; WebDriver is spoken over HTTP
with urllib, no Selenium):

    cargo build --features cli --bin cookiejar   # the script builds nothing
    apt-get install chromium chromium-driver openssl
    python3 scripts/webdriver_interop.py [--bin target/debug/cookiejar]
        [--browser chrome|firefox] [--driver PATH] [--browser-binary PATH]
        [--strict-order] [--as-is] [--keep DIR] [-v]

For Firefox, geckodriver must be on PATH or given with --driver (it builds
with `cargo install geckodriver --root /tmp/gd`, then
`--driver /tmp/gd/bin/geckodriver`), with firefox-esr (or firefox).

Not run by CI. The script

1. writes a jar in this crate's JSON schema (cookies.txt cannot hold
   SameSite), with host-only and domain cookies over hosts under
   example.test, paths / and /sub, session cookies and persistent ones
   (expiries within 400 days of now), Secure, HttpOnly, each SameSite and
   none, __Host- and __Secure- names, an empty value, a value holding `=`
   and a cookie set without `=` (a nameless one); creation times rise in
   file order;
2. converts it with `cookiejar convert IN OUT --to webdriver
   --keep-session`;
3. starts an http and an https server (self-signed certificate made with
   openssl) on 127.0.0.1, which log each request's Cookie header, and the
   driver, with the browser headless, every host name mapped to 127.0.0.1
   and certificate errors ignored, in a fresh profile;
4. for each object of OUT, in order, navigates to a page on a host the
   cookie's domain matches (https for a Secure cookie, http otherwise)
   and POSTs /session/{id}/cookie with {"cookie": object}, the object as
   the file has it but for a host-only cookie's `domain` (one without a
   leading dot), left out: W3C WebDriver's Add Cookie treats a given
   `domain` as a Domain attribute, so only a cookie added without one is
   host-only; a cookie the driver refuses is listed with its error;
5. navigates to each URL of a list covering the cookies (hosts,
   subdomains of host-only cookies' hosts, paths, http and https) and
   compares the Cookie header the browser sent with `cookiejar query OUT
   URL` and `cookiejar query IN URL`, as multisets of name=value pairs,
   and separately the order of the pairs all three hold (the browser
   orders by path length, then creation time, and the cookies were
   created in the file's order).

With --as-is, every object is added as the file has it, `domain`
included: both drivers then make a host-only cookie a domain cookie,
sent to its host's subdomains too (ChromeDriver refuses a `__Host-`
cookie given a domain), as they do with the objects Get All Cookies
returned.

Results at the commit that added this script (Chromium 156 with
ChromeDriver 156; Firefox 153.8 ESR with geckodriver 0.37.1): Chromium
14/14 URLs, in the same order, 0 refused; Firefox 8/14, the six others
all `www.example.test` URLs, whose only difference is the nameless
cookie, which geckodriver refuses ("invalid characters in the name").
With --as-is: 3/14 in both, every mismatch a host-only cookie widened.

Prints the refused cookies, one OK/MISMATCH line per URL (order: same or
DIFFERS), and `N/M URLs match`; exits 1 on a mismatch (with
--strict-order, also on an order difference), 2 when the setup fails.
"""

import argparse
import datetime
import http.server
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_BIN = os.path.join(ROOT, "target", "debug", "cookiejar")

VERBOSE = False

# Every host name the browser is asked for (Firefox needs them listed).
HOSTS = ["example.test", "www.example.test", "secure.example.test",
         "other.example.test", "a.www.example.test",
         "x.secure.example.test"]

# Paths (and schemes) of the URLs compared after the cookies are added.
CHECKS = [
    ("http", "www.example.test", "/"),
    ("http", "www.example.test", "/sub"),
    ("http", "www.example.test", "/sub/page"),
    ("http", "www.example.test", "/subway"),
    ("http", "example.test", "/"),
    ("http", "example.test", "/sub/x"),
    ("http", "other.example.test", "/sub/"),
    ("http", "a.www.example.test", "/sub/page"),
    ("https", "www.example.test", "/"),
    ("https", "www.example.test", "/sub/page"),
    ("https", "secure.example.test", "/"),
    ("https", "x.secure.example.test", "/"),
    ("https", "example.test", "/sub/x"),
    ("https", "other.example.test", "/"),
]


def log(*args):
    if VERBOSE:
        print(*args, file=sys.stderr, flush=True)


def iso(t):
    return datetime.datetime.fromtimestamp(
        t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def jar_cookies(now):
    """The input jar: (name, value, domain, host_only, path, expires in
    seconds from now or None, secure, http_only, same_site)."""
    day = 86400
    rows = [
        ("host_session", "a1", "www.example.test", True, "/", None,
         False, False, "default"),
        ("host_persist", "b2", "www.example.test", True, "/", 30 * day,
         False, False, "lax"),
        ("dom_long", "c3", "example.test", False, "/", 399 * day,
         False, False, "default"),
        ("dom_session", "d4", "example.test", False, "/", None,
         False, False, "strict"),
        ("host_sub", "e5", "www.example.test", True, "/sub", 3600,
         False, False, "default"),
        ("dom_sub", "f6", "example.test", False, "/sub", None,
         False, True, "lax"),
        ("http_only", "g7", "www.example.test", True, "/", 7 * day,
         False, True, "strict"),
        ("apex_host", "h8", "example.test", True, "/", 100 * day,
         False, False, "default"),
        ("sec_host", "i9", "secure.example.test", True, "/", 200 * day,
         True, False, "none"),
        ("sec_dom", "j10", "example.test", False, "/", None,
         True, True, "strict"),
        ("__Host-id", "k11", "secure.example.test", True, "/", 10 * day,
         True, True, "lax"),
        ("__Secure-dom", "l12", "example.test", False, "/sub", 300 * day,
         True, False, "none"),
        ("empty_val", "", "www.example.test", True, "/", None,
         False, False, "default"),
        ("eq_val", "a=b==c", "example.test", False, "/", 50 * day,
         False, False, "lax"),
        ("sub_none", "m13", "www.example.test", True, "/sub", 20 * day,
         True, False, "none"),
        ("secure_sub_host", "n14", "secure.example.test", True, "/sub",
         None, True, False, "strict"),
    ]
    cookies = []
    for i, (name, value, domain, host_only, path, ttl, secure, http_only,
            same_site) in enumerate(rows):
        cookies.append({
            "name": name, "value": value, "domain": domain,
            "host_only": host_only, "path": path,
            "expires": None if ttl is None else iso(now + ttl),
            # Rising creation times, so that the jar orders cookies of a
            # path length as the browser orders them: in the add order.
            "creation": iso(now - 3600 + i),
            "last_access": iso(now - 3600 + i),
            "secure": secure, "http_only": http_only,
            "same_site": same_site,
        })
    # Set with a bare `bare_token` (no `=`): the browser keeps a nameless
    # cookie whose value is the token, and sends the token alone.
    cookies.append({
        "name": "bare_token", "value": "", "value_absent": True,
        "domain": "www.example.test", "host_only": True, "path": "/",
        "expires": iso(now + 5 * 86400),
        "creation": iso(now - 3600 + len(rows)),
        "last_access": iso(now - 3600 + len(rows)),
    })
    return {"format": "cookiejar", "version": 1, "cookies": cookies}


# --- the servers -----------------------------------------------------------

class Recorder:
    """The requests the servers saw: (scheme, Host header, path with
    query, Cookie header or None)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []

    def add(self, entry):
        with self.lock:
            self.requests.append(entry)

    def find(self, nonce):
        with self.lock:
            return [r for r in self.requests if ("n=%s" % nonce) in r[2]]


def make_server(recorder, scheme, context=None):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self):
            recorder.add((scheme, self.headers.get("Host"), self.path,
                          self.headers.get("Cookie")))
            body = b"<!doctype html><title>ok</title><p>ok</p>"
            self.send_response(200 if self.path != "/favicon.ico" else 404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def make_cert(tmp):
    cert, key = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
         "-keyout", key, "-out", cert, "-days", "2", "-subj",
         "/CN=example.test", "-addext",
         "subjectAltName=DNS:example.test,DNS:*.example.test,"
         "DNS:*.www.example.test,DNS:*.secure.example.test"],
        check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


# --- WebDriver -------------------------------------------------------------

class WebDriverError(Exception):
    def __init__(self, status, value):
        self.status = status
        self.value = value
        if isinstance(value, dict):
            text = "%s: %s" % (value.get("error"),
                               (value.get("message") or "").split("\n")[0])
        else:
            text = str(value)
        super().__init__("HTTP %s %s" % (status, text))


class Driver:
    def __init__(self, base):
        self.base = base
        self.session = None

    def call(self, method, path, body=None, timeout=60):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            self.base + path, data=data, method=method,
            headers={"Content-Type": "application/json; charset=utf-8"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return json.loads(resp.read() or b"{}").get("value")
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                value = json.loads(raw).get("value")
            except ValueError:
                value = raw.decode("utf-8", "replace")
            raise WebDriverError(e.code, value) from None

    def s(self, method, path, body=None):
        return self.call(method, "/session/%s%s" % (self.session, path),
                         body)

    def start(self, capabilities):
        value = self.call("POST", "/session",
                          {"capabilities": {"alwaysMatch": capabilities}},
                          timeout=120)
        self.session = value["sessionId"]
        return value.get("capabilities", {})

    def go(self, url):
        self.s("POST", "/url", {"url": url})

    def add_cookie(self, cookie):
        self.s("POST", "/cookie", {"cookie": cookie})

    def quit(self):
        if self.session:
            try:
                self.call("DELETE", "/session/%s" % self.session, timeout=30)
            except (OSError, WebDriverError):
                pass
            self.session = None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_driver(args, tmp):
    port = free_port()
    if args.browser == "chrome":
        exe = args.driver or shutil.which("chromedriver")
        cmd = [exe, "--port=%d" % port]
    else:
        exe = (args.driver or shutil.which("geckodriver")
               or "/tmp/gd/bin/geckodriver")
        cmd = [exe, "--port", str(port), "--host", "127.0.0.1"]
    if not exe or not os.path.exists(exe):
        raise RuntimeError("no %s driver (give --driver)" % args.browser)
    out = open(os.path.join(tmp, "driver.log"), "wb")
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    driver = Driver("http://127.0.0.1:%d" % port)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            if driver.call("GET", "/status", timeout=5).get("ready"):
                return proc, driver
        except (OSError, WebDriverError, ValueError):
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("%s did not start; see its log" % exe)


def capabilities(args, tmp):
    if args.browser == "chrome":
        opts = {"args": [
            "--headless=new", "--no-sandbox", "--disable-gpu",
            "--host-resolver-rules=MAP * 127.0.0.1",
            "--ignore-certificate-errors",
            "--user-data-dir=%s" % os.path.join(tmp, "profile"),
        ]}
        if args.browser_binary:
            opts["binary"] = args.browser_binary
        return {"browserName": "chrome", "acceptInsecureCerts": True,
                "goog:chromeOptions": opts}
    binary = (args.browser_binary or shutil.which("firefox-esr")
              or shutil.which("firefox"))
    profile = os.path.join(tmp, "profile")
    os.makedirs(profile, exist_ok=True)
    return {"browserName": "firefox", "acceptInsecureCerts": True,
            "moz:firefoxOptions": {
                "binary": binary,
                "args": ["-headless", "-profile", profile],
                "prefs": {
                    "network.dns.localDomains": ",".join(HOSTS),
                    "network.dns.disableIPv6": True,
                    "network.proxy.type": 0,
                    "dom.security.https_first": False,
                    "dom.security.https_only_mode": False,
                    "browser.fixup.alternate.enabled": False,
                }}}


# --- comparing -------------------------------------------------------------

def pairs(header):
    return [p for p in (header or "").split("; ") if p != ""]


def main():
    global VERBOSE
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.environ.get("COOKIEJAR", DEFAULT_BIN),
                    help="the cookiejar binary (default %(default)s)")
    ap.add_argument("--browser", choices=["chrome", "firefox"],
                    default="chrome")
    ap.add_argument("--driver", help="chromedriver or geckodriver "
                    "(default: from PATH)")
    ap.add_argument("--browser-binary", help="the browser's executable")
    ap.add_argument("--strict-order", action="store_true",
                    help="fail on an order difference too")
    ap.add_argument("--as-is", action="store_true",
                    help="add each object as the file has it, a host-only "
                    "cookie's domain included (which widens it)")
    ap.add_argument("--keep", metavar="DIR",
                    help="keep the files (jar, converted file, driver log)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    VERBOSE = args.verbose
    binary = os.path.abspath(args.bin)
    if not os.path.exists(binary):
        print("no cookiejar binary at %s: run `cargo build --features cli --bin cookiejar`"
              % binary, file=sys.stderr)
        return 2

    tmp = tempfile.mkdtemp(prefix="cookiejar-wd-")
    servers, proc, driver = [], None, None
    try:
        now = int(time.time())
        in_path = os.path.join(tmp, "jar.json")
        out_path = os.path.join(tmp, "webdriver.json")
        with open(in_path, "w", encoding="utf-8") as f:
            json.dump(jar_cookies(now), f, indent=1)
        subprocess.run([binary, "convert", in_path, out_path, "--to",
                        "webdriver", "--keep-session"], check=True)
        with open(out_path, encoding="utf-8") as f:
            written = json.load(f)

        def query(path, url):
            return subprocess.run([binary, "query", path, url], check=True,
                                  capture_output=True, text=True,
                                  encoding="utf-8").stdout.strip()

        recorder = Recorder()
        http_server = make_server(recorder, "http")
        https_server = make_server(recorder, "https", make_cert(tmp))
        servers = [http_server, https_server]
        ports = {"http": http_server.server_address[1],
                 "https": https_server.server_address[1]}

        def url_of(scheme, host, path):
            return "%s://%s:%d%s" % (scheme, host, ports[scheme], path)

        proc, driver = start_driver(args, tmp)
        caps = driver.start(capabilities(args, tmp))
        print("browser: %s %s" % (caps.get("browserName"),
                                  caps.get("browserVersion")))

        # Adding, each object as the file has it (a host-only cookie
        # without its domain, unless --as-is).
        refused = []
        for cookie in written:
            host = cookie["domain"].lstrip(".")
            secure = cookie.get("secure") or cookie["name"].startswith(
                ("__Secure-", "__Host-"))
            page = url_of("https" if secure else "http", host, "/")
            driver.go(page + "?add")
            sent = cookie
            if not args.as_is and not cookie["domain"].startswith("."):
                sent = {k: v for k, v in cookie.items() if k != "domain"}
            try:
                driver.add_cookie(sent)
                log("added on %s: %s" % (page, json.dumps(sent)))
            except WebDriverError as e:
                refused.append((sent, page, e))
        for cookie, page, e in refused:
            print("REFUSED %s (on %s): %s" % (json.dumps(cookie), page, e))
        if args.verbose:
            try:
                driver.go(url_of("http", "www.example.test", "/?all"))
                log("the driver's cookies on www.example.test:",
                    json.dumps(driver.s("GET", "/cookie")))
            except WebDriverError as e:
                log("GET /cookie: %s" % e)

        # Comparing.
        matched = same_order = 0
        for n, (scheme, host, path) in enumerate(CHECKS):
            url = url_of(scheme, host, path)
            nonce = "%d-%d" % (now, n)
            driver.go(url + ("&" if "?" in url else "?") + "n=" + nonce)
            seen = [r for r in recorder.find(nonce)
                    if r[2].split("?")[0] == path]
            if not seen:
                print("MISMATCH %s: the server saw no request" % url)
                continue
            browser = seen[-1][3] or ""
            ours = query(out_path, url)
            theirs = query(in_path, url)
            same = (sorted(pairs(browser)) == sorted(pairs(ours))
                    == sorted(pairs(theirs)))
            # The order of the pairs all three headers hold.
            common = set(pairs(browser)) & set(pairs(ours)) & set(pairs(theirs))
            ordered = ([p for p in pairs(browser) if p in common]
                       == [p for p in pairs(ours) if p in common]
                       == [p for p in pairs(theirs) if p in common])
            matched += same
            same_order += ordered
            print("%s %s order=%s\n  browser:      %s\n"
                  "  query OUT:    %s\n  query IN:     %s"
                  % ("OK      " if same else "MISMATCH", url,
                     "same" if ordered else "DIFFERS", json.dumps(browser),
                     json.dumps(ours), json.dumps(theirs)))
            if not same:
                b, o, i = (set(pairs(x)) for x in (browser, ours, theirs))
                if b != o:
                    print("  browser only: %s; OUT only: %s"
                          % (sorted(b - o), sorted(o - b)))
                if o != i:
                    print("  OUT only: %s; IN only: %s"
                          % (sorted(o - i), sorted(i - o)))
        total = len(CHECKS)
        print("%d cookies written, %d refused by the driver"
              % (len(written), len(refused)))
        print("%d/%d URLs match (%d/%d in the same order)"
              % (matched, total, same_order, total))
        failed = matched < total or (args.strict_order and same_order < total)
        return 1 if failed else 0
    except (RuntimeError, WebDriverError, OSError,
            subprocess.CalledProcessError) as e:
        print("setup failed: %s" % e, file=sys.stderr)
        return 2
    finally:
        if driver:
            driver.quit()
        if proc:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for server in servers:
            server.shutdown()
            server.server_close()
        if args.keep:
            shutil.copytree(tmp, args.keep, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("profile"))
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
