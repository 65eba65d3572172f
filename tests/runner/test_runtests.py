# SPDX-License-Identifier: AGPL-3.0-or-later
"""Tests of scripts/runtests.py: fake suites (shell one-liners printing TAP, node
files, fuzz targets) go through the runner's main(), and the closing lines, the
exit status and the failure list are what a reader of `make test` would check."""
import importlib.util
import os
import re
import shutil
import sys
import tempfile
import textwrap
import unittest
import unittest.mock
from io import StringIO

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_spec = importlib.util.spec_from_file_location("runtests", os.path.join(ROOT, "scripts", "runtests.py"))
rt = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rt)


def sh(name, script):
    """A run printing what the shell script prints."""
    return rt.tap(name, ["sh", "-c", script])


class RunnerTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="lt-runner-")
        self.addCleanup(shutil.rmtree, self.tmp)
        self.repo = os.path.join(self.tmp, "repo")  # no ../shared beside it
        os.mkdir(self.repo)
        self.env = {k: v for k, v in os.environ.items() if k != "CI"}

    def run_suites(self, suites, env=None, root=None, **kw):
        out = StringIO()
        rc = rt.main(suites, env=env or self.env, root=root or self.repo, out=out, **kw)
        self.out = out.getvalue()
        return rc

    def assertClosing(self, passed, failed, skipped=0):
        lines = self.out.rstrip("\n").split("\n")
        self.assertEqual(lines[-1], f"{passed} passed, {failed} failed", self.out)
        self.assertEqual(lines[-2], f"({skipped} skipped)", self.out)

    def assertFailed(self, run, reason):
        m = re.search(rf"^--- FAILED: {re.escape(run)}: (.*)$", self.out, re.M)
        self.assertIsNotNone(m, f"{run} not in the failure list:\n{self.out}")
        self.assertIn(reason, m[1])


