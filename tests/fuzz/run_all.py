#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Run every libFuzzer target of lantoa for a while, as one TAP suite.

Each target (tests/fuzz/fuzz_NAME.c, built as BUILD/tests/fuzz/fuzz_NAME) first
replays its committed seed corpus (tests/fuzz/corpus/NAME/), then mutates for
SECONDS (default 10, or $LANTOA_FUZZ_SECONDS). Targets run JOBS at a time (default:
the number of cores). New inputs go to a temporary folder, never into the
committed corpus. A crash, a leak, a timeout or a sanitizer report fails the
target's test, and the TAP line says where the input that did it was kept.

Usage: tests/fuzz/run_all.py BUILD [SECONDS [JOBS]]
"""
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def targets():
    src = os.path.join(ROOT, "tests", "fuzz")
    return sorted(m[1] for m in (re.fullmatch(r"fuzz_(\w+)\.c", f) for f in os.listdir(src)) if m)


def run(build, name, seconds, keep):
    exe = os.path.join(ROOT, build, "tests", "fuzz", "fuzz_" + name)
    seeds = os.path.join(ROOT, "tests", "fuzz", "corpus", name)
    if not os.access(exe, os.X_OK):
        return False, f"{os.path.relpath(exe, ROOT)} was not built", ""
    if not os.path.isdir(seeds) or not os.listdir(seeds):
        return False, f"no seed corpus at tests/fuzz/corpus/{name}", ""
    work = tempfile.mkdtemp(prefix=f"lantoa-fuzz-{name}-")
    new = os.path.join(work, "corpus")
    os.mkdir(new)
    argv = [exe, f"-max_total_time={seconds}", "-timeout=10", "-rss_limit_mb=2048",
            "-print_final_stats=1", f"-artifact_prefix={work}/", new, seeds]
    try:
        r = subprocess.run(argv, capture_output=True, text=True, errors="replace",
                           timeout=seconds + 120)
        out = r.stderr
        ok = r.returncode == 0
    except subprocess.TimeoutExpired as ex:
        out, ok = (ex.stderr or b"").decode(errors="replace") if isinstance(ex.stderr, bytes) else (ex.stderr or ""), False
    execs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", out)
    detail = f"{int(execs[-1]):,} executions in {seconds} s" if execs else "no statistics"
    if ok:
        shutil.rmtree(work, ignore_errors=True)
        return True, detail, ""
    kept = os.path.join(keep, name)
    shutil.rmtree(kept, ignore_errors=True)
    shutil.move(work, kept)
    return False, f"{detail}; inputs kept in {kept}", out[-3000:]


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build-fuzz"
    seconds = int(sys.argv[2]) if len(sys.argv) > 2 else int(os.environ.get("LANTOA_FUZZ_SECONDS", "10"))
    jobs = int(sys.argv[3]) if len(sys.argv) > 3 else (os.cpu_count() or 2)
    keep = os.path.join(ROOT, build, "fuzz-failures")
    os.makedirs(keep, exist_ok=True)
    names = targets()
    print(f"1..{len(names)}", flush=True)
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(lambda n: run(build, n, seconds, keep), names))
    for i, (name, (ok, detail, out)) in enumerate(zip(names, results), 1):
        print(f"{'ok' if ok else 'not ok'} {i} - fuzz_{name} ({detail})")
        if not ok:
            failed += 1
            for line in out.splitlines()[-40:]:
                print("# " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
