#!/usr/bin/env python3
"""Writes tests/data/safari/Cookies.binarycookies: Safari's cookie file
(the layout of interstateone/BinaryCookies' documentation, which reads
and writes real files with full fidelity, and of libyal's dtformats),
with two pages, and checks it with yt-dlp's reader of the format when
yt-dlp is importable (PYTHONPATH=/path/to/yt-dlp), so that the fixture
is what another reader reads.

    python3 scripts/make_safari_fixtures.py

Layout: "cook", page count and page sizes (big-endian), the pages, a
checksum (big-endian: the sum of every fourth byte of each page), the
footer 07 17 20 05 00 00 00 4b and a binary property list. A page:
00 00 01 00, the cookie count and offsets (little-endian), 00 00 00 00,
the cookies. A cookie (little-endian): size, version, flags (1 secure,
4 http-only), has-port, offsets of the URL (domain), name, path, value,
comment and comment URL (0: none), expiry and creation (doubles,
seconds since 2001-01-01 UTC), the port (2 bytes, if it has one), then
the strings, each ending in NUL.
"""

import os
import plistlib
import struct
import sys

OUT = os.path.join("tests", "data", "safari")
MAC_EPOCH = 978307200  # 2001-01-01T00:00:00Z in Unix seconds
CREATED = 1767225600.5  # 2026-01-01T00:00:00.5Z
EXPIRES = 1893456000  # 2030-01-01T00:00:00Z


def cookie(domain, name, path, value, flags=0, version=0, port=None, comment=None,
           comment_url=None, expires=EXPIRES, created=CREATED):
    strings = []
    head = 56 + (2 if port is not None else 0)
    offset = head

    def add(text):
        nonlocal offset
        if text is None:
            return 0
        at = offset
        data = text.encode() + b"\0"
        strings.append(data)
        offset += len(data)
        return at

    comment_at = add(comment)
    comment_url_at = add(comment_url)
    url_at = add(domain)
    name_at = add(name)
    path_at = add(path)
    value_at = add(value)
    size = offset
    record = struct.pack(
        "<IIIIIIIIII dd", size, version, flags, 1 if port is not None else 0,
        url_at, name_at, path_at, value_at, comment_at, comment_url_at,
        expires - MAC_EPOCH, created - MAC_EPOCH)
    if port is not None:
        record += struct.pack("<H", port)
    return record + b"".join(strings)


def page(cookies):
    head = 4 + 4 + 4 * len(cookies) + 4
    offsets, at = [], head
    for c in cookies:
        offsets.append(at)
        at += len(c)
    return (b"\x00\x00\x01\x00" + struct.pack("<I", len(cookies))
            + b"".join(struct.pack("<I", o) for o in offsets) + b"\x00\x00\x00\x00"
            + b"".join(cookies))


def binarycookies(pages):
    body = b"".join(pages)
    checksum = sum(sum(p[i] for i in range(0, len(p), 4)) for p in pages) & 0xFFFFFFFF
    meta = plistlib.dumps({"NSHTTPCookieAcceptPolicy": 2}, fmt=plistlib.FMT_BINARY)
    return (b"cook" + struct.pack(">I", len(pages))
            + b"".join(struct.pack(">I", len(p)) for p in pages)
            + body + struct.pack(">I", checksum) + bytes.fromhex("071720050000004b") + meta)


COOKIES = [
    [
        cookie(".example.com", "sid", "/", "abc", flags=5),
        cookie("www.example.com", "pref", "/app", "dark"),
        cookie("www.example.com", "v1", "/", "1", version=1, port=8080,
               comment="a comment", comment_url="http://www.example.com/c"),
    ],
    [
        cookie("localhost", "odd", "/", "1", flags=8 | 16),
        cookie("www.example.com", "", "/", "nameless"),
        cookie("www.example.com", "old", "/", "1", expires=CREATED - 0.5),
    ],
]


def main():
    os.makedirs(OUT, exist_ok=True)
    data = binarycookies([page(p) for p in COOKIES])
    with open(os.path.join(OUT, "Cookies.binarycookies"), "wb") as f:
        f.write(data)
    try:
        from yt_dlp.cookies import parse_safari_cookies
    except ImportError:
        print("yt-dlp not importable: fixture written, not cross-checked", file=sys.stderr)
        return
    jar = parse_safari_cookies(data)
    seen = sorted((c.domain, c.name, c.path, c.value, c.secure, c.expires) for c in jar)
    want = sorted([
        (".example.com", "sid", "/", "abc", True, EXPIRES),
        ("www.example.com", "pref", "/app", "dark", False, EXPIRES),
        ("www.example.com", "v1", "/", "1", False, EXPIRES),
        ("localhost", "odd", "/", "1", False, EXPIRES),
        ("www.example.com", "", "/", "nameless", False, EXPIRES),
        ("www.example.com", "old", "/", "1", False, int(CREATED - 0.5)),
    ])
    assert seen == want, seen
    print("yt-dlp reads the fixture as written (%d cookies)" % len(seen))


if __name__ == "__main__":
    main()
