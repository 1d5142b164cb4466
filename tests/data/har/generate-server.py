import json, ssl, sys, threading, time
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

EXP = "Wed, 01 Sep 2027 12:00:00 GMT"
# (host, path) -> (status, [Set-Cookie values], extra headers, body)
ROUTES = {
 ("www.example.test", "/"): (200, [
   "sess=s1",
   "maxage=m1; Max-Age=86400",
   "dom=d1; Domain=example.test; Path=/",
   "lax=l1; SameSite=Lax",
   "strict=t1; SameSite=Strict",
   "ho=h1; HttpOnly",
   "bad_secure=x; Secure",
   "bad_domain=x; Domain=other.org",
 ], {}, "root"),
 ("www.example.test", "/sub/page"): (200, [
   "pathc=p1; Path=/sub",
   "expires=e1; Expires=" + EXP,
 ], {}, "sub page"),
 ("www.example.test", "/redirect"): (302, [
   "redir=r1; Path=/; Max-Age=3600",
 ], {"Location": "/landing"}, "redirecting"),
 ("www.example.test", "/landing"): (200, [
   "landed=1",
 ], {}, "landing"),
 ("www.example.test", "/secure"): (200, [
   "sec=s1; Secure; HttpOnly",
   "none=n1; SameSite=None; Secure",
   "__Host-h=1; Secure; Path=/",
   "__Secure-s=1; Secure; Domain=example.test; Path=/",
 ], {}, "secure"),
 ("example.test", "/"): (200, [
   "apex=a1",
   "dom=d2; Domain=.example.test; Path=/",
 ], {}, "apex"),
 ("other.example.test", "/"): (200, [
   "other=o1; Domain=example.test; Max-Age=3600",
   "bad_sibling=x; Domain=www.example.test",
 ], {}, "other"),
 ("www.example.test", "/embed"): (200, [], {},
   '<!doctype html><img id=a src="https://shop.example.org/pixel-none">'
   '<img id=b src="https://shop.example.org/pixel-lax">'),
 ("shop.example.org", "/pixel-none"): (200, [
   "tp_none=1; SameSite=None; Secure; Path=/",
 ], {"Content-Type": "image/gif"}, None),
 ("shop.example.org", "/pixel-lax"): (200, [
   "tp_lax=1; SameSite=Lax; Secure; Path=/",
 ], {"Content-Type": "image/gif"}, None),
 ("www.example.test", "/update"): (200, [
   "sess=s2",
   "maxage=m2; Max-Age=7200",
   "ho=; Max-Age=0",
 ], {}, "update"),
 ("shop.example.org", "/"): (200, [
   "shop_first=1; Path=/",
 ], {}, "shop"),
 ("www.example.test", "/delete"): (200, [
   "lax=; Max-Age=0",
   "strict=; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
 ], {}, "delete"),
}
GIF = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")
LOG = open(sys.argv[1], "a")
lock = threading.Lock()

class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        host = (self.headers.get("Host") or "").split(":")[0]
        path = self.path.split("?")[0]
        scheme = "https" if isinstance(self.connection, ssl.SSLSocket) else "http"
        with lock:
            LOG.write(json.dumps({"t": time.time(), "url": f"{scheme}://{host}{self.path}",
                                  "cookie_header": self.headers.get("Cookie")}) + "\n"); LOG.flush()
        r = ROUTES.get((host, path))
        if r is None:
            status, cookies, extra, body = (404 if path == "/favicon.ico" else 200), [], {}, "ok " + path
        else:
            status, cookies, extra, body = r
        data = GIF if body is None else body.encode()
        self.send_response(status)
        self.send_header("Content-Type", extra.get("Content-Type", "text/html"))
        for k, v in extra.items():
            if k != "Content-Type": self.send_header(k, v)
        for c in cookies: self.send_header("Set-Cookie", c)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def log_message(self, *a): pass

def serve(port, tls):
    s = ThreadingHTTPServer(("127.0.0.1", port), H)
    if tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); ctx.load_cert_chain("cert.pem", "key.pem")
        s.socket = ctx.wrap_socket(s.socket, server_side=True)
    s.serve_forever()

threading.Thread(target=serve, args=(80, False), daemon=True).start()
serve(443, True)
