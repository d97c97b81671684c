"""A gunicorn gthread worker that reads each request whole before a thread sees it.

gthread hands a connection to a thread as soon as it is accepted (gunicorn 27 then waits up to 5 s in that
thread for a first byte) and the thread reads the request without a time limit: a client that sends its
request a byte at a time, or 500 clients that connect and say nothing, hold every thread of a small
server (slowloris), and /health waits behind them. Here the worker's event loop reads every request,
head and body, without blocking, and only a complete request goes to a thread; a request still
incomplete REQUEST_READ_TIMEOUT seconds after the loop began waiting for it is answered 408 and its
connection closed. `GET /health` is answered in the event loop itself, so a load balancer gets its answer
while every thread is busy with queries. Errors gunicorn answers itself (a request line over the limit:
414, too many or too large header fields: 431, a malformed request: 400) are text/plain like the app's."""

import html
import re
import socket
import threading
import time
from concurrent import futures
from email.utils import formatdate
from functools import partial
from selectors import EVENT_READ

from gunicorn.workers.gthread import ThreadWorker

from saxgraph.web import ARRIVED, fast_path

TOO_SLOW = (b"HTTP/1.1 408 Request Timeout\r\nContent-Type: text/plain; charset=utf-8\r\n"
            b"Connection: close\r\n"
            b"Content-Length: %d\r\n\r\n%s")
_handling = threading.local()
# A head larger than this goes to gunicorn's parser as it is, which refuses it (414 or 431).
MAX_HEAD_BYTES = 64 * 1024
_HEALTH = re.compile(rb"(GET|HEAD) /health[ ?]")
_CONTENT_LENGTH = re.compile(rb"^content-length[ \t]*:[ \t]*(\d+)[ \t]*$", re.IGNORECASE | re.MULTILINE)
_CHUNKED = re.compile(rb"^transfer-encoding[ \t]*:.*chunked", re.IGNORECASE | re.MULTILINE)
# A request the app's fast path may know by its bytes (saxgraph.web.fast_path): one GET /sparql, HTTP/1.1,
# no body, nothing pipelined behind it.
_PLANNABLE = re.compile(rb"GET /sparql\?[^ \r\n]* HTTP/1\.1\r\n(?:[^\r\n]+\r\n)*\r\n")


def request_complete(data: bytes, max_body: int | None) -> bool:
    """Whether `data` holds a whole HTTP/1.1 request (or enough of one for the server to refuse it: a head
    over MAX_HEAD_BYTES, a body over `max_body`, a malformed chunk)."""
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return len(data) > MAX_HEAD_BYTES
    head, body = data[:end], data[end + 4:]
    if _CHUNKED.search(head):
        return _chunked_complete(body, max_body)
    length = _CONTENT_LENGTH.search(head)
    if length is None:
        return True
    declared = int(length.group(1))
    return len(body) >= declared or (max_body is not None and declared > max_body)


def _chunked_complete(body: bytes, max_body: int | None) -> bool:
    position = total = 0
    while True:
        line_end = body.find(b"\r\n", position)
        if line_end < 0:
            return len(body) - position > 1024  # a chunk-size line that long is malformed: let it be refused
        size_text = body[position:line_end].split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            return True  # malformed: the parser answers 400
        if size == 0:
            return body.find(b"\r\n\r\n", line_end) >= 0 or body.endswith(b"\r\n\r\n")
        total += size
        if max_body is not None and total > max_body:
            return True  # the application refuses it (413) without reading it
        position = line_end + 2 + size + 2
        if position > len(body):
            return False


class RequestSocket:
    """A client socket whose reads first return what the event loop has already read, then read the
    socket itself (pipelined requests) under a deadline; everything else is the socket's."""

    def __init__(self, sock: socket.socket, seconds: float):
        self.raw, self._seconds = sock, seconds
        self.pending = b""
        self.arrived: float | None = None  # when the event loop had read the request whole
        self.send_timeout: float | None = None  # set while the event loop itself answers

    def sendall(self, data, *flags):
        if self.send_timeout is None:
            return self.raw.sendall(data, *flags)
        self.raw.settimeout(self.send_timeout)
        try:
            return self.raw.sendall(data, *flags)
        finally:
            self.raw.settimeout(None)

    def __getattr__(self, name):
        return getattr(self.raw, name)

    def feed(self, data: bytes) -> None:
        self.pending += data

    def recv(self, size: int, *flags) -> bytes:
        if self.pending:
            data, self.pending = self.pending[:size], self.pending[size:]
            return data
        self.raw.settimeout(self._seconds)
        try:
            return self.raw.recv(size, *flags)
        except TimeoutError:
            return b""  # reads as a client that went away
        finally:
            self.raw.settimeout(None)


