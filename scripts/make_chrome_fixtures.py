#!/usr/bin/env python3
"""Writes the synthetic Chrome cookie databases of tests/data/chrome/ and
what each must read as.

Chromium's own database (chromium156-basic.sqlite, from a real Chromium
156 with --password-store=basic) has only `v10` values under the built-in
key. These databases add what a real Linux profile without a keyring
cannot give: `v11` values under a keyring's password and under the empty
one, macOS's 1,003-iteration key, values stored in the clear, values no
key decrypts, partitioned cookies of each kind, and the older schemas 12
and 9 (no host hash, older column names).

Each database is written with Python's sqlite3 in Chromium's table layout
(the CREATE TABLE statements are Chromium's, schema 24 as Chromium 156
wrote it); values are encrypted with the `cryptography` package as
Chromium's os_crypt does (AES-128-CBC, IV of 16 spaces, PKCS #7, key by
PBKDF2-HMAC-SHA1 with salt "saltysalt"). Beside each database,
NAME.expected.json lists what the reader must give: the cookies read (in
row order), the rows skipped with a word their reason must contain, and
how many were left out as other contexts. The expectations are written
here from the intent of each row, not from the crate's reader.

Run: python3 scripts/make_chrome_fixtures.py (needs `cryptography`).
"""

import hashlib
import json
import os
import sqlite3

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "data", "chrome")
PASSWORD = b"test keyring password"
# 2026-11-30T00:00:00Z, the "now" the tests read these files at.
NOW = 1_795_996_800
EPOCH_DELTA_US = 11_644_473_600_000_000


def chrome_time(unix_seconds):
    return unix_seconds * 1_000_000 + EPOCH_DELTA_US


def key(password, iterations):
    return hashlib.pbkdf2_hmac("sha1", password, b"saltysalt", iterations, 16)


def encrypt(prefix, k, plain):
    padder = padding.PKCS7(128).padder()
    data = padder.update(plain) + padder.finalize()
    enc = Cipher(algorithms.AES(k), modes.CBC(b" " * 16)).encryptor()
    return prefix + enc.update(data) + enc.finalize()


def hashed(host_key, value):
    return hashlib.sha256(host_key.encode()).digest() + value


V24 = (
    "CREATE TABLE cookies(creation_utc INTEGER NOT NULL,host_key TEXT NOT NULL,"
    "top_frame_site_key TEXT NOT NULL,name TEXT NOT NULL,value TEXT NOT NULL,"
    "encrypted_value BLOB NOT NULL,path TEXT NOT NULL,expires_utc INTEGER NOT NULL,"
    "is_secure INTEGER NOT NULL,is_httponly INTEGER NOT NULL,last_access_utc INTEGER NOT NULL,"
    "has_expires INTEGER NOT NULL,is_persistent INTEGER NOT NULL,priority INTEGER NOT NULL,"
    "samesite INTEGER NOT NULL,source_scheme INTEGER NOT NULL,source_port INTEGER NOT NULL,"
    "last_update_utc INTEGER NOT NULL,source_type INTEGER NOT NULL,"
    "has_cross_site_ancestor INTEGER NOT NULL)"
)
V24_INDEX = (
    "CREATE UNIQUE INDEX cookies_unique_index ON cookies(host_key, top_frame_site_key, "
    "has_cross_site_ancestor, name, path, source_scheme, source_port)"
)
# Schema 12 (Chrome 86): no partition, encrypted_value after priority.
V12 = (
    "CREATE TABLE cookies(creation_utc INTEGER NOT NULL,host_key TEXT NOT NULL,"
    "name TEXT NOT NULL,value TEXT NOT NULL,path TEXT NOT NULL,expires_utc INTEGER NOT NULL,"
    "is_secure INTEGER NOT NULL,is_httponly INTEGER NOT NULL,last_access_utc INTEGER NOT NULL,"
    "has_expires INTEGER NOT NULL DEFAULT 1,is_persistent INTEGER NOT NULL DEFAULT 1,"
    "priority INTEGER NOT NULL DEFAULT 1,encrypted_value BLOB DEFAULT '',"
    "samesite INTEGER NOT NULL DEFAULT -1,source_scheme INTEGER NOT NULL DEFAULT 0,"
    "UNIQUE (host_key, name, path))"
)
# Schema 9: secure, httponly, persistent, and firstpartyonly for SameSite.
V9 = (
    "CREATE TABLE cookies (creation_utc INTEGER NOT NULL UNIQUE PRIMARY KEY,"
    "host_key TEXT NOT NULL,name TEXT NOT NULL,value TEXT NOT NULL,path TEXT NOT NULL,"
    "expires_utc INTEGER NOT NULL,secure INTEGER NOT NULL,httponly INTEGER NOT NULL,"
    "last_access_utc INTEGER NOT NULL, has_expires INTEGER NOT NULL DEFAULT 1, "
    "persistent INTEGER NOT NULL DEFAULT 1,priority INTEGER NOT NULL DEFAULT 1,"
    "encrypted_value BLOB DEFAULT '',firstpartyonly INTEGER NOT NULL DEFAULT 0)"
)
META = "CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR)"

