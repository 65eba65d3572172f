#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Run every lantoa test suite. The last line is `N passed, N failed`.

Usage: scripts/runtests.py [SUITE...]      (no SUITE: all of them; `make test` runs all)

Suites (the SUITES table below, in the order they are listed):
  runner            this runner's own tests (tests/runner, python3 unittest)
  unit              cmocka programs (meson suite "unit") in the -Werror build
  unit-pg           the store's programs (meson suite "store") again on PostgreSQL 15, and
                    tests/lib's node self-tests, with one server for the run (scripts/pg-test.sh)
  web-unit          the web UI's node tests (web/test)
  browser           node tests of tests/e2e (playwright-core + Debian chromium)
  integration       node tests of tests/integration against the real server on SQLite,
                    the ASan+UBSan build (server and CLI), leaks checked at exit
  fuzz         (bg) each libFuzzer target replays its seed corpus, then mutates for 10 s
                    (tests/fuzz/run_all.py, two targets at a time; clang, ASan+UBSan)
  integration-pg    integration again on PostgreSQL, the -O2 build              }  re-runs, listed under
  asan-unit    (bg) unit again in an ASan+UBSan build, but the layer checks      }  their own heading

A suite runs `jobs` of its runs at a time (2 for unit, unit-pg and browser, 3 for the integration runs, which
each have their own database, port and temporary folder); runs are listed in their
order whatever order they finish in.

Two lanes. The foreground runs its suites one after another, in the table's order. The
background lane (a thread at nice 19, as are the processes it starts) first makes the
PREFETCH builds (the sanitizer and fuzz builds), then runs the suites marked (bg): they
take the CPU the foreground's tests leave idle. Output keeps the table's order either way. LANTOA_TEST_JOBS=1 runs
one run at a time and everything in the foreground.

A suite is made of runs: one cmocka program, one node test file (run on its own,
`node --test-reporter=tap FILE`, so that a file which stops early prints no plan),
one fuzz target. Each run prints TAP, and is held to it:
  - it must print one plan `1..N` with N > 0 and exactly N results at the top
    level; subtests (node) are checked against their own plan, and node's closing
    `# tests N` against the number of results printed;
  - tests planned but not run are failed cases ("#4 not run"); a run with no output,
    no plan or zero tests, a run that ran more than planned, bailed out or timed out,
    and a run that exits non-zero (a crash, a sanitizer report at exit) without a
    failed case, each count one failed case;
  - every failing run is named, with what went wrong, in the list printed at the end.
Fuzz targets: tests/fuzz/run_all.py prints TAP with one test per target found
as tests/fuzz/fuzz_NAME.c (a target that was not built, or has no seed corpus,
fails). The fuzz_replays kind below replays corpora only, one test per target.

Counting. The closing line counts test cases, each once: a case is (suite, run,
position in the run). A sanitizer re-run (rerun_of=SUITE) is listed apart, but its
cases are the cases of SUITE: one that passed there and failed here is one failure.
A node test with subtests counts through its subtests (itself only when it failed
and none of them did). Skipped and TODO cases are counted on the line above the
closing one, `(N skipped)`. The exit status is 1 when any case failed.

