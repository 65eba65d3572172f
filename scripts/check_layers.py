#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Check that every #include in src/ goes down the layers, as README.md says:

    core <- text <- {store, render, net} <- app <- {http, cli}

store, render and net stand side by side and include none of each other;
http and cli include none of each other, except the one command that starts
the server (src/cli/cmd_serve.c). Prints TAP (one test per layer) so that the
test runner counts it like any other suite; exits 1 on a violation.
Usage: scripts/check_layers.py [SRC_DIR]
"""
import os
import re
import sys

# What each layer may include (itself always).
ALLOWED = {
    "core": set(),
    "text": {"core"},
    "store": {"core", "text"},
    "render": {"core", "text"},
    "net": {"core", "text"},
    "app": {"core", "text", "store", "render", "net"},
    "http": {"core", "text", "store", "render", "net", "app"},
    "cli": {"core", "text", "store", "render", "net", "app"},
}
# The only files allowed to cross sideways, and what they may reach.
EXCEPTIONS = {
    "cli/cmd_serve.c": {"http"},  # the command that starts the server
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"(?:\.\./)*([a-z]+)/[^"]+"', re.M)


def violations(src):
    bad = {layer: [] for layer in ALLOWED}
    for layer in ALLOWED:
        top = os.path.join(src, layer)
        for root, _, files in os.walk(top):
            for f in sorted(files):
                if not f.endswith((".c", ".h")):
                    continue
                path = os.path.join(root, f)
                rel = os.path.relpath(path, src)
                with open(path, encoding="utf-8") as fh:
                    text = fh.read()
                for m in INCLUDE.finditer(text):
                    target = m.group(1)
                    if target == layer or target not in ALLOWED:
                        continue
                    if target in ALLOWED[layer] or target in EXCEPTIONS.get(rel, set()):
                        continue
                    line = text.count("\n", 0, m.start()) + 1
                    bad[layer].append(f"{rel}:{line} includes {target}/ ({layer} may include "
                                      f"{', '.join(sorted(ALLOWED[layer])) or 'nothing else'})")
    return bad


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src")
    missing = [layer for layer in ALLOWED if not os.path.isdir(os.path.join(src, layer))]
    bad = violations(src)
    print(f"1..{len(ALLOWED)}")
    failed = 0
    for i, layer in enumerate(ALLOWED, 1):
        if layer in missing:
            print(f"not ok {i} - {layer}: no src/{layer}/")
            failed += 1
        elif bad[layer]:
            print(f"not ok {i} - {layer} includes a layer above or beside it")
            for v in bad[layer]:
                print(f"# {v}")
            failed += 1
        else:
            print(f"ok {i} - {layer}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
