"""Running the app with uvicorn: in the foreground (``medllm serve``) or in a thread (tests, benchmarks)."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from typing import Any

import uvicorn

#: seconds between two requests on one kept-alive connection before uvicorn closes it
_KEEP_ALIVE = 5


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _config(app: Any, host: str, port: int, log_level: str) -> uvicorn.Config:
    # access_log off: uvicorn's line holds the client address and path; medllm writes its own line per
    # request (route, status, tokens, time) without content.
    return uvicorn.Config(
        app, host=host, port=port, log_level=log_level, access_log=False, timeout_keep_alive=_KEEP_ALIVE, lifespan="on"
    )


def run_server(app: Any, host: str = "127.0.0.1", port: int = 8000, log_level: str = "info") -> None:
    """Serve ``app`` until interrupted."""
    uvicorn.Server(_config(app, host, port, log_level)).run()


class ServerThread:
    """``app`` served on 127.0.0.1 at a free port in a background thread; use it as a context manager.

    Example:
        >>> with ServerThread(create_app(state)) as server:
        ...     httpx.get(server.url + "/health")
    """

    def __init__(self, app: Any, log_level: str = "warning") -> None:
        self.app = app
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self.port = int(self._socket.getsockname()[1])
        self.server = uvicorn.Server(_config(app, "127.0.0.1", self.port, log_level))
        self._thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self._socket]}, daemon=True)

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """The OpenAI base URL, ``http://127.0.0.1:PORT/v1``."""
        return self.url + "/v1"

    def start(self, timeout: float = 30.0) -> ServerThread:
        self._thread.start()
        end = time.monotonic() + timeout
        while not self.server.started:
            if not self._thread.is_alive() or time.monotonic() > end:
                raise RuntimeError("the server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self._thread.join(timeout=30)
        self._socket.close()

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