Shared data. A test that needs ../shared/data and skips without it gives the skip
reason `needs ../shared/data: WHAT` (C: LT_SKIP_NEEDS_SHARED(what) from
tests/lib/needs_shared.h, which prints it as a TAP comment on the line just before
cmocka's SKIP line; node: t.skip('needs ../shared/data: what'), on the SKIP line).
When CI=true and ../shared exists beside the repository, the runner counts every
such skip as a failed case. That is the one mechanism: tests behave the same
everywhere, and only the runner knows about CI.

Adding a suite is one line in SUITES, for example
    Suite("integration-pg", node_files("tests/integration", env={...}), needs=("build", "web")),
    Suite("layers", command("layers", ["python3", "scripts/check_layers.py"])),
with the checks above applied to it. `needs` names entries of PREREQS (builds);
command(...) is for a check that is one test and prints no TAP (exit 0 = passed).
"""
import atexit
import contextlib
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED_MARK = "needs ../shared/data"
RUN_TIMEOUT = 600  # seconds, per run (one program, one test file, one fuzz target)
TAIL = 3000  # characters of a failing run's output shown

# Leaks inside Debian's libraries that are theirs to keep (fontconfig's cache,
# a libxlsxwriter copy); the file says which and why.
LSAN_SUPP = os.path.join(ROOT, "tests", "unit", "render", "lsan-xlsxwriter.supp")
SANITIZER_ENV = {"LSAN_OPTIONS": "suppressions=" + LSAN_SUPP,
                 "UBSAN_OPTIONS": "halt_on_error=1:print_stacktrace=1"}
CMOCKA_ENV = dict(SANITIZER_ENV, CMOCKA_MESSAGE_OUTPUT="TAP",
                  ASAN_OPTIONS="detect_leaks=1:abort_on_error=1")


class StepFailed(Exception):
    """A build step (or a suite's listing) failed; the message holds its output."""


def sh(cmd, env=None):
    out, err, rc, cpu = execute(["sh", "-c", cmd], env, ROOT, None)
    charge(cpu)
    if rc != 0:
        raise StepFailed(f"{cmd}: exit {rc}\n{out[-TAIL:]}{err[-TAIL:]}")
    return out


# --- builds -----------------------------------------------------------------

def meson_build(build, options="", cc=None, werror=True, targets=None):
    """Set up BUILD once and build it: everything, or only what targets() lists."""
    def make():
        env = dict(os.environ)
        if cc:
            env["CC"] = cc
        if not os.path.exists(os.path.join(ROOT, build, "build.ninja")):
            sh(f"meson setup {build} {'--werror' if werror else '-Dwerror=false'} {options}", env)
        sh(f"ninja -C {build} {' '.join(targets() if targets else [])}".rstrip(), env)
    return make


def fuzz_targets():
    """The libFuzzer programs only (tests/fuzz/fuzz_NAME.c): the fuzz build's copy of
    the server, the unit tests and the benchmarks would be two thirds of its work, unused."""
    return sorted("tests/fuzz/" + f[:-2] for f in os.listdir(os.path.join(ROOT, "tests", "fuzz"))
                  if re.fullmatch(r"fuzz_\w+\.c", f))


def web_build():
    if os.path.exists(os.path.join(ROOT, "web", "package.json")):
        sh("cd web && npm run --silent build")


PG_ENV = {}  # LANTOA_TEST_PG (its URL) and LANTOA_TEST_PG_DIR, once "pg" has started it
PG_SERVER_ENV = {"LANTOA_BIN": os.path.join(ROOT, "build", "lantoa")}  # and the same for integration-pg


def pg_server():
    """One throw-away PostgreSQL 15 for the whole run (scripts/pg-test.sh), stopped and
    removed when the runner exits, however it exits (a failure, ^C, SIGTERM)."""
    out = sh("sh scripts/pg-test.sh start")
    PG_ENV.update(line.split("=", 1) for line in out.splitlines() if "=" in line)
    PG_SERVER_ENV.update(PG_ENV)
    if "LANTOA_TEST_PG_DIR" not in PG_ENV:
        raise StepFailed("scripts/pg-test.sh start printed no LANTOA_TEST_PG_DIR:\n" + out)
    atexit.register(subprocess.run, ["sh", "scripts/pg-test.sh", "stop", PG_ENV["LANTOA_TEST_PG_DIR"]],
                    cwd=ROOT, capture_output=True)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))