class PlanChecks(RunnerTest):
    def test_plan_of_three_with_two_results_fails(self):
        rc = self.run_suites([rt.Suite("fake", sh("short", "printf '1..3\\nok 1 - a\\nok 2 - b\\n'"))])
        self.assertEqual(rc, 1)
        self.assertClosing(2, 1)
        self.assertFailed("fake/short", "planned 3, ran 2")
        self.assertIn("#3 not run", self.out)

    def test_suite_printing_nothing_fails(self):
        rc = self.run_suites([rt.Suite("fake", sh("silent", "exit 0"))])
        self.assertEqual(rc, 1)
        self.assertClosing(0, 1)
        self.assertFailed("fake/silent", "no output")

    def test_results_without_plan_fail(self):
        rc = self.run_suites([rt.Suite("fake", sh("noplan", "printf 'ok 1 - a\\n'"))])
        self.assertEqual(rc, 1)
        self.assertClosing(1, 1)
        self.assertFailed("fake/noplan", "no TAP plan")

    def test_zero_tests_fails(self):
        rc = self.run_suites([rt.Suite("fake", sh("empty", "printf '1..0\\n'"))])
        self.assertEqual(rc, 1)
        self.assertClosing(0, 1)
        self.assertFailed("fake/empty", "zero tests")

    def test_more_results_than_planned_fails(self):
        rc = self.run_suites([rt.Suite("fake", sh("extra", "printf '1..1\\nok 1 - a\\nok 2 - b\\n'"))])
        self.assertEqual(rc, 1)
        self.assertFailed("fake/extra", "planned 1, ran 2")

    def test_crash_part_way_counts_the_tests_not_run(self):
        rc = self.run_suites([rt.Suite("fake", sh("crash", "printf '1..3\\nok 1 - a\\n'; kill -SEGV $$"))])
        self.assertEqual(rc, 1)
        self.assertClosing(1, 2)
        self.assertFailed("fake/crash", "planned 3, ran 1")
        self.assertFailed("fake/crash", "killed by SIGSEGV")

    def test_nonzero_exit_after_every_result_fails(self):
        # as a leak report at exit does: every test printed ok, then exit 23
        rc = self.run_suites([rt.Suite("fake", sh("leak", "printf '1..2\\nok 1 - a\\nok 2 - b\\n'; exit 23"))])
        self.assertEqual(rc, 1)
        self.assertClosing(2, 1)
        self.assertFailed("fake/leak", "exit status 23")

    def test_timeout_kills_the_run_and_fails(self):
        rc = self.run_suites([rt.Suite("fake", sh("hang", "printf '1..1\\n'; sleep 30"))], timeout=1)
        self.assertEqual(rc, 1)
        self.assertClosing(0, 1)
        self.assertFailed("fake/hang", "timed out after 1s")

    def test_node_total_must_match_results(self):
        rc = self.run_suites([rt.Suite("fake", sh("total", "printf 'ok 1 - a\\nok 2 - b\\n1..2\\n# tests 3\\n'"))])
        self.assertEqual(rc, 1)
        self.assertFailed("fake/total", "node counted 3 tests, 2 results printed")

    def test_subtests_checked_against_their_plan(self):
        tap = "    ok 1 - inner a\\n    1..2\\nok 1 - outer\\n1..1\\n"
        rc = self.run_suites([rt.Suite("fake", sh("nested", f"printf '{tap}'"))])
        self.assertEqual(rc, 1)
        self.assertFailed("fake/nested", "outer: 1 subtests ran, 2 planned")

    def test_node_file_that_exits_early_fails(self):
        folder = os.path.join(self.tmp, "node")
        os.mkdir(folder)
        with open(os.path.join(folder, "early.test.mjs"), "w") as f:
            f.write(textwrap.dedent("""\
                import test from 'node:test';
                test('first', () => {});
                test('second', async () => { await new Promise(r => setTimeout(r, 20)); process.exit(0); });
                test('third', () => {});
                """))
        rc = self.run_suites([rt.Suite("fake", rt.node_files(folder))])
        self.assertEqual(rc, 1)
        self.assertClosing(1, 1)
        self.assertFailed("fake/early.test.mjs", "no TAP plan")

    def test_suite_without_runs_fails(self):
        rc = self.run_suites([rt.Suite("fake", lambda: [])])
        self.assertEqual(rc, 1)
        self.assertClosing(0, 1)
        self.assertFailed("fake/(suite)", "no tests found")

    def test_failed_build_fails_its_suites_and_the_rest_still_runs(self):
        def broken():
            raise rt.StepFailed("ninja -C build-x: exit 1")
        rc = self.run_suites([rt.Suite("needy", sh("p", "printf '1..1\\nok 1\\n'"), needs=("x",)),
                              rt.Suite("other", sh("p", "printf '1..1\\nok 1\\n'"))],
                             prereqs={"x": broken})
        self.assertEqual(rc, 1)
        self.assertClosing(1, 1)
        self.assertFailed("needy/(suite)", "x failed: ninja -C build-x")

    def test_a_clean_suite_passes(self):
        rc = self.run_suites([rt.Suite("fake", sh("good", "printf '1..2\\nok 1 - a\\nok 2 - b # SKIP no tool\\n'"))])
        self.assertEqual(rc, 0)
        self.assertClosing(1, 0, skipped=1)
        self.assertNotIn("FAILED", self.out)

    def test_parallel_runs_are_listed_in_order_and_each_counted(self):
        # The slow first run finishes last, yet is listed first; both run at once.
        slow = "sleep 0.6; printf '1..1\\nok 1 - slow\\n'"
        fast = "printf '1..2\\nok 1 - a\\nnot ok 2 - b\\n'"
        runs = lambda: sh("slow", slow)() + sh("fast", fast)()  # noqa: E731
        t0 = rt.time.time()
        rc = self.run_suites([rt.Suite("fake", runs, jobs=2)])
        self.assertLess(rt.time.time() - t0, 1.2)
        self.assertEqual(rc, 1)
        self.assertClosing(2, 1)
        self.assertLess(self.out.index("fake/slow"), self.out.index("fake/fast"))
        self.assertFailed("fake/fast", "b")


    def test_background_suite_runs_beside_the_foreground_and_is_listed_in_its_place(self):
        # Listed first, finishing last: its line still comes first, both ran at once.
        bg = rt.Suite("bg", sh("slow", "sleep 0.8; printf '1..1\\nnot ok 1 - late\\n'"), background=True)
        fg = rt.Suite("fg", sh("quick", "sleep 0.8; printf '1..1\\nok 1\\n'"))
        t0 = rt.time.time()
        rc = self.run_suites([bg, fg])
        self.assertLess(rt.time.time() - t0, 1.5)
        self.assertEqual(rc, 1)
        self.assertClosing(1, 1)
        self.assertLess(self.out.index("bg/slow"), self.out.index("fg/quick"))
        self.assertFailed("bg/slow", "late")

    def test_background_lane_is_niced_and_the_foreground_is_not(self):
        nice = lambda name, want: sh(name, f"test $(nice) = {want} && printf '1..1\\nok 1\\n' "  # noqa: E731
                                     f"|| printf '1..1\\nnot ok 1 - nice %s\\n' $(nice)")
        base = int(os.popen("nice").read())
        rc = self.run_suites([rt.Suite("bg", nice("n", min(19, base + 19)), background=True),
                              rt.Suite("fg", nice("n", base))])
        self.assertEqual(rc, 0, self.out)
        self.assertClosing(2, 0)

    def test_a_build_both_lanes_need_is_made_once(self):
        made = []

        def build():
            made.append(1)
            rt.time.sleep(0.3)
        ok = sh("p", "printf '1..1\\nok 1\\n'")
        with unittest.mock.patch.object(rt, "PREFETCH", ("x",)):
            rc = self.run_suites([rt.Suite("fg", ok, needs=("x",)),
                                  rt.Suite("bg", ok, needs=("x",), background=True)],
                                 prereqs={"x": build})
        self.assertEqual(rc, 0, self.out)
        self.assertClosing(2, 0)
        self.assertEqual(len(made), 1, "built once")
        # The timeline names the build once, and each suite, with when it ran.
        m = re.search(r"^\(timeline: (.*)\)$", self.out, re.M)
        self.assertIsNotNone(m, self.out)
        spans = {name: (int(a), int(b)) for name, a, b in re.findall(r"(\S+) (\d+)-(\d+)s", m[1])}
        self.assertEqual(sorted(spans), ["bg", "fg", "x"], m[0])
        self.assertLessEqual(spans["x"][1], spans["fg"][1], m[0])

    def test_timeline_gives_each_suites_cpu(self):
        # A run that computes for 1.5 s of CPU and one that sleeps as long: the timeline
        # charges the first suite its CPU seconds and the second none.
        burn = (f"{sys.executable} -c \"import time\nt = time.process_time()\n"
                "while time.process_time() - t < 1.5: pass\nprint('1..1'); print('ok 1')\"")
        rc = self.run_suites([rt.Suite("busy", sh("b", burn)),
                              rt.Suite("idle", sh("i", "sleep 1.5; printf '1..1\\nok 1\\n'"))])
        self.assertEqual(rc, 0, self.out)
        m = re.search(r"^\(timeline: (.*); cpu (\d+)s in (\d+)s\)$", self.out, re.M)
        self.assertIsNotNone(m, self.out)
        cpu = {n: int(c) for n, c in re.findall(r"(\S+) \d+-\d+s \(cpu (\d+)s, machine \d+% busy\)", m[1])}
        self.assertEqual(sorted(cpu), ["busy", "idle"], m[0])
        self.assertGreaterEqual(cpu["busy"], 1, m[0])
        self.assertEqual(cpu["idle"], 0, m[0])
        self.assertGreaterEqual(int(m[2]), 1, m[0])

    def test_one_job_runs_the_background_suites_in_their_place(self):
        order = os.path.join(self.tmp, "order")
        step = lambda name: sh(name, f"sleep 0.2; echo {name} >> {order}; printf '1..1\\nok 1\\n'")  # noqa: E731
        rc = self.run_suites([rt.Suite("a", step("a")), rt.Suite("b", step("b"), background=True),
                              rt.Suite("c", step("c"))], env=dict(self.env, LANTOA_TEST_JOBS="1"))
        self.assertEqual(rc, 0, self.out)
        with open(order) as f:
            self.assertEqual(f.read().split(), ["a", "b", "c"])


