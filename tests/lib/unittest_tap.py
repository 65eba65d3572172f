#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Run the python3 unittest tests of a folder and print TAP, for scripts/runtests.py.

Usage: unittest_tap.py DIR      (discovers DIR/test_*.py)

The plan (1..N, every test found) comes first, then one result per test as it
ends, with a failure's traceback as `#` comments after its line. A class or
module whose set-up fails runs none of its tests: they are missing from the
results, and the runner counts them as failed. Exit status 1 when anything failed.
"""
import sys
import traceback
import unittest


class TapResult(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.n = 0
        self.current = None  # [test, status, directive, diagnostics]

    def startTest(self, test):
        super().startTest(test)
        self.current = [test, "ok", "", []]

    def _fail(self, test, err):
        text = "".join(traceback.format_exception(*err))
        if self.current and self.current[0] is test:
            self.current[1] = "not ok"
            self.current[3].append(text)
        else:  # a class or module set-up: no test line of its own
            print("".join("# " + ln + "\n" for ln in (f"{test}\n" + text).splitlines()), end="")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._fail(test, err)

    def addError(self, test, err):
        super().addError(test, err)
        self._fail(test, err)

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self.current[1] = "not ok"
            self.current[3].append(f"{subtest}\n" + "".join(traceback.format_exception(*err)))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.current[2] = " # SKIP " + reason

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self.current[2] = " # TODO expected failure"

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self.current[1] = "not ok"

    def stopTest(self, test):
        super().stopTest(test)
        test, status, directive, diags = self.current
        self.n += 1
        print(f"{status} {self.n} - {test.id()}{directive}")
        for d in diags:
            print("".join("# " + ln + "\n" for ln in d.splitlines()), end="")
        sys.stdout.flush()
        self.current = None


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    suite = unittest.defaultTestLoader.discover(sys.argv[1], pattern="test_*.py",
                                                top_level_dir=sys.argv[1])
    print(f"1..{suite.countTestCases()}", flush=True)
    result = TapResult()
    suite.run(result)
    sys.exit(0 if result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