PREREQS = {
    "pg": pg_server,
    "build": meson_build("build"),
    "web": web_build,
    # The instrumented builds carry line tables only (-g1): a sanitizer's or a fuzzer's
    # stack still names each function, file and line, and the compile takes 18% less CPU
    # than with full debug information (151 -> 122 s user for build-asan's every target).
    "build-fuzz": meson_build("build-fuzz", "-Dfuzz=true -Db_lundef=false --buildtype=debug -Dc_args=-g1",
                              cc="clang", werror=False, targets=fuzz_targets),
    # The -Werror gate is the main build; instrumented builds only add noise
    # (gcc's format-truncation guesses change with -fsanitize inlining).
    "build-asan": meson_build("build-asan", "-Db_sanitize=address,undefined -Db_lundef=false "
                              "--buildtype=debugoptimized -Dc_args=-g1", werror=False,
                              targets=lambda: asan_targets()),
}


# --- kinds of suite: each returns a function listing the suite's runs --------

@dataclass
class Run:
    name: str
    argv: list = None
    env: dict = field(default_factory=dict)
    cwd: str = None
    protocol: str = "tap"  # "tap", or "exit": one test, passed when the exit status is 0
    detail: str = ""
    error: str = None  # set: the run cannot start, and fails with this reason


def tap(name, argv, env=None):
    """One command that prints TAP."""
    return lambda: [Run(name, list(argv), dict(env or {}))]


def command(name, argv, env=None):
    """One command that is one test: passed when it exits 0 (a lint, a layer check)."""
    return lambda: [Run(name, list(argv), dict(env or {}), protocol="exit")]


def suite_tests(build, suite, skip=()):
    """The tests of a meson suite (meson introspect), less those whose name starts with skip."""
    tests = json.loads(sh(f"meson introspect {build} --tests"))
    return [t for t in tests if any(s == suite or s.endswith(":" + suite) for s in t["suite"])
            and not t["name"].startswith(tuple(skip))]


# The layer checks (tests/layers) are link tests: the plain build's run is the check,
# and the sanitized build neither makes nor runs them again.
ASAN_SKIP = ("layer_",)


def meson_tests(build, suite, env=None, skip=()):
    """Each test of a meson suite, a cmocka program printing TAP."""
    def runs():
        return [Run(t["name"], t["cmd"], dict(CMOCKA_ENV, **(env or {}), **t.get("env", {})),
                    t.get("workdir"))
                for t in suite_tests(build, suite, skip)]
    return runs


def asan_targets():
    """What the sanitized runs use: lantoa (integration) and the unit test programs with
    what they depend on; not the benchmarks nor the layer checks (about 6% of the build)."""
    files = {t["id"]: t["filename"] for t in json.loads(sh("meson introspect build-asan --targets"))}
    build = os.path.join(ROOT, "build-asan")
    out = {"lantoa"}
    for t in suite_tests("build-asan", "unit", ASAN_SKIP):
        for f in [t["cmd"][0]] + [p for d in t["depends"] for p in files.get(d, [])]:
            if f.startswith(build + os.sep):
                out.add(os.path.relpath(f, build))
    return sorted(out)


def node_files(folder, suffix=".test.mjs", env=None):
    """Each node test file of a folder, run on its own with the TAP reporter."""
    def runs():
        path = os.path.join(ROOT, folder)
        names = sorted(f for f in os.listdir(path) if f.endswith(suffix)) if os.path.isdir(path) else []
        return [Run(f, ["node", "--test-reporter=tap", os.path.join(folder, f)], dict(env or {}))
                for f in names]
    return runs


def fuzz_replays(exes, sources="tests/fuzz", corpora="tests/fuzz/corpus"):
    """Each libFuzzer target (one per SOURCES/fuzz_NAME.c, built as EXES/fuzz_NAME)
    replayed over CORPORA/NAME/: one test each, passed when it exits 0."""
    def runs():
        out = []
        for src in sorted(os.listdir(os.path.join(ROOT, sources))):
            m = re.fullmatch(r"(fuzz_(\w+))\.c", src)
            if not m:
                continue
            exe = os.path.join(ROOT, exes, m[1])
            corpus = os.path.join(ROOT, corpora, m[2])
            r = Run(m[1], [exe, "-runs=0", corpus], protocol="exit")
            if not os.access(exe, os.X_OK):
                r.error = f"{os.path.relpath(exe, ROOT)} was not built"
            elif not os.path.isdir(corpus):
                r.error = f"no seed corpus at {os.path.relpath(corpus, ROOT)}"
            else:
                r.detail = f"({len(os.listdir(corpus))} inputs)"
            out.append(r)
        return out
    return runs


