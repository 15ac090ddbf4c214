"""What the tools that set up test programs share (tools/chromium.py, tools/test_postgres.py,
tools/test_redis.py): installing a Debian package when it is missing, and a free loopback port.

A module of tools/, imported by bare name: a tool run as a script has tools/ on sys.path, and
the tests that import a tool put tools/ there first.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

POLICY_RC = Path("/usr/sbin/policy-rc.d")


def apt_get_install(package: str, missing: str, tool: str, error: type[Exception]) -> None:
    """Install Debian's `package` quietly (root only), or raise `error`.

    `missing` says what is missing (the start of the error without root); `tool` names the
    caller on the line that says an install is under way. While the package installs, a
    policy-rc.d (exit code 101) tells its maintainer scripts not to start services: a server
    package would otherwise start a system server that nobody stops.
    """
    if os.geteuid() != 0:
        raise error(f"{missing} and only root can apt-get it: install `{package}`")
    print(f"{tool}: installing Debian's {package} (apt-get)", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    own_policy = not POLICY_RC.exists()
    if own_policy:
        POLICY_RC.write_text("#!/bin/sh\nexit 101\n")
        POLICY_RC.chmod(0o755)
    try:
        for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", package]):
            subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    except subprocess.CalledProcessError as exc:
        raise error(f"{' '.join(exc.cmd)} failed with exit code {exc.returncode}") from exc
    finally:
        if own_policy:
            POLICY_RC.unlink(missing_ok=True)


def free_port(first: int, error: type[Exception]) -> int:
    """The first of the 100 ports from `first` that nothing on 127.0.0.1 listens on."""
    for port in range(first, first + 100):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise error(f"no free port in {first}..{first + 99}")
