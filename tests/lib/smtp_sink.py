#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""A real SMTP server on 127.0.0.1 for the tests (Debian's python3-aiosmtpd).

Usage: smtp_sink.py PORT DIR [--fail N]
Every message received is written to DIR/NNN.eml. With --fail N the first N
transactions are refused with a 451 (to test retries). Prints "ready" when
listening; stops on SIGTERM.
"""
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, out, fail):
        self.out = out
        self.fail = fail
        self.n = 0

    async def handle_DATA(self, server, session, envelope):
        if self.fail > 0:
            self.fail -= 1
            return "451 4.3.0 Try again later (test)"
        self.n += 1
        # Written aside, then renamed: a reader never sees half a message, so
        # tests/lib/mailbox.mjs may parse each NNN.eml once.
        path = f"{self.out}/{self.n:03d}.eml"
        with open(path + ".part", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(path + ".part", path)
        return "250 2.0.0 Stored as %03d" % self.n


def main():
    port, out = int(sys.argv[1]), sys.argv[2]
    fail = int(sys.argv[sys.argv.index("--fail") + 1]) if "--fail" in sys.argv else 0
    ctl = Controller(Handler(out, fail), hostname="127.0.0.1", port=port)
    ctl.start()
    print("ready", flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: done.set())
    signal.signal(signal.SIGINT, lambda *a: done.set())
    done.wait()
    ctl.stop()


if __name__ == "__main__":
    main()