@dataclass
class Suite:
    label: str
    runs: object  # () -> [Run]
    needs: tuple = ()
    env: dict = field(default_factory=dict)
    rerun_of: str = None  # a sanitizer re-run: listed apart, its cases are those of that suite
    jobs: int = 1  # runs at a time (node files: each has its own server, port and database)
    background: bool = False  # runs in the background lane (main's docstring), listed in its place


def lantoa_env(build, **extra):
    return dict(LANTOA_BIN=os.path.join(ROOT, build, "lantoa"), **extra)


# The builds the background lane makes ahead, niced, in this order: the foreground needs
# build-asan only from its "integration" suite on, after the browser suite.
PREFETCH = ("build-asan", "build-fuzz")
BACKGROUND_SLACK = 2  # a background run may take twice RUN_TIMEOUT: it gets the CPU left over

SUITES = [
    Suite("runner", tap("tests/runner", [sys.executable, "tests/lib/unittest_tap.py", "tests/runner"])),
    Suite("unit", meson_tests("build", "unit"), needs=("build",), jobs=2),
    Suite("unit-pg", lambda: meson_tests("build", "store")() + node_files("tests/lib")(), ("build", "pg"), PG_ENV,
          jobs=2),
    Suite("web-unit", node_files("web/test", ".mjs")),
    Suite("browser", node_files("tests/e2e"), ("build", "web"), lantoa_env("build"), jobs=2),
    # On SQLite, the server and every CLI run are the ASan+UBSan build: the integration
    # suite is also the sanitizer's (leaks are checked at each exit). The -O2 build is
    # held to the same tests by integration-pg and browser.
    Suite("integration", node_files("tests/integration"), ("build-asan", "build", "web"),
          lantoa_env("build-asan", ASAN_OPTIONS="detect_leaks=1", **SANITIZER_ENV), jobs=3),
    # Each libFuzzer target replays its seed corpus, then mutates for 10 s (two at a time).
    Suite("fuzz", tap("fuzz", [sys.executable, "tests/fuzz/run_all.py", "build-fuzz"]),
          needs=("build-fuzz",), background=True),
    # The integration tests again with every server, CLI run and test query on PostgreSQL
    # (tests/lib/db.mjs): a case that passed on SQLite and fails here is one failure.
    Suite("integration-pg", node_files("tests/integration"), ("build", "web", "pg"), PG_SERVER_ENV,
          rerun_of="integration", jobs=3),
    Suite("asan-unit", meson_tests("build-asan", "unit", skip=ASAN_SKIP), ("build-asan",), rerun_of="unit", jobs=2,
          background=True),
]


# --- TAP ----------------------------------------------------------------------

RESULT = re.compile(r"(?P<ind> *)(?P<no>not )?ok\b *(?P<num>\d+)? *(?:- )?(?P<rest>.*)")
DIRECTIVE = re.compile(r"(?<!\\)#\s*(SKIP|TODO)\b\s*(.*)$", re.I)
PLAN = re.compile(r"(?P<ind> *)1\.\.(?P<n>\d+)(?:\s*#.*)?\s*$")
NODE_TOTAL = re.compile(r"# tests (\d+)\s*$")


@dataclass
class Case:
    key: str  # position path, "3" or "3.1": the same case in a re-run has the same key
    status: str  # "pass", "fail" or "skip"
    name: str
    why: str = ""


