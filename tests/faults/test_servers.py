"""The throwaway servers fault tests rely on really stop and start."""

import socket

import pytest

from tests.faults.servers import wait_for_port


def test_redis_server_is_killed_and_restarted_on_the_same_port(redis_server):
    port = redis_server.port
    socket.create_connection(("127.0.0.1", port), timeout=1).close()
    redis_server.kill()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    redis_server.start()
    wait_for_port(port, up=True)
    assert redis_server.port == port
