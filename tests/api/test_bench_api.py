"""The benchmark's requests are the ones apps send: a GET carries the same document."""

import json
from urllib.parse import parse_qs, urlsplit

from api.management.bench_load import wrk_get_script, wrk_post_script
from api.management.commands.bench_api import scenarios


def test_every_scenario_is_sent_the_same_by_get_and_post():
    for scenario in scenarios("a-toolbox", "a-module"):
        url = urlsplit(scenario.get_path())
        params = parse_qs(url.query)
        assert url.path == "/api/graphql/"
        assert params["query"] == [scenario.query]
        sent = json.loads(params["variables"][0]) if "variables" in params else {}
        assert sent == scenario.variables == json.loads(scenario.body())["variables"]


def test_the_wrk_scripts_ask_for_json():
    assert wrk_get_script() == 'wrk.headers["Accept"] = "application/json"\n'
    post = wrk_post_script(b'{"query": "{ __typename }"}')
    assert 'wrk.method = "POST"' in post
    assert 'wrk.body = "{\\"query\\": \\"{ __typename }\\"}"' in post