def parse_tap(text, shared_required=False):
    """The cases of a TAP stream and what is wrong with it: (cases, problems)."""
    problems, pending, plans, prev = [], {}, {}, ""
    yaml_start = yaml_end = None  # a YAML block may follow a result line: skip it
    results = 0
    node_total = None
    for line in text.splitlines():
        if yaml_end is not None:
            if line.rstrip() == yaml_end:
                yaml_end = None
            continue
        if yaml_start is not None and line.rstrip() == yaml_start:
            yaml_start, yaml_end = None, yaml_start[:-3] + "..."
            continue
        yaml_start = None
        m = RESULT.fullmatch(line)
        if m:
            depth = len(m["ind"]) // 4
            rest = m["rest"]
            d = DIRECTIVE.search(rest)
            name = (rest[:d.start()] if d else rest).strip() or (d[2].strip() if d else "")
            status = "fail" if m["no"] else "pass"
            why = ""
            if d:
                status, why = "skip", d[2].strip()
                shared = why.startswith(SHARED_MARK) or prev.strip().startswith("# " + SHARED_MARK)
                if shared and shared_required:
                    why = why if why.startswith(SHARED_MARK) else prev.strip()[2:]
                    status = "fail"
                    problems.append(f"skipped for missing shared data under CI=true: {name} ({why})")
            children, child_plan = pending.pop(depth + 1, []), plans.pop(depth + 1, None)
            if children and child_plan != len(children):
                problems.append(f"{name}: {len(children)} subtests ran, "
                                + (f"{child_plan} planned" if child_plan is not None else "no plan"))
            siblings = pending.setdefault(depth, [])
            siblings.append((Case(str(len(siblings) + 1), status, name, why), children))
            results += 1
            yaml_start = m["ind"] + "  ---"
            prev = line
            continue
        m = PLAN.fullmatch(line)
        if m:
            depth = len(m["ind"]) // 4
            if depth in plans:
                problems.append("more than one plan (one cmocka group per program)")
            plans[depth] = int(m["n"])
        elif line.startswith("Bail out!"):
            problems.append(line.strip())
        elif NODE_TOTAL.fullmatch(line):
            node_total = int(NODE_TOTAL.fullmatch(line)[1])
        if line.strip():
            prev = line
    top, plan = pending.pop(0, []), plans.pop(0, None)
    if pending:
        problems.append("output ends inside a test with subtests")
    if node_total is not None and node_total != results:
        problems.append(f"node counted {node_total} tests, {results} results printed")
    cases = []

    def flatten(entries, prefix):
        for case, children in entries:
            case.key = prefix + case.key
            before = len(cases)
            flatten(children, case.key + ".")
            if not children or (case.status == "fail"
                                and not any(c.status == "fail" for c in cases[before:])):
                cases.append(case)
    flatten(top, "")
    if plan is None:
        problems.append("no output" if not text.strip() else "no TAP plan (1..N)")
    elif plan == 0:
        problems.append("zero tests (plan 1..0)")
    elif len(top) != plan:
        problems.append(f"planned {plan}, ran {len(top)}")
        cases += [Case(str(i), "fail", f"#{i} not run") for i in range(len(top) + 1, plan + 1)]
    return cases, problems


# --- running --------------------------------------------------------------------

@dataclass
class Result:
    suite: Suite
    run: str
    cases: list
    problems: list
    seconds: float = 0.0
    output: str = ""
    detail: str = ""
    cpu: float = 0.0  # CPU seconds of the run and its descendants (execute)

    def count(self, status):
        return sum(c.status == status for c in self.cases)


_SPAN = threading.local()  # .sink: the CPU total of this thread's innermost timeline span


def charge(cpu):
    """Add CPU seconds to this thread's innermost timeline span, when there is one."""
    sink = getattr(_SPAN, "sink", None)
    if sink is not None:
        sink[0] += cpu


