"""Real triplestores for the integration tests, each started on a free loopback port with its data in a
temporary folder and killed at teardown: Oxigraph's server (PyPI `oxigraph`) and OpenLink Virtuoso
(Debian `virtuoso-opensource`)."""

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.processes import free_port, wait_for

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
MaxClientConnections = 10
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 30
DefaultQuery = ASK {{}}
"""


@dataclass
class StoreServer:
    name: str
    process: subprocess.Popen
    store_url: str  # the Graph Store Protocol endpoint, as `saxgraph publish --store` takes it
    query_url: str  # the SPARQL query endpoint, as `saxgraph serve --backend` takes it
    auth: tuple[str, str] | None
    directory: Path

    @property
    def auth_option(self) -> list[str]:
        return ["--auth", ":".join(self.auth)] if self.auth else []

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def oxigraph_binary() -> str | None:
    beside_python = Path(sys.executable).parent / "oxigraph"
    return str(beside_python) if beside_python.is_file() else shutil.which("oxigraph")


def virtuoso_binary() -> str | None:
    return shutil.which("virtuoso-t") or next(
        (p for p in ("/usr/bin/virtuoso-t", "/usr/local/bin/virtuoso-t") if Path(p).is_file()), None)


def start_oxigraph(directory: Path, port: int | None = None) -> StoreServer:
    port = port or free_port()
    log = open(directory / "oxigraph.log", "ab")
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(directory / "data"),
                                "--bind", f"127.0.0.1:{port}", "--timeout-s", "5"], stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    server = StoreServer("oxigraph", process, f"{base}/store", f"{base}/query", None, directory)
    _wait_until_up(server, f"{base}/query?query=ASK%7B%7D", directory / "oxigraph.log", 30)
    return server


def start_virtuoso(directory: Path) -> StoreServer:
    http_port, sql_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=directory, sql_port=sql_port, http_port=http_port))
    log = open(directory / "virtuoso.out", "ab")
    # -f: stay in the foreground, so the fixture owns the process and kills it at teardown
    process = subprocess.Popen([virtuoso_binary(), "-f", "-c", str(ini)], cwd=directory, stdout=log,
                               stderr=log)
    base = f"http://127.0.0.1:{http_port}"
    server = StoreServer("virtuoso", process, f"{base}/sparql-graph-crud-auth?graph-uri=", f"{base}/sparql",
                         ("dba", "dba"), directory)
    _wait_until_up(server, f"{base}/sparql?query=ASK%7B%7D", directory / "virtuoso.out", 120)
    return server


def _wait_until_up(server: StoreServer, url: str, log: Path, seconds: float) -> None:
    """Until the store answers; if it does not, it is stopped (no process left behind) and the error
    carries its log."""
    try:
        wait_for(url, server.process, log, seconds)
    except AssertionError:
        server.stop()
        raise
