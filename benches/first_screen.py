#!/usr/bin/env python3
"""Time from starting a program in tmux to the moment its screen shows a given text.

Why not a shell loop of `tmux capture-pane | grep`: each poll starts two processes, a few
milliseconds on a small machine, so a first screen of about 10 ms was measured to the
nearest poll and a program a little slower could lose a whole poll. Here one tmux client
in control mode (`tmux -C`) is told of every piece of output as the server reads it, and
the screen is captured right after each piece, through the same client; the clock stops
at the first capture that holds the needle.

The programs are run in turn (a, b, a, b, ...) so that a drift of the machine's speed
weighs on both alike. Prints one line per program: its median and every run, in ms.

Usage: first_screen.py WIDTH HEIGHT RUNS NEEDLE NAME=COMMAND [NAME=COMMAND ...]
"""

import os
import select
import subprocess
import sys
import time


class Control:
    """A tmux control-mode client on a private server."""

    def __init__(self, width, height):
        self.socket = f"pilcrow-first-screen-{os.getpid()}"
        self.process = subprocess.Popen(
            ["tmux", "-L", self.socket, "-C", "new-session", "-x", str(width), "-y", str(height)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
        )
        self.pending = b""
        # The session's own shell announces itself; let it settle.
        self.read_until(lambda line: line.startswith(b"%output"), timeout=5)

    def send(self, command):
        self.process.stdin.write(command.encode() + b"\n")

    def lines(self, timeout):
        """Lines from the server as they come, until `timeout` seconds pass."""
        deadline = time.monotonic() + timeout
        fd = self.process.stdout.fileno()
        while True:
            while b"\n" in self.pending:
                line, self.pending = self.pending.split(b"\n", 1)
                yield line
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return
            self.pending += chunk

    def read_until(self, wanted, timeout):
        for line in self.lines(timeout):
            if wanted(line):
                return line
        return None

    def reply(self, lines, pane=None):
        """The body of the next %begin ... %end block, and whether `pane` wrote meanwhile."""
        body = []
        inside = False
        wrote = False
        for line in lines:
            if line.startswith(b"%begin"):
                inside = True
            elif line.startswith((b"%end", b"%error")) and inside:
                break
            elif inside:
                body.append(line)
            elif pane and line.startswith(b"%output " + pane + b" "):
                wrote = True
        return body, wrote

    def close(self):
        try:
            self.send("kill-server")
            self.process.wait(timeout=5)
        except (BrokenPipeError, subprocess.TimeoutExpired):
            self.process.kill()


def first_screen_ms(control, command, needle):
    start = time.monotonic()
    control.send(f"new-window -d -P -F '#{{pane_id}} #{{pane_pid}}' {shell_quote(command)}")
    lines = control.lines(timeout=20)
    pane, pid = control.reply(lines)[0][0].split()
    seen = None
    output = b"%output " + pane + b" "
    while seen is None:
        if not any(line.startswith(output) for line in lines):
            break
        # Capture after each piece of output, and again at once for output that came
        # while a capture was on its way.
        wrote = True
        while wrote and seen is None:
            control.send(f"capture-pane -p -t {pane.decode()}")
            screen, wrote = control.reply(lines, pane)
            if needle in b"\n".join(screen):
                seen = time.monotonic()
    control.send(f"kill-pane -t {pane.decode()}")
    control.reply(lines)
    # The next run starts on a quiet machine: this program is gone first.
    while True:
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            break
        time.sleep(0.001)
    if seen is None:
        sys.exit(f"first_screen.py: {command!r} never showed {needle.decode()!r}")
    return (seen - start) * 1000


def shell_quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def main():
    if len(sys.argv) < 6:
        sys.exit(__doc__)
    width, height, runs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    needle = sys.argv[4].encode()
    programs = [argument.split("=", 1) for argument in sys.argv[5:]]
    control = Control(width, height)
    try:
        # One run of each first warms the page cache and the binaries.
        for _, command in programs:
            first_screen_ms(control, command, needle)
        times = {name: [] for name, _ in programs}
        for _ in range(runs):
            for name, command in programs:
                times[name].append(first_screen_ms(control, command, needle))
    finally:
        control.close()
    for name, values in times.items():
        shown = " ".join(f"{value:.1f}" for value in values)
        print(f"{name} {median(values):.2f} ms (runs: {shown})")


if __name__ == "__main__":
    main()