def execute(argv, env, cwd, timeout):
    """(stdout, stderr, exit status or None when it timed out, CPU seconds): kills the whole
    process group on a timeout. The CPU seconds are those of the process and of every
    descendant it waited for (a test's server, its CLI runs, its browser), from wait4:
    Popen.communicate reaps the process itself and keeps no rusage, so the pipes are
    read and the process reaped here."""
    p = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, errors="replace", start_new_session=True)
    out, err, ended = [], [], {}
    threads = [threading.Thread(target=lambda f=f, b=b: b.append(f.read()), daemon=True)
               for f, b in ((p.stdout, out), (p.stderr, err))]

    def reap():
        _, status, ru = os.wait4(p.pid, 0)
        ended.update(rc=os.waitstatus_to_exitcode(status), cpu=ru.ru_utime + ru.ru_stime)
    threads.append(threading.Thread(target=reap, daemon=True))
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        for t in threads:
            t.start()
        # The process first, then its pipes: a child it left running may hold them open.
        for t in threads[::-1]:
            t.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        timed_out = any(t.is_alive() for t in threads)
    except BaseException:
        os.killpg(p.pid, signal.SIGKILL)
        raise
    if timed_out:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        for t in threads:
            t.join()
    p.returncode = ended["rc"]  # reaped above: Popen must not wait for it again
    for f in (p.stdout, p.stderr):
        f.close()
    return "".join(out), "".join(err), None if timed_out else ended["rc"], ended["cpu"]


def run_one(suite, run, env, shared_required, timeout=RUN_TIMEOUT):
    t0 = time.time()
    out = err = ""
    cpu = 0.0
    problems = []
    if run.error:
        cases, problems = [], [run.error]
    else:
        out, err, rc, cpu = execute(run.argv, dict(env, **suite.env, **run.env), run.cwd or ROOT, timeout)
        if run.protocol == "exit":
            cases = [Case("1", "pass" if rc == 0 else "fail", run.name)]
        else:
            cases, problems = parse_tap(out, shared_required)
        if rc is None:
            problems.append(f"timed out after {timeout}s")
        elif rc < 0:
            problems.append(f"killed by {signal.Signals(-rc).name}")
        elif rc != 0 and not any(c.status == "fail" for c in cases):
            problems.append(f"exit status {rc} with no failed test")
    if problems and not any(c.status == "fail" for c in cases):
        cases.append(Case("(run)", "fail", "(the run itself)"))
    return Result(suite, run.name, cases, problems, time.time() - t0,
                  (out[-TAIL:] + "\n" + err[-TAIL:]).strip(), run.detail, cpu)


def shared_required(env, root):
    """CI=true, with ../shared beside the repository: a skip for missing shared data fails."""
    return env.get("CI", "").lower() == "true" and os.path.isdir(os.path.join(root, "..", "shared"))


RANK = {"skip": 0, "pass": 1, "fail": 2}


class Prereqs:
    """Each build of PREREQS made once, by whichever lane asks first; the other waits."""

    def __init__(self, table, clock=None):
        self.table, self.lock, self.made = table, threading.Lock(), {}
        self.clock = clock  # a Clock: when each build ran (the closing timeline)

    def timed(self, name):
        """A span of the timeline named NAME, when there is a clock."""
        return self.clock.span(name) if self.clock else contextlib.nullcontext()

    def need(self, name):
        """None when NAME is made, else why it failed."""
        with self.lock:
            mine = name not in self.made
            if mine:
                self.made[name] = Future()
        f = self.made[name]
        if mine:
            try:
                with self.timed(name):
                    self.table[name]()
                f.set_result(None)
            except StepFailed as e:
                f.set_result(str(e))
            except BaseException as e:  # noqa: BLE001 (the waiting lane must not hang)
                f.set_result(f"{type(e).__name__}: {e}")
                raise
        return f.result()


def machine_jiffies():
    """(busy, all) CPU jiffies of the whole machine since boot (/proc/stat; None elsewhere):
    a span's share of busy CPU says whether more running at once could have used more."""
    try:
        with open("/proc/stat") as f:
            cpu = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = cpu[3] + (cpu[4] if len(cpu) > 4 else 0)  # idle and iowait
    return sum(cpu) - idle, sum(cpu)


