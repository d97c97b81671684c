"""A gunicorn gthread worker that gives each request a deadline to arrive (REQUEST_READ_TIMEOUT).

gthread hands a connection to a thread as soon as its first byte arrives, and the thread then reads the
rest without a time limit: a client that sends its request a byte at a time holds the thread for as long
as it likes, and a dozen such clients hold every thread of a small server (slowloris). Here every read of a
request is bounded by one deadline, counted from its first read: a request head still incomplete then is
answered 408 and the connection closed; a body still incomplete reads as a client that went away (werkzeug
answers 400). The deadline starts again with the next request on a kept-alive connection."""

import socket
import time

from gunicorn.http.errors import NoMoreData
from gunicorn.workers.gthread import ThreadWorker

TOO_SLOW = (b"HTTP/1.1 408 Request Timeout\r\nContent-Type: text/plain; charset=utf-8\r\n"
            b"Connection: close\r\n"
            b"Content-Length: %d\r\n\r\n%s")


class DeadlineSocket:
    """A client socket whose reads for one request end at a deadline; everything else is the socket's."""

    def __init__(self, sock: socket.socket, seconds: float):
        self._sock, self._seconds = sock, seconds
        self._deadline: float | None = None
        self.reading_head = True

    def __getattr__(self, name):
        return getattr(self._sock, name)

    def recv(self, size: int, *flags) -> bytes:
        now = time.monotonic()
        if self._deadline is None:
            self._deadline = now + self._seconds
        remaining = self._deadline - now
        if remaining > 0:
            self._sock.settimeout(remaining)
            try:
                return self._sock.recv(size, *flags)
            except TimeoutError:
                pass
            finally:
                self._sock.settimeout(None)
        return self._too_slow()

    def _too_slow(self) -> bytes:
        if self.reading_head:
            message = (f"Request Timeout: the request did not arrive within {self._seconds:g} s "
                       "(REQUEST_READ_TIMEOUT).\n").encode()
            try:
                self._sock.settimeout(1)
                self._sock.sendall(TOO_SLOW % (len(message), message))
            except OSError:
                pass
            raise NoMoreData(b"")
        return b""  # the body stops here: the application sees a client that went away

    def sendall(self, data, *flags):
        self._deadline, self.reading_head = None, True  # the answer goes out: the next request starts afresh
        return self._sock.sendall(data, *flags)

    def send(self, data, *flags):
        self._deadline, self.reading_head = None, True
        return self._sock.send(data, *flags)


class DeadlineThreadWorker(ThreadWorker):
    """gthread with a per-request read deadline (the app's REQUEST_READ_TIMEOUT setting)."""

    def enqueue_req(self, conn):
        if not isinstance(conn.sock, DeadlineSocket):
            config = getattr(self.wsgi, "config", {})
            conn.sock = DeadlineSocket(conn.sock, float(config.get("REQUEST_READ_TIMEOUT", 30)))
        return super().enqueue_req(conn)

    def handle_request(self, req, conn):
        conn.sock.reading_head = False  # the head is in; the application reads the body
        return super().handle_request(req, conn)