class SharedData(RunnerTest):
    CMOCKA = "printf '1..2\\nok 1 - a\\n# needs ../shared/data: letters/x.txt\\nnot ok 2 # SKIP test_ref\\n'"
    NODE = "printf 'ok 1 - dvhcvn # SKIP needs ../shared/data: dvhcvn\\n1..1\\n# tests 1\\n'"

    def with_shared(self):
        os.mkdir(os.path.join(self.tmp, "shared"))
        return dict(self.env, CI="true")

    def test_cmocka_skip_for_shared_data_fails_under_ci(self):
        rc = self.run_suites([rt.Suite("unit", sh("text_letter", self.CMOCKA))], env=self.with_shared())
        self.assertEqual(rc, 1)
        self.assertClosing(1, 1)
        self.assertFailed("unit/text_letter", "skipped for missing shared data under CI=true: test_ref")

    def test_node_skip_for_shared_data_fails_under_ci(self):
        rc = self.run_suites([rt.Suite("integration", sh("cli.test.mjs", self.NODE))], env=self.with_shared())
        self.assertEqual(rc, 1)
        self.assertClosing(0, 1)
        self.assertFailed("integration/cli.test.mjs", "needs ../shared/data: dvhcvn")

    def test_cmocka_helper_prints_what_the_runner_recognises(self):
        # the real tests/lib/needs_shared.h in a real cmocka program
        prog = os.path.join(self.tmp, "needs_shared")
        with open(prog + ".c", "w") as f:
            f.write(textwrap.dedent("""\
                #include <setjmp.h>
                #include <stdarg.h>
                #include <stddef.h>
                #include <stdint.h>
                #include <cmocka.h>
                #include "needs_shared.h"
                static void ok(void **s) { (void)s; }
                static void ref(void **s) { (void)s; LT_SKIP_NEEDS_SHARED("letters/x.txt"); }
                int main(void)
                {
                    const struct CMUnitTest t[] = { cmocka_unit_test(ok), cmocka_unit_test(ref) };
                    return cmocka_run_group_tests(t, NULL, NULL);
                }
                """))
        cc = shutil.which("cc") or shutil.which("gcc")
        if not cc:
            self.skipTest("no C compiler")
        built = rt.subprocess.run([cc, "-I", os.path.join(ROOT, "tests", "lib"), prog + ".c", "-o", prog,
                                   "-lcmocka"], capture_output=True, text=True)
        self.assertEqual(built.returncode, 0, built.stderr)
        suite = rt.Suite("unit", rt.tap("text_letter", [prog], {"CMOCKA_MESSAGE_OUTPUT": "TAP"}))
        self.assertEqual(self.run_suites([suite]), 0)
        self.assertClosing(1, 0, skipped=1)
        self.assertEqual(self.run_suites([suite], env=self.with_shared()), 1)
        self.assertClosing(1, 1)
        self.assertFailed("unit/text_letter", "needs ../shared/data: letters/x.txt")

    def test_skip_for_shared_data_is_a_skip_outside_ci(self):
        os.mkdir(os.path.join(self.tmp, "shared"))
        rc = self.run_suites([rt.Suite("unit", sh("text_letter", self.CMOCKA))])
        self.assertEqual(rc, 0)
        self.assertClosing(1, 0, skipped=1)

    def test_skip_for_shared_data_is_a_skip_under_ci_without_shared(self):
        rc = self.run_suites([rt.Suite("unit", sh("text_letter", self.CMOCKA))], env=dict(self.env, CI="true"))
        self.assertEqual(rc, 0)
        self.assertClosing(1, 0, skipped=1)

    def test_other_skips_stay_skips_under_ci(self):
        tap = "printf '1..1\\n# libreoffice missing\\nok 1 - lo # SKIP libreoffice not installed\\n'"
        rc = self.run_suites([rt.Suite("unit", sh("render", tap))], env=self.with_shared())
        self.assertEqual(rc, 0)
        self.assertClosing(0, 0, skipped=1)


