"""Scale-out for real: Debian's redis-server and two gunicorn instances with one REDIS_URL. They share
one cache; with Redis stopped both keep answering (no 5xx, one log line per worker, no retry storm) and
use it again when it is back. Only validated values become keys, and every key expires."""

import json
import shutil
import subprocess
import tempfile
import time
import urllib.request

import pytest
import redis

from wijkdashboard.tools.dashclient import DashClient, HTTPTransport
from wijkdashboard.tools.serve import free_port, start_server, stop

pytestmark = pytest.mark.load
GUNICORN = ("-m", "gunicorn", "app:server", "-c", "gunicorn.conf.py")


def start_redis(port):
    folder = tempfile.mkdtemp()
    process = subprocess.Popen([shutil.which("redis-server"), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", folder, "--maxmemory", "64mb",
                                "--maxmemory-policy", "allkeys-lru"], stdout=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            return process, client
        except redis.ConnectionError:
            time.sleep(0.05)
    raise RuntimeError("redis-server did not start")


def view(client, city, indicator, area=""):
    values = {"city.value": city, "level.value": "wijk", "indicator.value": indicator, "year.value": 2024,
              "bounds.value": "fixed", "classes.value": "jenks", "lang.data": "nl", "map-key.data": None,
              "mode.value": "value", "selected-area.data": area}
    return client.call("view.data", values, "indicator.value")


def status(url, path):
    try:
        return urllib.request.urlopen(url + path, timeout=10).status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture()
def stack():
    port = free_port()
    redis_process, client = start_redis(port)
    env = {"REDIS_URL": f"redis://127.0.0.1:{port}/0", "WEB_CONCURRENCY": "2"}
    servers = [start_server(GUNICORN, **env) for _ in range(2)]
    state = {"redis": redis_process, "client": client, "port": port, "servers": servers}
    yield state
    for process, _ in servers:
        stop(process)
    state["redis"].terminate()
    state["redis"].wait(10)


def clients(stack):
    return [DashClient(HTTPTransport(url)) for _, url in stack["servers"]]


def test_two_instances_share_one_cache_whose_keys_expire(stack):
    first, second = clients(stack)
    redis_client = stack["client"]
    assert view(first, "groningen", "inhabitants")[0] == 200
    keys = set(redis_client.keys("wijkdashboard:*"))
    assert keys, "the first instance stored the view in Redis"
    assert all(0 < redis_client.ttl(key) <= 24 * 3600 for key in keys)
    answer = view(second, "groningen", "inhabitants")
    assert answer[0] == 200
    assert set(redis_client.keys("wijkdashboard:*")) == keys, "the second instance answered from the shared cache"
    # a crafted area is refused before any callback runs: it never becomes a key
    for n in range(50):
        assert view(second, "groningen", "inhabitants", f"BU{n:08d}x")[0] == 400
    assert set(redis_client.keys("wijkdashboard:*")) == keys
    for _, url in stack["servers"]:
        assert json.loads(urllib.request.urlopen(url + "/health").read())["cache"] == "ok"


def test_without_redis_both_instances_keep_answering_and_use_it_again_when_back(stack):
    everyone = clients(stack)
    stack["redis"].terminate()
    stack["redis"].wait(10)
    started = time.perf_counter()
    answers = []
    for round_ in range(6):
        for client, (_, url) in zip(everyone, stack["servers"]):
            for indicator in ("inhabitants", "dwellings", "households"):
                answers.append(view(client, ("groningen", "rotterdam", "den-haag")[round_ % 3], indicator)[0])
            answers += [status(url, "/"), status(url, "/vergelijk"), status(url, "/health")]
    assert set(answers) == {200}
    assert time.perf_counter() - started < 30, "no request waits long on a Redis that is gone"
    for process, _ in stack["servers"]:
        process.log.seek(0)
        said = process.log.read()
        # one line per worker that met the outage (two workers), not one per request
        assert 1 <= said.count("cache unavailable") <= 2, said[-2000:]
        assert "Traceback" not in said
    # back: after the pause the cache fills again
    stack["redis"], stack["client"] = start_redis(stack["port"])
    time.sleep(5.5)
    for client in clients(stack):  # new connections: gunicorn closed the idle ones after 5 s
        for indicator in ("inhabitants", "dwellings", "pct_owner_occupied", "households"):
            assert view(client, "rotterdam", indicator)[0] == 200
    assert stack["client"].keys("wijkdashboard:*")
