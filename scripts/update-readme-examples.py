#!/usr/bin/env python3
"""Rewrites the README's example outputs (each ```text block that starts with "$ htref ...")
from the binary, as tests/integration/docs.rs checks them: an 80-column terminal, a table
where the block shows one, the footer's data date as it is. Review the diff: it is what
readers will take for htref's answer.

    cargo build --release && python3 scripts/update-readme-examples.py
"""
import os, re, shlex, subprocess, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
binary = os.path.join(root, "target", "release", "htref")
readme = os.path.join(root, "README.md")


def output(command, table):
    args = shlex.split(command)[2:]  # after "$ htref"
    if table and not any(a in ("--format", "--plain", "--json") for a in args):
        args += ["--format", "table"]
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "COLUMNS": "80",
           "XDG_CONFIG_HOME": "/nonexistent/config", "XDG_DATA_HOME": "/nonexistent/data"}
    run = subprocess.run([binary] + args, capture_output=True, text=True, env=env)
    return run.stdout


def rewrite(match):
    command, body = match.group(1), match.group(2)
    return "```text\n%s\n%s```" % (command, output(command, "┌" in body))


text = open(readme, encoding="utf-8").read()
new = re.sub(r"```text\n(\$ htref[^\n]*)\n(.*?)```", rewrite, text, flags=re.S)
open(readme, "w", encoding="utf-8").write(new)
sys.stdout.write("README examples %s\n" % ("rewritten" if new != text else "unchanged"))