class CountingOnce(RunnerTest):
    THREE = "printf '1..3\\nok 1 - a\\nok 2 - b\\nok 3 - c\\n'"

    def test_sanitizer_failure_of_a_passed_test_is_one_failure(self):
        rerun = "printf '1..3\\nok 1 - a\\nnot ok 2 - b\\nok 3 - c\\n'; exit 1"
        rc = self.run_suites([rt.Suite("unit", sh("p", self.THREE)),
                              rt.Suite("asan-unit", sh("p", rerun), rerun_of="unit")])
        self.assertEqual(rc, 1)
        self.assertClosing(2, 1)
        self.assertFailed("asan-unit/p", "b")
        heading = self.out.index("re-runs on PostgreSQL and under sanitizers")
        self.assertLess(self.out.index("  unit/p "), heading)
        self.assertGreater(self.out.index("  asan-unit/p "), heading)

    def test_sanitizer_crash_counts_the_tests_it_kept_from_running_once(self):
        rerun = "printf '1..3\\nok 1 - a\\n'; kill -ABRT $$"
        rc = self.run_suites([rt.Suite("unit", sh("p", self.THREE)),
                              rt.Suite("asan-unit", sh("p", rerun), rerun_of="unit")])
        self.assertEqual(rc, 1)
        self.assertClosing(1, 2)

    def test_passing_rerun_adds_no_cases(self):
        rc = self.run_suites([rt.Suite("unit", sh("p", self.THREE)),
                              rt.Suite("asan-unit", sh("p", self.THREE), rerun_of="unit")])
        self.assertEqual(rc, 0)
        self.assertClosing(3, 0)

    def test_same_run_name_in_another_suite_is_another_case(self):
        rc = self.run_suites([rt.Suite("unit", sh("p", self.THREE)), rt.Suite("other", sh("p", self.THREE))])
        self.assertEqual(rc, 0)
        self.assertClosing(6, 0)

    def test_node_parent_counts_through_its_subtests(self):
        tap = "    ok 1 - a\\n    ok 2 - b\\n    1..2\\nok 1 - group\\nok 2 - alone\\n1..2\\n# tests 4\\n"
        rc = self.run_suites([rt.Suite("fake", sh("nested", f"printf '{tap}'"))])
        self.assertEqual(rc, 0)
        self.assertClosing(3, 0)

    def test_fuzz_corpus_is_one_test_per_target(self):
        src, build, corpora = (os.path.join(self.tmp, d) for d in ("src", "build", "corpus"))
        os.mkdir(src)
        os.mkdir(build)
        for name, inputs in (("a", 5), ("b", 3), ("c", 2)):
            open(os.path.join(src, f"fuzz_{name}.c"), "w").close()
            os.makedirs(os.path.join(corpora, name))
            for i in range(inputs):
                open(os.path.join(corpora, name, str(i)), "w").close()
            if name != "c":  # fuzz_c is not built
                exe = os.path.join(build, f"fuzz_{name}")
                with open(exe, "w") as f:
                    f.write("#!/bin/sh\nexit 0\n")
                os.chmod(exe, 0o755)
        rc = self.run_suites([rt.Suite("fuzz-corpus", rt.fuzz_replays(build, src, corpora))])
        self.assertEqual(rc, 1)
        self.assertClosing(2, 1)
        self.assertIn("(5 inputs)", self.out)
        self.assertFailed("fuzz-corpus/fuzz_c", "was not built")

    def test_exit_status_check_is_one_test(self):
        rc = self.run_suites([rt.Suite("layers", rt.command("check", ["sh", "-c", "exit 0"])),
                              rt.Suite("lint", rt.command("check", ["sh", "-c", "echo up-call; exit 1"]))])
        self.assertEqual(rc, 1)
        self.assertClosing(1, 1)
        self.assertIn("up-call", self.out)


class Table(unittest.TestCase):
    def test_every_suite_names_known_builds_and_an_earlier_suite(self):
        seen = set()
        for s in rt.SUITES:
            for need in s.needs:
                self.assertIn(need, rt.PREREQS, s.label)
            if s.rerun_of:
                self.assertIn(s.rerun_of, seen, s.label)
            seen.add(s.label)


if __name__ == "__main__":
    sys.exit(unittest.main())