LINUX_V10 = key(b"peanuts", 1)
LINUX_V11 = key(PASSWORD, 1)
EMPTY_V11 = key(b"", 1)
MAC_V10 = key(PASSWORD, 1003)
OTHER_V11 = key(b"not the password", 1)


def expect(name, value, host_key, *, path="/", expires=NOW + 86400, secure=False,
           http_only=False, same_site="default", partitioned=False):
    return {
        "name": name,
        "value": value,
        "domain": host_key.lstrip(".").lower(),
        "host_only": not host_key.startswith("."),
        "path": path,
        "expires": expires,
        "secure": secure,
        "http_only": http_only,
        "same_site": same_site,
        "partitioned": partitioned,
    }


def v24():
    rows, cookies, skipped = [], [], []
    left_out = 0
    created = NOW - 3600

    def row(host_key, name, *, value=b"", encrypted=b"", path="/", expires=NOW + 86400,
            persistent=1, secure=0, http_only=0, samesite=-1, top_frame="", xsa=1):
        nonlocal created
        created += 1
        rows.append({
            "creation_utc": chrome_time(created), "host_key": host_key,
            "top_frame_site_key": top_frame, "name": name, "value": value,
            "encrypted_value": encrypted, "path": path,
            "expires_utc": chrome_time(expires) if persistent else 0,
            "is_secure": secure, "is_httponly": http_only,
            "last_access_utc": chrome_time(created), "has_expires": persistent,
            "is_persistent": persistent, "priority": 1, "samesite": samesite,
            "source_scheme": 2 if secure else 1, "source_port": 443 if secure else 80,
            "last_update_utc": chrome_time(created), "source_type": 1,
            "has_cross_site_ancestor": xsa,
        })
        return len(rows)

    def enc(prefix, k, host_key, plain):
        return encrypt(prefix, k, hashed(host_key, plain))

    h = ".example.com"
    row(h, "linux_v10", encrypted=enc(b"v10", LINUX_V10, h, b"ten"))
    cookies.append(expect("linux_v10", "ten", h))
    row(h, "linux_v11", encrypted=enc(b"v11", LINUX_V11, h, b"eleven"), samesite=1)
    cookies.append(expect("linux_v11", "eleven", h, same_site="lax"))
    row(h, "empty_v11", encrypted=enc(b"v11", EMPTY_V11, h, b"empty key"), samesite=2)
    cookies.append(expect("empty_v11", "empty key", h, same_site="strict"))
    h = "www.example.com"
    row(h, "mac_v10", encrypted=enc(b"v10", MAC_V10, h, b"keychain"), secure=1,
        samesite=0, path="/app")
    cookies.append(expect("mac_v10", "keychain", h, secure=True, same_site="none",
                          path="/app"))
    row(h, "plain", value="in the clear", http_only=1)
    cookies.append(expect("plain", "in the clear", h, http_only=True))
    row(h, "utf8", encrypted=enc(b"v10", LINUX_V10, h, "h\u00e9llo \u2713".encode()))
    cookies.append(expect("utf8", "h\u00e9llo \u2713", h))
    row(h, "", encrypted=enc(b"v10", LINUX_V10, h, b"nameless"))
    cookies.append(expect("", "nameless", h))
    row(h, "empty_value", encrypted=enc(b"v10", LINUX_V10, h, b""))
    cookies.append(expect("empty_value", "", h))
    row(h, "session", encrypted=enc(b"v10", LINUX_V10, h, b"s"), persistent=0)
    cookies.append(expect("session", "s", h, expires=None))
    row(h, "extended", encrypted=enc(b"v10", LINUX_V10, h, b"x"), samesite=3)
    cookies.append(expect("extended", "x", h))
    row("[::1]", "ipv6", encrypted=enc(b"v10", LINUX_V10, "[::1]", b"six"))
    cookies.append(expect("ipv6", "six", "[::1]"))
    row("127.0.0.1", "ipv4", value="four")
    cookies.append(expect("ipv4", "four", "127.0.0.1"))
    # Partitioned: its own site's (read), another site's, one with a
    # cross-site frame between, and a twin of linux_v10 (left out).
    h = "shop.example.com"
    row(h, "__Host-chips", encrypted=enc(b"v10", LINUX_V10, h, b"own"), secure=1,
        samesite=0, top_frame="https://example.com", xsa=0)
    cookies.append(expect("__Host-chips", "own", h, secure=True, same_site="none",
                          partitioned=True))
    row("widget.test", "chips_3p", encrypted=enc(b"v10", LINUX_V10, "widget.test", b"3p"),
        secure=1, samesite=0, top_frame="https://example.com", xsa=1)
    left_out += 1
    row(h, "chips_nested", encrypted=enc(b"v10", LINUX_V10, h, b"nested"), secure=1,
        samesite=0, top_frame="https://example.com", xsa=1)
    left_out += 1
    row(".example.com", "linux_v10",
        encrypted=enc(b"v10", LINUX_V10, ".example.com", b"twin"), secure=1,
        samesite=0, top_frame="https://example.com", xsa=0)
    left_out += 1
    # A partition over http is not the cookie's https site's; a top-level
    # site has no port.
    row(h, "chips_http", encrypted=enc(b"v10", LINUX_V10, h, b"h"), secure=1,
        samesite=0, top_frame="http://example.com", xsa=0)
    left_out += 1
    row(h, "chips_port", encrypted=enc(b"v10", LINUX_V10, h, b"p"), secure=1,
        samesite=0, top_frame="https://example.com:8443", xsa=0)
    left_out += 1
    # Expired: read (the tests keep expired cookies) with its expiry.
    row("old.example.com", "expired", value="gone", expires=NOW - 60)
    cookies.append(expect("expired", "gone", "old.example.com", expires=NOW - 60))
    # Rows no key decrypts, or that are no cookie.
    h = "bad.example.com"
    skipped.append((row(h, "wrong_key", encrypted=enc(b"v11", OTHER_V11, h, b"?")),
                    "wrong password"))
    skipped.append((row(h, "app_bound", encrypted=b"v20" + bytes(range(60))), "app-bound"))
    skipped.append((row(h, "windows", encrypted=b"\x01\x00\x00\x00\xd0\x8c\x9d\xdf" + bytes(40)),
                    "Windows"))
    # Encrypted for another host: the hash does not match.
    skipped.append((row(h, "moved", encrypted=enc(b"v10", LINUX_V10, "other.example", b"m")),
                    "no key"))
    skipped.append((row(h, "latin1", value=b"caf\xe9".decode("latin-1").encode("latin-1")),
                    "UTF-8"))
    skipped.append((row("", "nohost", value="v"), "empty host"))
    # Chromium drops a partitioned cookie that is not Secure, and a row
    # with both a value and an encrypted one.
    skipped.append((row("shop.example.com", "chips_insecure", value="i",
                        top_frame="https://example.com", xsa=0), "not Secure"))
    skipped.append((row(h, "both", value="clear",
                        encrypted=enc(b"v10", LINUX_V10, h, b"enc")), "both"))
    return rows, cookies, skipped, left_out


