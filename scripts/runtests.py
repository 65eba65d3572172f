#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Run every lantoa test suite and print one closing line: N passed, N failed.

Suites, in order:
  unit         cmocka programs (tests/unit/*) in the -Werror build, TAP output
  integration  node --test tests/integration against the real server
  browser      node --test tests/e2e (playwright-core + Debian chromium)
  fuzz-corpus  every libFuzzer target replayed over its committed corpus (clang, ASan)
  asan         unit + integration again in an ASan+UBSan build
"""
import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(ROOT)
totals = {"passed": 0, "failed": 0, "skipped": 0}
failures = []


def sh(cmd, env=None, quiet=True):
    r = subprocess.run(cmd, shell=True, env=env, capture_output=quiet, text=True)
    if r.returncode != 0:
        sys.stdout.write(r.stdout or "")
        sys.stdout.write(r.stderr or "")
        raise SystemExit("runtests: failed: " + cmd)
    return r


def setup(build, extra="", cc=None, werror=True):
    env = dict(os.environ)
    if cc:
        env["CC"] = cc
    if not os.path.exists(os.path.join(build, "build.ninja")):
        sh(f"meson setup {build} {'--werror' if werror else '-Dwerror=false'} {extra}", env=env)
    sh(f"ninja -C {build}", env=env)


def count(suite, passed, failed, skipped, detail=""):
    totals["passed"] += passed
    totals["failed"] += failed
    totals["skipped"] += skipped
    print(f"  {suite:<34} {passed:4d} passed {failed:3d} failed {skipped:3d} skipped {detail}")


# Leaks inside Debian's libraries that are theirs to keep (fontconfig's cache,
# a libxlsxwriter copy); the file says which and why.
LSAN_SUPP = os.path.join(ROOT, "tests", "unit", "render", "lsan-xlsxwriter.supp")


def run_unit(build, label):
    tests = json.loads(sh(f"meson introspect {build} --tests").stdout)
    env = dict(os.environ, CMOCKA_MESSAGE_OUTPUT="TAP",
               ASAN_OPTIONS="detect_leaks=1:abort_on_error=1",
               LSAN_OPTIONS="suppressions=" + LSAN_SUPP,
               UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1")
    for t in tests:
        if "unit" not in t.get("suite", []) and not any(s.endswith(":unit") for s in t.get("suite", [])):
            continue
        e = dict(env, **t.get("env", {}))
        t0 = time.time()
        r = subprocess.run(t["cmd"], env=e, cwd=t.get("workdir") or ROOT,
                           capture_output=True, text=True, timeout=600)
        out = r.stdout
        ok = len(re.findall(r"^ok \d+", out, re.M))
        skip = len(re.findall(r"^(?:not )?ok \d+.*# SKIP", out, re.M))
        bad = len(re.findall(r"^not ok \d+", out, re.M)) - len(re.findall(r"^not ok \d+.*# SKIP", out, re.M))
        ok -= len(re.findall(r"^ok \d+.*# SKIP", out, re.M))
        if r.returncode != 0 and bad == 0:
            bad = 1  # crashed, leaked or sanitizer report without a TAP failure line
        if bad:
            failures.append(f"{label}/{t['name']}:\n{out[-3000:]}\n{r.stderr[-3000:]}")
        count(f"{label}/{t['name']}", ok, bad, skip, f"({time.time() - t0:.1f}s)")


def run_node(label, path, env):
    if not os.path.isdir(path) or not any(f.endswith(".test.mjs") for f in os.listdir(path)):
        return
    t0 = time.time()
    files = sorted(os.path.join(path, f) for f in os.listdir(path) if f.endswith(".test.mjs"))
    r = subprocess.run(["node", "--test", "--test-concurrency=1", "--test-reporter=tap", *files],
                       env=env, capture_output=True, text=True, timeout=1800)
    out = r.stdout
    get = lambda k: int((re.findall(rf"^# {k} (\d+)", out, re.M) or ["0"])[-1])
    passed, failed, skipped = get("pass"), get("fail") + get("cancelled"), get("skipped") + get("todo")
    if r.returncode != 0 and failed == 0:
        failed = 1
    if failed:
        failures.append(f"{label}:\n{out[-6000:]}\n{r.stderr[-3000:]}")
    count(label, passed, failed, skipped, f"({time.time() - t0:.1f}s)")


def run_web_unit():
    """The web UI's own unit tests (formats, dictionaries, router) under node --test."""
    if not os.path.isdir("web/test"):
        return
    t0 = time.time()
    files = sorted(os.path.join("web", "test", f) for f in os.listdir("web/test") if f.endswith(".mjs"))
    r = subprocess.run(["node", "--test", "--test-reporter=tap", *files], capture_output=True, text=True, timeout=600)
    get = lambda k: int((re.findall(rf"^# {k} (\d+)", r.stdout, re.M) or ["0"])[-1])
    passed, failed = get("pass"), get("fail")
    if r.returncode != 0 and failed == 0:
        failed = 1
    if failed:
        failures.append(f"web-unit:\n{r.stdout[-4000:]}\n{r.stderr[-2000:]}")
    count("web-unit", passed, failed, get("skipped"), f"({time.time() - t0:.1f}s)")


def run_fuzz_corpus(build):
    fuzz_dir = os.path.join(build, "tests", "fuzz")
    if not os.path.isdir(fuzz_dir):
        return
    for name in sorted(os.listdir(fuzz_dir)):
        exe = os.path.join(fuzz_dir, name)
        if not name.startswith("fuzz_") or not os.access(exe, os.X_OK) or os.path.isdir(exe):
            continue
        corpus = os.path.join("tests", "fuzz", "corpus", name[len("fuzz_"):])
        if not os.path.isdir(corpus):
            failures.append(f"fuzz/{name}: no seed corpus at {corpus}")
            count(f"fuzz-corpus/{name}", 0, 1, 0)
            continue
        r = subprocess.run([exe, "-runs=0", corpus], capture_output=True, text=True, timeout=600)
        n = len(os.listdir(corpus))
        if r.returncode == 0:
            count(f"fuzz-corpus/{name}", n, 0, 0)
        else:
            failures.append(f"fuzz/{name}:\n{r.stderr[-3000:]}")
            count(f"fuzz-corpus/{name}", 0, 1, 0)


def main():
    t0 = time.time()
    print("lantoa tests")
    setup("build")
    if os.path.exists("web/package.json"):
        sh("cd web && npm run --silent build")
    run_unit("build", "unit")
    run_web_unit()
    env = dict(os.environ, LANTOA_BIN=os.path.join(ROOT, "build", "lantoa"))
    run_node("integration", "tests/integration", env)
    run_node("browser", "tests/e2e", env)
    if os.path.exists("tests/fuzz/meson.build"):
        setup("build-fuzz", "-Dfuzz=true -Db_lundef=false --buildtype=debug", cc="clang", werror=False)
        run_fuzz_corpus("build-fuzz")
    # The -Werror gate is the main build above; instrumented builds only add
    # noise (gcc's format-truncation guesses change with -fsanitize inlining).
    setup("build-asan", "-Db_sanitize=address,undefined -Db_lundef=false --buildtype=debugoptimized",
          werror=False)
    run_unit("build-asan", "asan-unit")
    env = dict(os.environ, LANTOA_BIN=os.path.join(ROOT, "build-asan", "lantoa"),
               ASAN_OPTIONS="detect_leaks=1", LSAN_OPTIONS="suppressions=" + LSAN_SUPP,
               UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1")
    run_node("asan-integration", "tests/integration", env)
    for f in failures:
        print("\n--- FAILED: " + f)
    print(f"\n({time.time() - t0:.0f}s)")
    print(f"{totals['passed']} passed, {totals['failed']} failed, {totals['skipped']} skipped")
    sys.exit(1 if totals["failed"] else 0)


if __name__ == "__main__":
    main()
