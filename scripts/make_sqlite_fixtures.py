#!/usr/bin/env python3
"""Writes the SQLite fixtures of tests/data/sqlite/ and, beside each, what
Python's sqlite3 module (the SQLite library itself) reads from it, as
JSON: the oracle that tests/sqlite_files.rs compares the crate's own
reader with.

Deterministic (seeded); run from the repository root:

    python3 scripts/make_sqlite_fixtures.py

Each `NAME.sqlite` gets `NAME.expected.json`:

    {"sqlite": "3.40.1", "tables": {"t": {"columns": [...],
      "rows": [[rowid, value, ...], ...]}}}

with values as JSON: null, an integer, {"real": x}, {"text": "..."} or
{"blob": "hex"}, and "virtual": the virtual generated columns, which
SQLite computes and the crate reads as NULL. A WAL fixture keeps its `-wal` file, and its JSON has
`"states"`: the tables at each commit, with the log's length then.
"""

import json
import os
import random
import shutil
import sqlite3
import tempfile

OUT = os.path.join("tests", "data", "sqlite")


def value(v):
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return {"real": v}
    if isinstance(v, str):
        return {"text": v}
    return {"blob": bytes(v).hex()}


def dump(con):
    tables = {}
    names = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")]
    for name in names:
        quoted = '"' + name.replace('"', '""') + '"'
        cur = con.execute(f"SELECT * FROM {quoted} LIMIT 0")
        columns = [d[0] for d in cur.description]
        try:
            rows = con.execute(f"SELECT rowid, * FROM {quoted} ORDER BY rowid").fetchall()
        except sqlite3.OperationalError:
            # WITHOUT ROWID: no rowid to read.
            tables[name] = {"columns": columns, "without_rowid": True}
            continue
        entry = {"columns": columns, "rows": [[value(v) for v in r] for r in rows]}
        # Virtual generated columns (hidden 2), which records do not hold
        # and the crate's reader does not compute.
        virtual = [r[1] for r in con.execute(f"PRAGMA table_xinfo({quoted})") if r[6] == 2]
        if virtual:
            entry["virtual"] = virtual
        tables[name] = entry
    return tables


def write_expected(name, data):
    data = {"sqlite": sqlite3.sqlite_version, **data}
    with open(os.path.join(OUT, name + ".expected.json"), "w") as f:
        json.dump(data, f, indent=1, ensure_ascii=False)
        f.write("\n")


