"""Serving a WSGI app on waitress, with the headers and checks every revkg server needs.

    guarded(app, host=..., cors=...)    Host check, security headers, CORS
    serve(app, host=..., port=...)      waitress: HTTP/1.1 keep-alive, a listen backlog
                                        of 1024, bounded connections and threads,
                                        slow clients dropped after a time-out

Bound to a loopback address, the server answers only requests whose ``Host`` is a
loopback name, so a web page cannot reach it through DNS rebinding.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Callable, Iterable
from typing import Any

from ..errors import AddressUnavailable

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8917
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]", "::1")
#: Pages may load only their own style and script, and may not be framed.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def is_loopback(host: str) -> bool:
    """True for localhost and the loopback addresses."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_name(header: str) -> str:
    """The host part of a Host header, without the port (IPv6 brackets kept)."""
    if header.startswith("["):
        return header[: header.find("]") + 1]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def guarded(app: WSGIApp, *, host: str = DEFAULT_HOST, cors: str | None = None) -> WSGIApp:
    """``app`` with the Host check (on loopback), security headers and optional CORS."""
    check_host = is_loopback(host)

    def wrapped(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if check_host and not is_loopback(_host_name(environ.get("HTTP_HOST", ""))):
            body = b"this server answers only requests addressed to localhost.\n"
            start_response(
                "403 Forbidden",
                [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))],
            )
            return [body]

        def start(status: str, headers: list[tuple[str, str]], *rest: Any) -> Any:
            headers = [*headers, *_security(headers), *_cors(cors, environ)]
            return start_response(status, headers, *rest)

        return app(environ, start)

    return wrapped


def _security(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    found = [("X-Content-Type-Options", "nosniff"), ("Cache-Control", "no-store")]
    ctype = next((v for k, v in headers if k.lower() == "content-type"), "")
    if ctype.startswith("text/html"):
        found += [("Content-Security-Policy", CSP), ("X-Frame-Options", "DENY")]
    return found


def _cors(origin: str | None, environ: dict[str, Any]) -> list[tuple[str, str]]:
    if not origin:
        return []
    asked = environ.get("HTTP_ORIGIN", "")
    if origin != "*" and asked != origin:
        return []
    found = [("Access-Control-Allow-Origin", origin), ("Vary", "Origin")]
    if environ.get("REQUEST_METHOD") == "OPTIONS":
        found += [
            ("Access-Control-Allow-Methods", "GET, POST, HEAD, OPTIONS"),
            ("Access-Control-Allow-Headers", "Accept, Content-Type"),
            ("Access-Control-Max-Age", "600"),
        ]
    return found


def make_server(
    app: WSGIApp, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, threads: int = 8
) -> Any:
    """A waitress server for ``app`` (not yet running; port 0 picks a free one).

    The listening socket is made here, so an address that cannot be had raises
    AddressUnavailable before waitress starts anything."""
    from waitress.server import create_server

    sock = _listening(host, port)
    try:
        return create_server(
            app,
            sockets=[sock],
            threads=threads,
            backlog=1024,
            connection_limit=256,
            channel_timeout=30,
            channel_request_lookahead=1,  # lets the app see a client that has gone
            max_request_body_size=1024 * 1024,
            max_request_header_size=64 * 1024,
            expose_tracebacks=False,
            ident="revkg",
        )
    except BaseException:
        sock.close()
        raise


def serve(
    app: WSGIApp,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    ready: Callable[[int], None] | None = None,
    done: Callable[[], None] | None = None,
) -> None:
    """Serve ``app`` until interrupted. ``ready`` is called with the port once the server
    listens (AddressUnavailable if it cannot); ``done`` is called at the end, however it
    comes (also when the address cannot be had)."""
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # busy moments are normal
    try:
        server = make_server(app, host=host, port=port)
        try:
            if ready is not None:
                ready(server.effective_port)
            server.run()
        finally:
            server.close()
    finally:
        if done is not None:
            done()


def _listening(host: str, port: int) -> socket.socket:
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
    except (OSError, OverflowError) as e:  # no such host, port out of range
        raise _unavailable(host, port, e) from e
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(1024)
    except OSError as e:  # in use, not allowed
        sock.close()
        raise _unavailable(host, port, e) from e
    return sock


def _unavailable(host: str, port: int, error: Exception) -> AddressUnavailable:
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return AddressUnavailable(
        f"cannot listen on {host}:{port} ({reason}); choose another --port or --host."
    )