def write(name, schema, index, version, rows, cookies, skipped, left_out):
    path = os.path.join(OUT, name + ".sqlite")
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    if version is not None:
        db.execute(META)
        db.execute("INSERT INTO meta VALUES ('mmap_status', '-1')")
        db.execute("INSERT INTO meta VALUES ('version', ?)", (str(version),))
        db.execute("INSERT INTO meta VALUES ('last_compatible_version', ?)", (str(version),))
    db.execute(schema)
    if index:
        db.execute(index)
    columns = [c[1] for c in db.execute("PRAGMA table_info(cookies)")]
    for r in rows:
        values = []
        for c in columns:
            v = r[c]
            # A value of bytes that are not UTF-8 is stored as TEXT, as
            # Chromium binds a std::string.
            if c == "value" and isinstance(v, bytes):
                v = sqlite3.Binary(v) if v else ""
            values.append(v)
        db.execute(
            f"INSERT INTO cookies ({','.join(columns)}) VALUES ({','.join('?' * len(columns))})",
            values,
        )
    # The non-UTF-8 value as TEXT, as Chromium stores it.
    db.execute("UPDATE cookies SET value = CAST(value AS TEXT) WHERE typeof(value) = 'blob'")
    db.commit()
    db.execute("VACUUM")
    db.close()
    with open(os.path.join(OUT, name + ".expected.json"), "w") as f:
        json.dump({
            "now": NOW,
            "password": PASSWORD.decode(),
            "cookies": cookies,
            "skipped": [{"row": r, "says": says} for r, says in skipped],
            "context_left_out": left_out,
        }, f, indent=1, ensure_ascii=False)
        f.write("\n")


