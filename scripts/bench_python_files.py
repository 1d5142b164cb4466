#!/usr/bin/env python3
"""Times Python's MozillaCookieJar loading and saving the 100,000-cookie
cookies.txt that `cargo bench --bench peers` writes to
target/bench-data/cookies-100k.txt (W4, for comparison with the Rust
numbers). Prints the median of N runs."""
import http.cookiejar, os, statistics, sys, tempfile, time

path = sys.argv[1] if len(sys.argv) > 1 else "target/bench-data/cookies-100k.txt"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
if not os.path.exists(path):
    sys.exit(f"{path} not found: run `cargo bench --bench peers` first")
loads, saves = [], []
for _ in range(runs):
    jar = http.cookiejar.MozillaCookieJar()
    t = time.perf_counter()
    jar.load(path, ignore_discard=True, ignore_expires=True)
    loads.append(time.perf_counter() - t)
    out = tempfile.NamedTemporaryFile(delete=False).name
    t = time.perf_counter()
    jar.save(out, ignore_discard=True, ignore_expires=True)
    saves.append(time.perf_counter() - t)
    os.unlink(out)
print(f"python MozillaCookieJar, {len(jar)} cookies: load {statistics.median(loads)*1000:.1f} ms, save {statistics.median(saves)*1000:.1f} ms (median of {runs})")
