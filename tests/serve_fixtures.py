"""A real endpoint in its own process on a free loopback port, and its memory."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SERVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from revkg.sparql.serve import make_app
    from revkg.sparql.http import make_server
    app = make_app(Path(sys.argv[1]), engine=sys.argv[2], workers=2,
                   timeout=float(sys.argv[4]), cors=sys.argv[3] or None)
    server = make_server(app, host="127.0.0.1", port=0)
    print(server.effective_port, flush=True)
    try:
        server.run()
    finally:
        app.close()
    """
)


@dataclass
class Served:
    process: subprocess.Popen[str]
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def rss_mib(self) -> float:
        """Resident memory of the server process (not its workers), in MiB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise AssertionError("no VmRSS")


def serve(
    trig: Path, engine: str = "oxigraph", cors: str = "", timeout: float = 1.5
) -> Iterator[Served]:
    with subprocess.Popen(
        [sys.executable, "-c", SERVER, str(trig), engine, cors, str(timeout)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as process:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.strip().isdigit():
            process.kill()
            pytest.fail("the server did not start")
        try:
            yield Served(process, int(line))
        finally:
            process.terminate()
            process.wait(10)
            process.stdout.close()