def v12():
    rows, cookies = [], []
    created = NOW - 7200
    for name, value, encrypted, samesite, same_site in [
        ("old_v10", "", encrypt(b"v10", LINUX_V10, b"no hash"), -1, "default"),
        ("old_plain", "clear", b"", 1, "lax"),
        ("old_none", "", encrypt(b"v11", LINUX_V11, b"keyring"), 0, "none"),
    ]:
        created += 1
        rows.append({
            "creation_utc": chrome_time(created), "host_key": ".legacy.example",
            "name": name, "value": value, "path": "/", "expires_utc": chrome_time(NOW + 600),
            "is_secure": 0, "is_httponly": 0, "last_access_utc": chrome_time(created),
            "has_expires": 1, "is_persistent": 1, "priority": 1,
            "encrypted_value": encrypted, "samesite": samesite, "source_scheme": 0,
        })
        plain = {"old_v10": "no hash", "old_none": "keyring"}.get(name, value)
        cookies.append(expect(name, plain, ".legacy.example", expires=NOW + 600,
                              same_site=same_site))
    return rows, cookies


def v9():
    rows, cookies = [], []
    created = NOW - 9000
    for name, fpo, same_site, secure in [
        ("fpo_zero", 0, "default", 0),
        ("fpo_lax", 1, "lax", 1),
        ("fpo_strict", 2, "strict", 0),
    ]:
        created += 1
        rows.append({
            "creation_utc": chrome_time(created), "host_key": "ancient.example",
            "name": name, "value": "", "path": "/", "expires_utc": chrome_time(NOW + 600),
            "secure": secure, "httponly": 1, "last_access_utc": chrome_time(created),
            "has_expires": 1, "persistent": 1, "priority": 1,
            "encrypted_value": encrypt(b"v10", LINUX_V10, name.encode()),
            "firstpartyonly": fpo,
        })
        cookies.append(expect(name, name, "ancient.example", expires=NOW + 600,
                              same_site=same_site, secure=bool(secure), http_only=True))
    # A session cookie of schema 9: persistent 0.
    created += 1
    rows.append({
        "creation_utc": chrome_time(created), "host_key": "ancient.example",
        "name": "fpo_session", "value": "s", "path": "/", "expires_utc": 0,
        "secure": 0, "httponly": 0, "last_access_utc": chrome_time(created),
        "has_expires": 0, "persistent": 0, "priority": 1, "encrypted_value": b"",
        "firstpartyonly": 0,
    })
    cookies.append(expect("fpo_session", "s", "ancient.example", expires=None))
    return rows, cookies


def no_meta():
    """Schema 24's table without its meta table: the version is unknown,
    and a value's host hash is removed where it is there."""
    rows, cookies = [], []
    created = NOW - 100
    h = "nometa.example"
    for name, plain in [("hashed", hashed(h, b"with hash")), ("bare", b"without hash")]:
        created += 1
        rows.append({
            "creation_utc": chrome_time(created), "host_key": h, "top_frame_site_key": "",
            "name": name, "value": "", "encrypted_value": encrypt(b"v10", LINUX_V10, plain),
            "path": "/", "expires_utc": chrome_time(NOW + 600), "is_secure": 0,
            "is_httponly": 0, "last_access_utc": chrome_time(created), "has_expires": 1,
            "is_persistent": 1, "priority": 1, "samesite": -1, "source_scheme": 1,
            "source_port": 80, "last_update_utc": chrome_time(created), "source_type": 1,
            "has_cross_site_ancestor": 1,
        })
    cookies.append(expect("hashed", "with hash", h, expires=NOW + 600))
    cookies.append(expect("bare", "without hash", h, expires=NOW + 600))
    return rows, cookies


def main():
    os.makedirs(OUT, exist_ok=True)
    rows, cookies, skipped, left_out = v24()
    write("synthetic-v24", V24, V24_INDEX, 24, rows, cookies, skipped, left_out)
    rows, cookies = v12()
    write("synthetic-v12", V12, None, 12, rows, cookies, [], 0)
    rows, cookies = v9()
    write("synthetic-v9", V9, None, 9, rows, cookies, [], 0)
    rows, cookies = no_meta()
    write("synthetic-nometa", V24, None, None, rows, cookies, [], 0)


if __name__ == "__main__":
    main()
