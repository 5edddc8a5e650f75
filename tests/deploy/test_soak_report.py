"""`make soak`'s figures: what it counts and when it fails."""

import dataclasses

from api.management.commands.soak import format_report, summarise


def test_the_report_counts_statuses_latencies_and_publishes():
    samples = [("graphql-anon-cached", 200, float(ms)) for ms in range(1, 99)]
    samples += [("graphql-anon-uncached", 429, 2.0), ("html", 404, 5.0), ("rest-key", 200, 500.0)]
    report = summarise(samples, seconds=10, publishes=1, publish_errors=0)

    assert report.passed
    assert (report.total, report.server_errors, report.refused_429) == (101, 0, 1)
    assert report.non_2xx == {404: 1, 429: 1}
    assert (report.p50_ms, report.p99_ms) == (49.0, 98.0)
    assert format_report(report) == [
        "Requests: 101 in 10 s (10.1/s)",
        "Non-2xx by status: 404: 1, 429: 1",
        "Non-2xx by request: graphql-anon-uncached 429: 1, html 404: 1",
        "5xx: 0; 429 (anonymous limit): 1; no answer: 0",
        "Latency: p50 49.0 ms, p99 98.0 ms",
        "Publishes: 1 done, 0 failed",
    ]


def test_a_server_error_an_unanswered_request_or_a_failed_publish_fails_the_soak():
    fine = [("readyz", 200, 1.0)]
    assert not summarise(
        [*fine, ("html", 502, 1.0)], seconds=1, publishes=0, publish_errors=0
    ).passed
    assert not summarise([*fine, ("html", 0, 1.0)], seconds=1, publishes=0, publish_errors=0).passed
    assert not summarise(fine, seconds=1, publishes=1, publish_errors=1).passed
    assert not summarise([], seconds=1, publishes=0, publish_errors=0).passed


def test_a_stale_answer_across_several_servers_fails_the_soak():
    fine = summarise([("readyz", 200, 1.0)], seconds=1, publishes=0, publish_errors=0)
    checked = {
        "rounds": 2,
        "reads": 80,
        "stale": [],
        "stale_count": 0,
        "server_errors": 0,
        "refused": 3,
        "edge_refresh_seconds": [0.4, 1.2],
    }
    stale = {**checked, "stale": ["taken down: server 2 rest served 'Line'"], "stale_count": 1}

    assert dataclasses.replace(fine, consistency=checked).passed
    assert not dataclasses.replace(fine, consistency=stale).passed
    assert not dataclasses.replace(fine, consistency={**checked, "rounds": 0}).passed
    assert format_report(dataclasses.replace(fine, consistency=stale))[-2:] == [
        "Several servers: 2 publish/rename/takedown rounds, 80 reads, 1 stale, 0 x 5xx, "
        "3 anonymous reads refused (429); nginx's cached GET refreshed 1.2 s at most after a "
        "publication (worker), at once after a takedown",
        "  stale: taken down: server 2 rest served 'Line'",
    ]