def fresh(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def basic():
    """Every storage class and integer width, quoted names, a rowid
    alias, a table key, columns added by ALTER TABLE, a WITHOUT ROWID
    table."""
    path = os.path.join(OUT, "basic.sqlite")
    fresh(path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA page_size = 1024")
    con.execute("PRAGMA user_version = 42")
    con.execute(
        'CREATE TABLE t (id INTEGER PRIMARY KEY, "odd ""name""" TEXT, [br acket] BLOB, '
        "`back` REAL, n -- a comment, with a comma\n INT, /* another, */ x)")
    ints = [0, 1, -1, 127, 128, -128, -129, 32767, 32768, -32769, 2**23, -2**23 - 1,
            2**31, -2**31 - 1, 2**47, -2**47 - 1, 2**63 - 1, -2**63]
    for i, n in enumerate(ints):
        con.execute("INSERT INTO t (\"odd \"\"name\"\"\", [br acket], back, n, x) VALUES (?, ?, ?, ?, ?)",
                    ("é" * i, bytes(range(i)), n / 3.0, n, None if i % 3 else n))
    con.execute("INSERT INTO t (id, n) VALUES (1000, 5)")
    con.execute("CREATE TABLE keyed (k INTEGER, v TEXT, PRIMARY KEY (k))")
    con.executemany("INSERT INTO keyed VALUES (?, ?)", [(7, "seven"), (3, "three")])
    con.execute("CREATE TABLE nokey (k INTEGER PRIMARY KEY DESC, v)")
    con.executemany("INSERT INTO nokey VALUES (?, ?)", [(7, "seven"), (3, "three")])
    con.execute("CREATE TABLE later (a)")
    con.executemany("INSERT INTO later VALUES (?)", [(1,), (2,)])
    con.execute("ALTER TABLE later ADD COLUMN b INTEGER DEFAULT 5")
    con.execute("ALTER TABLE later ADD COLUMN c TEXT NOT NULL DEFAULT 'x'")
    con.execute("ALTER TABLE later ADD COLUMN d DEFAULT -3")
    con.execute("ALTER TABLE later ADD COLUMN e")
    con.execute("INSERT INTO later VALUES (3, 4, 'y', 0, 'z')")
    # DEFAULTs as SQLite reads them: the column's affinity applied.
    con.execute("CREATE TABLE defaults (a)")
    con.execute("INSERT INTO defaults VALUES (1)")
    for column in ["b REAL DEFAULT 5", "c TEXT DEFAULT 5", "d INTEGER DEFAULT '5'",
                   "e DEFAULT 1.5e1", "f DEFAULT 0x10", "g DEFAULT X'01ff'",
                   "h DEFAULT -'3'", "i TEXT DEFAULT 1.5e1", "j REAL DEFAULT '2'",
                   "k NUMERIC DEFAULT '1.0'", "l DEFAULT 'abc'", "m INTEGER DEFAULT -2.0",
                   "n TEXT DEFAULT -5", "o REAL DEFAULT -1.25", "p VARCHAR(10) DEFAULT 7",
                   "q DEFAULT TRUE", "r DEFAULT +4", "s INT DEFAULT '0x10'",
                   "t DEFAULT -9223372036854775808"]:
        con.execute(f"ALTER TABLE defaults ADD COLUMN {column}")
    # Generated columns: a virtual one is not in the record.
    con.execute("CREATE TABLE generated (a INTEGER, b AS (a * 2) VIRTUAL, c TEXT, "
                "d INTEGER GENERATED ALWAYS AS (a + 1) STORED, e)")
    con.execute("INSERT INTO generated (a, c, e) VALUES (1, 'x', 'y')")
    con.execute("CREATE TABLE norowid (k TEXT PRIMARY KEY, v) WITHOUT ROWID")
    con.execute("INSERT INTO norowid VALUES ('a', 1)")
    con.commit()
    write_expected("basic", {"tables": dump(con)})
    con.close()


def deep():
    """512-byte pages: a B-tree three levels deep (`tall`), payloads that overflow
    into chains of pages, freed pages and cells."""
    path = os.path.join(OUT, "deep.sqlite")
    fresh(path)
    rng = random.Random(6265)
    con = sqlite3.connect(path)
    con.execute("PRAGMA page_size = 512")
    con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, value BLOB)")
    for i in range(160):
        size = rng.choice([0, 10, 200, 400, 470, 480, 490, 1000, 2500])
        con.execute("INSERT INTO t (name, value) VALUES (?, ?)",
                    (f"row{i}" * rng.randint(0, 3), rng.randbytes(size)))
    # One 300-byte row a leaf page: more leaves than a 512-byte interior
    # page can point to, so a third level.
    con.execute("CREATE TABLE tall (v TEXT)")
    con.executemany("INSERT INTO tall VALUES (?)", [(f"{i:03} " * 75,) for i in range(100)])
    con.execute("DELETE FROM t WHERE id % 7 = 0")
    con.execute("UPDATE t SET name = 'updated' WHERE id % 11 = 0")
    con.commit()
    write_expected("deep", {"tables": dump(con)})
    con.close()


def wal_connection(page_size):
    """A connection to a new database in WAL mode that never checkpoints
    on its own, in a fresh folder: (connection, path, folder)."""
    work = tempfile.mkdtemp()
    live = os.path.join(work, "live.sqlite")
    con = sqlite3.connect(live, isolation_level=None)
    con.execute(f"PRAGMA page_size = {page_size}")
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA wal_autocheckpoint = 0")
    return con, live, work


def wal():
    """A database in WAL mode whose log holds three commits, copied while
    the connection is open (a closing connection checkpoints the log into
    the database and removes it)."""
    path = os.path.join(OUT, "wal.sqlite")
    fresh(path)
    con, live, work = wal_connection(1024)
    states = []

    def commit(sql_list):
        con.execute("BEGIN")
        for sql, args in sql_list:
            con.execute(sql, args)
        con.execute("COMMIT")
        states.append({"wal_len": os.path.getsize(live + "-wal"), "tables": dump(con)})

    commit([("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)", ())]
           + [("INSERT INTO t (v) VALUES (?)", (f"first {i}" * 20,)) for i in range(60)])
    commit([("UPDATE t SET v = 'second' WHERE id % 2 = 0", ()),
            ("DELETE FROM t WHERE id > 50", ())])
    commit([("INSERT INTO t (v) VALUES (?)", ("third " * 300,))])
    shutil.copy(live, path)
    shutil.copy(live + "-wal", path + "-wal")
    con.close()
    shutil.rmtree(work)
    write_expected("wal", {"states": states})


def utf16():
    path = os.path.join(OUT, "utf16.sqlite")
    fresh(path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA encoding = 'UTF-16le'")
    con.execute("CREATE TABLE t (v TEXT)")
    con.execute("INSERT INTO t VALUES ('x')")
    con.commit()
    con.close()


# Firefox's moz_cookies, as netwerk/cookie/CookiePersistentStorage.cpp
# creates it at each schema version (PRAGMA user_version).
FIREFOX_V17 = (
    "CREATE TABLE moz_cookies (id INTEGER PRIMARY KEY, originAttributes TEXT NOT NULL DEFAULT '', "
    "name TEXT, value TEXT, host TEXT, path TEXT, expiry INTEGER, lastAccessed INTEGER, "
    "creationTime INTEGER, isSecure INTEGER, isHttpOnly INTEGER, inBrowserElement INTEGER DEFAULT 0, "
    "sameSite INTEGER DEFAULT 0, schemeMap INTEGER DEFAULT 0, "
    "isPartitionedAttributeSet INTEGER DEFAULT 0, updateTime INTEGER, "
    "CONSTRAINT moz_uniqueid UNIQUE (name, host, path, originAttributes))")
FIREFOX_V12 = (
    "CREATE TABLE moz_cookies (id INTEGER PRIMARY KEY, originAttributes TEXT NOT NULL DEFAULT '', "
    "name TEXT, value TEXT, host TEXT, path TEXT, expiry INTEGER, lastAccessed INTEGER, "
    "creationTime INTEGER, isSecure INTEGER, isHttpOnly INTEGER, inBrowserElement INTEGER DEFAULT 0, "
    "sameSite INTEGER DEFAULT 0, rawSameSite INTEGER DEFAULT 0, schemeMap INTEGER DEFAULT 0, "
    "CONSTRAINT moz_uniqueid UNIQUE (name, host, path, originAttributes))")
FIREFOX_V8 = (
    "CREATE TABLE moz_cookies (id INTEGER PRIMARY KEY, baseDomain TEXT, "
    "originAttributes TEXT NOT NULL DEFAULT '', name TEXT, value TEXT, host TEXT, path TEXT, "
    "expiry INTEGER, lastAccessed INTEGER, creationTime INTEGER, isSecure INTEGER, "
    "isHttpOnly INTEGER, inBrowserElement INTEGER DEFAULT 0, "
    "CONSTRAINT moz_uniqueid UNIQUE (name, host, path, originAttributes))")

# 2026-01-01T00:00:00Z and 2030-01-01T00:00:00Z, in seconds.
CREATED = 1767225600
EXPIRES = 1893456000


def firefox_row(name, value, host, path="/", origin="", expiry=EXPIRES, secure=0,
                http_only=0, same_site=256, partitioned=0, created=CREATED, schemes=2):
    return {"originAttributes": origin, "name": name, "value": value, "host": host,
            "path": path, "expiry": expiry, "lastAccessed": created * 1_000_000 + 7,
            "creationTime": created * 1_000_000 + 123_456, "isSecure": secure,
            "isHttpOnly": http_only, "sameSite": same_site,
            "isPartitionedAttributeSet": partitioned, "schemeMap": schemes}


def insert(con, row):
    keys = list(row)
    con.execute(f"INSERT INTO moz_cookies ({', '.join(keys)}) VALUES ({', '.join('?' * len(keys))})",
                [row[k] for k in keys])


def firefox_v17():
    """Firefox 146's database (schema 17: expiry in milliseconds, sameSite
    256 for no attribute), in WAL mode with 32 KiB pages as Firefox keeps
    it: the last two cookies only in the log, as a running Firefox
    leaves them."""
    path = os.path.join(OUT, "firefox-v17.sqlite")
    fresh(path)
    con, live, work = wal_connection(32768)
    con.execute("PRAGMA user_version = 17")
    con.execute(FIREFOX_V17)
    ms = lambda row: {**row, "expiry": row["expiry"] * 1000}
    con.execute("BEGIN")
    for row in [
        firefox_row("sid", "abc", ".example.com", secure=1, http_only=1, same_site=1),
        firefox_row("pref", "dark", "www.example.com", path="/app"),
        firefox_row("strict", "1", "www.example.com", same_site=2),
        firefox_row("none", "1", "cdn.example.net", same_site=0, secure=1),
        firefox_row("box", "1", "www.example.com", origin="^userContextId=2"),
        firefox_row("chips", "1", ".example.com", partitioned=1, secure=1,
                    origin="^partitionKey=%28https%2Cexample.com%29"),
        firefox_row("tracker", "1", "tracker.net", partitioned=1, secure=1,
                    origin="^partitionKey=%28https%2Cexample.com%29"),
        firefox_row("foreign", "1", ".example.com", partitioned=1, secure=1,
                    origin="^partitionKey=%28https%2Cexample.com%2Cf%29"),
        firefox_row("old", "1", "www.example.com", expiry=CREATED),
        firefox_row("v6", "1", "[::1]"),
        firefox_row("", "nameless", "www.example.com"),
        firefox_row("big", "x" * 3000, "www.example.com"),
        # Left out too: a partition key of its own site without
        # Partitioned (Firefox deletes it); under an http top-level page
        # for a cookie only ever sent over https; under a suffix site
        # (github.io) for a site below it; a first-party partitioned
        # cookie with an unpartitioned twin.
        firefox_row("stale", "1", ".example.com",
                    origin="^partitionKey=%28https%2Cexample.com%29"),
        firefox_row("scheme", "1", ".example.com", partitioned=1, secure=1,
                    origin="^partitionKey=%28http%2Cexample.com%29"),
        firefox_row("io", "1", "evil.github.io", partitioned=1, secure=1,
                    origin="^partitionKey=%28https%2Cgithub.io%29"),
        firefox_row("twin", "unpartitioned", "www.example.com"),
        firefox_row("twin", "partitioned", "www.example.com", partitioned=1, secure=1,
                    origin="^partitionKey=%28https%2Cexample.com%29"),
    ]:
        insert(con, ms(row))
    con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("BEGIN")
    insert(con, ms(firefox_row("late", "1", "www.example.com")))
    con.execute("UPDATE moz_cookies SET value = 'changed' WHERE name = 'pref'")
    con.execute("COMMIT")
    shutil.copy(live, path)
    shutil.copy(live + "-wal", path + "-wal")
    con.close()
    shutil.rmtree(work)


def firefox_old():
    """Firefox 91's database (schema 12: expiry in seconds, rawSameSite
    for what the server sent) and Firefox 52's (schema 8: baseDomain, no
    SameSite)."""
    for name, version, create in [("firefox-v12", 12, FIREFOX_V12), ("firefox-v8", 8, FIREFOX_V8)]:
        path = os.path.join(OUT, name + ".sqlite")
        fresh(path)
        con = sqlite3.connect(path)
        con.execute("PRAGMA page_size = 4096")
        con.execute(f"PRAGMA user_version = {version}")
        con.execute(create)
        rows = [
            # Lax by default: sameSite 1 is what Firefox applied, rawSameSite
            # 0 what the server sent (nothing).
            {**firefox_row("sid", "abc", ".example.com", secure=1, same_site=1), "rawSameSite": 0},
            {**firefox_row("strict", "1", "www.example.com", same_site=2), "rawSameSite": 2},
            {**firefox_row("v6", "1", "::1", same_site=0), "rawSameSite": 0},
        ]
        for row in rows:
            if version < 12:
                row = {k: v for k, v in row.items() if k not in ("sameSite", "rawSameSite")}
                row["baseDomain"] = "example.com"
            row = {k: v for k, v in row.items()
                   if k not in ("isPartitionedAttributeSet", "schemeMap")}
            insert(con, row)
        con.commit()
        con.close()


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    basic()
    deep()
    wal()
    utf16()
    firefox_v17()
    firefox_old()