class _PlainErrorSocket:
    """Rewrites the HTML error page gunicorn writes for a request it cannot parse as text/plain."""

    _STATUS = re.compile(rb"^HTTP/1\.1 (\d{3}) ([^\r\n]*)")
    _MESSAGE = re.compile(rb"</h1>\s*(.*?)\s*</body>", re.DOTALL)

    def __init__(self, sock):
        self._sock = sock

    def __getattr__(self, name):
        return getattr(self._sock, name)

    def sendall(self, data: bytes, *flags):
        status, message = self._STATUS.match(data), self._MESSAGE.search(data)
        if status is None:
            return self._sock.sendall(data, *flags)
        reason = status.group(2).decode("latin-1")
        text = html.unescape(message.group(1).decode("latin-1")) if message else ""
        hint = {"414": " The query is too long for a GET URL: send it by POST (form or "
                       "application/sparql-query)."}.get(status.group(1).decode(), "")
        body = f"{reason}: {text or reason}.{hint}\n".replace("..", ".").encode("utf-8")
        head = (f"HTTP/1.1 {status.group(1).decode()} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\n"
                f"Connection: close\r\nContent-Length: {len(body)}\r\n\r\n").encode("latin-1")
        return self._sock.sendall(head + body, *flags)


class _Arrival:
    """WSGI middleware: tells the app when the request it handles had arrived whole."""

    def __init__(self, app):
        self.app = app
        self.config = getattr(app, "config", {})

    def __call__(self, environ, start_response):
        environ[ARRIVED] = getattr(_handling, "arrived", None) or time.monotonic()
        return self.app(environ, start_response)