class Clock:
    """When each build and suite started and ended, in seconds from the start: printed
    before the closing lines, so that a slow run says where its time went."""

    def __init__(self, t0):
        self.t0, self.spans, self.lock = t0, [], threading.Lock()

    @contextlib.contextmanager
    def span(self, name):
        """Times NAME; yields its CPU total ([seconds]), which the thread's own builds
        (charge) and the suite's runs (run_suite) add to."""
        start, j0 = time.time() - self.t0, machine_jiffies()
        sink, outer = [0.0], getattr(_SPAN, "sink", None)
        _SPAN.sink = sink
        try:
            yield sink
        finally:
            _SPAN.sink = outer
            j1 = machine_jiffies()
            busy = (j1[0] - j0[0]) / (j1[1] - j0[1]) if j0 and j1 and j1[1] > j0[1] else None
            with self.lock:
                self.spans.append((start, time.time() - self.t0, name, sink[0], busy))

    def line(self):
        """Each span with its CPU seconds and how busy the whole machine's CPUs were
        meanwhile; then the CPU of every process the runner waited for, against the wall
        time: together they say whether running more at once could gain time."""
        ru = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.time() - self.t0
        def one(a, b, n, c, busy):
            return f"{n} {a:.0f}-{b:.0f}s (cpu {c:.0f}s" + (f", machine {busy:.0%} busy)" if busy is not None else ")")
        return ("(timeline: " + ", ".join(one(*s) for s in sorted(self.spans))
                + f"; cpu {ru.ru_utime + ru.ru_stime:.0f}s in {wall:.0f}s)")


class Printer:
    """Lines printed in the order of the table whichever lane finishes first: a suite's
    lines appear as its runs finish, once every suite above it is fully printed."""

    def __init__(self, suites, say):
        self.say, self.lock = say, threading.Lock()
        self.lines = {id(s): [] for s in suites}
        self.done = {id(s): False for s in suites}
        self.order, self.at, self.shown, self.group = list(suites), 0, 0, None

    def add(self, suite, line=None, done=False):
        with self.lock:
            if line is not None:
                self.lines[id(suite)].append(line)
            self.done[id(suite)] |= done
            while self.at < len(self.order):
                s = self.order[self.at]
                heading = "re-runs on PostgreSQL and under sanitizers (listed apart; each case counted " \
                          "once below)" if s.rerun_of else "suites"
                pending = self.lines[id(s)][self.shown:]
                if pending and heading != self.group:
                    self.say(heading)
                    self.group = heading
                for ln in pending:
                    self.say(ln)
                self.shown += len(pending)
                if not self.done[id(s)]:
                    break
                self.at, self.shown = self.at + 1, 0


def run_suite(suite, prereqs, env, strict, timeout, jobs, printer):
    """Every run of SUITE, JOBS at a time, each line given to PRINTER in order; the Results."""
    runs, problem, results = [], None, []
    with prereqs.timed(suite.label) as cpu:
        try:
            for need in suite.needs:
                failed = prereqs.need(need)
                if failed:
                    raise StepFailed(f"{need} failed: {failed}")
            runs = suite.runs()
            if not runs:
                problem = "no tests found"
        except (StepFailed, OSError) as e:
            problem = str(e)
        if problem:
            runs = [Run("(suite)", error=problem)]
        with ThreadPoolExecutor(max(1, min(suite.jobs, jobs or suite.jobs))) as pool:
            for r in pool.map(lambda run: run_one(suite, run, env, strict, timeout), runs):
                results.append(r)
                if cpu is not None:
                    cpu[0] += r.cpu
                printer.add(suite, f"  {suite.label + '/' + r.run:<46} {r.count('pass'):4d} passed "
                            f"{r.count('fail'):3d} failed {r.count('skip'):3d} skipped ({r.seconds:.1f}s, cpu {r.cpu:.1f}s) "
                            f"{r.detail}".rstrip() + ("  <- " + "; ".join(r.problems)[:200] if r.problems else ""))
    printer.add(suite, done=True)
    return results


