#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""A person at a terminal, for the tests: runs pkttyagent (polkit's text agent) on a pseudo-terminal, as a login
session would, and types PASSWORD each time it asks "Password:". Everything the agent shows goes to TRANSCRIPT.
Prints "registered" on stdout once the agent is registered with polkitd (pkttyagent's --notify-fd), then runs
until the agent exits or this is terminated.

If GO_FILE is given (not "-"), the person waits to type until that file exists: the test looks at the tray while
the prompt is open. Prints "failed" instead of "registered" if the agent exits without registering.

usage: pkttyagent-types-password.py PASSWORD TRANSCRIPT GO_FILE -- COMMAND... (COMMAND ends in pkttyagent's
       arguments; --notify-fd N is appended here)
"""
import os
import pty
import select
import sys
import time


def main():
    password, transcript, go_file = sys.argv[1], sys.argv[2], sys.argv[3]
    command = sys.argv[sys.argv.index("--") + 1:]
    ready_r, ready_w = os.pipe()
    os.set_inheritable(ready_w, True)
    pid, master = pty.fork()
    if pid == 0:
        os.execvp(command[0], command + ["--notify-fd", str(ready_w)])
    os.close(ready_w)
    seen = b""
    registered = False
    with open(transcript, "ab", buffering=0) as out:
        while True:
            watch = [master] + ([] if registered else [ready_r])
            readable, _, _ = select.select(watch, [], [], 1.0)
            if ready_r in readable:
                os.read(ready_r, 1)  # EOF: the agent closed the fd once registered, or exited
                registered = True
                time.sleep(0.3)
                exited, _ = os.waitpid(pid, os.WNOHANG)
                print("failed" if exited else "registered", flush=True)
                if exited:
                    try:
                        out.write(os.read(master, 4096))
                    except OSError:
                        pass  # nothing more to read from an agent that has gone
                    return
            if master in readable:
                try:
                    data = os.read(master, 4096)
                except OSError:
                    break  # the agent exited
                if not data:
                    break
                out.write(data)
                seen += data
                if seen.rstrip().endswith(b"Password:"):
                    while go_file != "-" and not os.path.exists(go_file):
                        time.sleep(0.1)
                    os.write(master, password.encode() + b"\n")
                    out.write(b"[typed the password]\n")
                    seen = b""
    os.waitpid(pid, 0)


if __name__ == "__main__":
    main()