class DeadlineThreadWorker(ThreadWorker):
    """gthread whose event loop reads requests whole (REQUEST_READ_TIMEOUT) and answers /health itself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._arriving: dict = {}  # connection -> the time by which its request must have arrived

    def load_wsgi(self):
        super().load_wsgi()
        self._fast = fast_path.of(self.wsgi)
        self.wsgi = _Arrival(self.wsgi)

    def _setting(self, name: str, default):
        return getattr(self.wsgi, "config", {}).get(name, default)

    def handle(self, conn):
        _handling.arrived = getattr(conn.sock, "arrived", None)
        try:
            head = self._plannable(conn)
            if head is not None:
                plan = self._fast.planned(head)
                if plan is not None and conn.initialized:
                    answered = self._answer_planned(conn, plan)
                    if answered is not None:
                        return answered
                fast_path.current.head = head  # Flask's answer becomes the plan of these bytes
            return super().handle(conn)
        finally:
            _handling.arrived = None
            fast_path.current.head = fast_path.current.preset_error = None

    _fast = None  # the app's fast path (saxgraph.web.fast_path), if it has one
    _date = (0, b"")

    def _plannable(self, conn) -> bytes | None:
        """The request's bytes, when it is one the fast path can know by them: a plain GET /sparql (no
        body, no Connection or Upgrade header, no forwarding headers, which gunicorn reads depending on the
        peer),
        read whole by the event loop, nothing pipelined behind it."""
        sock = conn.sock
        if self._fast is None or not isinstance(sock, RequestSocket) or not isinstance(conn.client, tuple) \
                or conn.is_http2:
            return None
        head = sock.pending
        if not head.startswith(b"GET /sparql?") or _PLANNABLE.fullmatch(head) is None:
            return None
        lowered = head.lower()
        if b"\nconnection:" in lowered or b"forwarded" in lowered or b"\ncontent-length:" in lowered \
                or b"\ntransfer-encoding:" in lowered or b"\nupgrade:" in lowered:
            return None
        if conn.parser is not None and conn.parser.unreader.buf.getvalue():
            return None
        return head

    def _answer_planned(self, conn, plan) -> bool | None:
        """Answer a planned request here, as gunicorn and the app would (headers and all); None to leave
        it to them: the worker is winding down or its keep-alive slots are full, or the query failed
        (Flask answers the error: fast_path.current.preset_error)."""
        if not self.alive or not self.cfg.keepalive or self.nr + 1 >= self.max_requests \
                or len(self.keepalived_conns) >= self.max_keepalived:
            return None
        try:
            headers, body = self._fast.answer(plan, conn.client[0], conn.sock.arrived)
        except fast_path.Answered as failed:
            fast_path.current.preset_error = failed.error
            return None
        conn.sock.pending = b""
        self.nr += 1
        now = int(time.time())
        if self._date[0] != now:
            self._date = (now, formatdate(now, usegmt=True).encode("latin-1"))
        out = b"".join([b"HTTP/1.1 200 OK\r\nServer: gunicorn\r\nDate: ", self._date[1],
                        b"\r\nConnection: keep-alive\r\n",
                        "".join(f"{name}: {value}\r\n" for name, value in headers).encode("latin-1"),
                        b"\r\n", body])
        try:
            conn.sock.setblocking(True)
            conn.sock.sendall(out)
        except OSError:
            return False  # the client went away: gunicorn closes the connection
        return True

    def enqueue_req(self, conn):
        """Called on the event loop for a new connection or a kept-alive one that became readable."""
        if not isinstance(conn.sock, RequestSocket):
            conn.sock = RequestSocket(conn.sock, float(self._setting("REQUEST_READ_TIMEOUT", 30)))
        if conn.parser is not None and conn.parser.unreader.buf.getvalue():
            return super().enqueue_req(conn)  # pipelined: its parser has read the next request already
        conn.sock.raw.setblocking(False)
        self._arriving[conn] = time.monotonic() + float(self._setting("REQUEST_READ_TIMEOUT", 30))
        self.poller.register(conn.sock.raw, EVENT_READ, partial(self._on_readable, conn))

    def _on_readable(self, conn, _fileobj) -> None:
        try:
            data = conn.sock.raw.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client went away before its request was whole
            self._stop_waiting(conn)
            self.nr_conns -= 1
            conn.close()
            return
        conn.sock.feed(data)
        if not request_complete(conn.sock.pending, self._setting("MAX_CONTENT_LENGTH", None)):
            return
        self._stop_waiting(conn)
        conn.data_ready = True
        conn.sock.arrived = time.monotonic()
        if _HEALTH.match(conn.sock.pending):
            self._answer_here(conn)
        else:
            super().enqueue_req(conn)

    def _stop_waiting(self, conn) -> None:
        self._arriving.pop(conn, None)
        try:
            self.poller.unregister(conn.sock.raw)
        except (KeyError, ValueError, OSError):
            pass

    def _answer_here(self, conn) -> None:
        """A cheap request answered on the event loop, so that no busy thread can hold it up."""
        outcome = futures.Future()
        conn.sock.send_timeout = 2.0  # a client that does not read its answer cannot hold the loop longer
        try:
            outcome.set_result(self.handle(conn))
        except Exception as error:
            outcome.set_exception(error)
        finally:
            conn.sock.send_timeout = None
        self.finish_request(conn, outcome)

    def murder_pending(self):
        super().murder_pending()
        now = time.monotonic()
        for conn, deadline in list(self._arriving.items()):
            if deadline <= now:
                self._stop_waiting(conn)
                self._too_slow(conn)
                self.nr_conns -= 1
                conn.close()

    def _too_slow(self, conn) -> None:
        seconds = float(self._setting("REQUEST_READ_TIMEOUT", 30))
        message = (f"Request Timeout: the request did not arrive within {seconds:g} s "
                   "(REQUEST_READ_TIMEOUT).\n").encode()
        try:
            conn.sock.raw.settimeout(1)
            conn.sock.raw.sendall(TOO_SLOW % (len(message), message))
        except OSError:
            pass

    def handle_error(self, req, client, addr, exc):
        return super().handle_error(req, _PlainErrorSocket(client), addr, exc)