def background_lane(suites, prereqs, env, strict, timeout, jobs, printer):
    """The background suites, and first the builds they and the later suites need that
    PREFETCH names, one after another in a thread at the lowest CPU priority (nice 19,
    which the thread's child processes inherit): they use the CPU the foreground's
    tests leave idle (servers waiting on fsync, a browser waiting for a page), and
    run at full speed when the foreground waits for them."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    except OSError:
        pass
    for name in PREFETCH:
        if name in prereqs.table and any(name in s.needs for s in suites):
            prereqs.need(name)
    return {id(s): run_suite(s, prereqs, env, strict, timeout * BACKGROUND_SLACK, jobs, printer)
            for s in suites if s.background}


def main(suites=SUITES, env=None, root=ROOT, out=sys.stdout, prereqs=PREREQS, timeout=RUN_TIMEOUT):
    """Run SUITES, print a line per run and the closing lines; return the exit status."""
    env = dict(os.environ if env is None else env)
    if "LANTOA_TEST_CACHE" not in env:
        # What tests make once per lantoa binary and copy (tests/lib/db.mjs: the
        # demo database), for this run only.
        env["LANTOA_TEST_CACHE"] = tempfile.mkdtemp(prefix="lantoa-test-cache-")
        atexit.register(shutil.rmtree, env["LANTOA_TEST_CACHE"], True)
    strict = shared_required(env, root)
    lock = threading.Lock()

    def say(s=""):
        with lock:
            print(s, file=out, flush=True)
    t0 = time.time()
    say("lantoa tests" + (" (CI=true, ../shared present: a skip for missing shared data fails)"
                          if strict else ""))
    jobs = int(env.get("LANTOA_TEST_JOBS", 0) or 0)
    made, printer = Prereqs(prereqs, Clock(t0)), Printer(suites, say)
    lane = None
    if jobs != 1:  # LANTOA_TEST_JOBS=1: one thing at a time, the background suites in their place
        lane = ThreadPoolExecutor(1).submit(background_lane, suites, made, env, strict, timeout, jobs, printer)
    by_suite = {}
    for suite in suites:
        if not (suite.background and lane):
            by_suite[id(suite)] = run_suite(suite, made, env, strict, timeout, jobs, printer)
    if lane:
        by_suite.update(lane.result())
    results = [r for s in suites for r in by_suite[id(s)]]
    cases = {}
    for r in results:
        for c in r.cases:
            k = (r.suite.rerun_of or r.suite.label, r.run, c.key)
            if k not in cases or RANK[c.status] > RANK[cases[k]]:
                cases[k] = c.status
    for r in results:
        bad = [c for c in r.cases if c.status == "fail"]
        if bad or r.problems:
            say(f"\n--- FAILED: {r.suite.label}/{r.run}: "
                + "; ".join(r.problems + [c.name for c in bad if c.key != "(run)"][:20]))
            if r.output:
                say(r.output)
    n = {s: sum(v == s for v in cases.values()) for s in RANK}
    say(f"\n({time.time() - t0:.0f}s)")
    say(made.clock.line())
    say(f"({n['skip']} skipped)")
    say(f"{n['pass']} passed, {n['fail']} failed")
    return 1 if n["fail"] else 0


if __name__ == "__main__":
    os.chdir(ROOT)
    wanted = sys.argv[1:]
    unknown = [w for w in wanted if w not in {s.label for s in SUITES}]
    if unknown:
        sys.exit(f"runtests: no suite {', '.join(unknown)}; suites: {' '.join(s.label for s in SUITES)}")
    sys.exit(main([s for s in SUITES if not wanted or s.label in wanted]))
