"""`make bench-grapple`'s parts that run without its virtualenv, PyPI or wrk: its documents read
the same fields as our Q1 and Q2, its dataset holds the rows our Q1 and Q2 serve, and its
figures file is written, read back and compared as `make bench` does."""

import json

import pytest

from api.management.commands.bench_api import scenarios
from api.management.grapple_baseline import (
    CORRESPONDENCE,
    comparison_lines,
    grapple_scenarios,
    leaf_paths,
    read_figures,
    write_figures,
)
from api.management.grapple_dataset import BLOCK_KINDS, export_dataset, q1_toolbox
from safe_spaces.factories import SafeSpaceFactory
from safe_spaces.models import SafeSpace
from tests.support.graphql import data
from toolbox_pages.factories import ModulePageFactory, ToolboxPageFactory


@pytest.mark.parametrize("code", ["Q1", "Q2"])
def test_grapple_document_reads_the_fields_of_our_scenario(code):
    ours = next(s for s in scenarios("toolbox", "module") if s.code == code)
    theirs = next(s for s in grapple_scenarios("toolbox") if s.code == code)
    correspondence = CORRESPONDENCE[code]

    # Every field our scenario reads is listed, with grapple's field or None where it has none.
    assert leaf_paths(ours.query) == set(correspondence)
    assert leaf_paths(theirs.query) == {field for field in correspondence.values() if field}


def test_only_totals_opening_state_and_fallback_flags_have_no_grapple_equivalent():
    missing = sorted(ours for ours, theirs in CORRESPONDENCE["Q2"].items() if theirs is None)

    assert missing == [
        "safeSpaces.edges.node.isFallback",
        "safeSpaces.edges.node.isOpen",
        "safeSpaces.totalCount",
    ]
    assert all(CORRESPONDENCE["Q1"].values())


@pytest.mark.django_db
def test_dataset_holds_the_modules_and_listings_our_q1_and_q2_serve(toolbox_index, brussels):
    toolbox = ToolboxPageFactory(parent=toolbox_index, slug="lgbtqi", title="LGBTQI+")
    ModulePageFactory(parent=toolbox, slug="first", body__2="video_embed")
    ModulePageFactory(parent=toolbox, slug="second", body__2="callout")
    ModulePageFactory(parent=toolbox, slug="draft", live=False)
    for n in (3, 1, 2):
        SafeSpaceFactory(city=brussels, name=f"Listing {n}")
    SafeSpaceFactory(city=brussels, name="Listing 0, inactive", status=SafeSpace.Status.INACTIVE)
    SafeSpaceFactory(city=brussels, name="Listing 0, draft", live=False)

    assert q1_toolbox() == toolbox
    dataset = export_dataset(toolbox)
    q1, q2 = (s for s in scenarios("lgbtqi", "first") if s.code in {"Q1", "Q2"})
    toolbox_served = data(q1.query, q1.variables)["toolbox"]
    listings_served = [edge["node"] for edge in data(q2.query, q2.variables)["safeSpaces"]["edges"]]

    exported = dataset["toolbox"]["modules"]
    assert [m["slug"] for m in exported] == [m["slug"] for m in toolbox_served["modules"]]
    assert [m["slug"] for m in exported] == ["first", "second"]
    for module, served in zip(exported, toolbox_served["modules"], strict=True):
        # The blocks of the baseline's kinds, in order; the video is left out of the first.
        assert [block["id"] for block in module["body"]] == [
            block["id"] for block in served["body"] if block["blockType"] in BLOCK_KINDS
        ]
        assert module["summary"] == served["summary"]
    assert [block["type"] for block in exported[0]["body"]] == ["heading", "paragraph"]
    assert [block["type"] for block in exported[1]["body"]] == ["heading", "paragraph", "callout"]

    # The baseline lists a city's safe spaces by name: the same first ones as our Q2.
    in_brussels = sorted(
        (row for row in dataset["safe_spaces"] if row["city"] == "brussels"),
        key=lambda row: row["name"],
    )
    assert [row["translation_key"] for row in in_brussels] == [
        node["id"] for node in listings_served
    ]
    assert [row["name"] for row in in_brussels] == ["Listing 1", "Listing 2", "Listing 3"]
    first, served = in_brussels[0], listings_served[0]
    assert first["categories"] == sorted(term["code"] for term in served["categories"])
    assert [phone["number"] for phone in first["phones"]] == [
        phone["number"] for phone in served["phones"]
    ]
    assert len(first["opening_hours"]) == len(served["openingHours"]) == 5
    assert dataset["cities"] == [
        {"slug": "brussels", "name": "Brussels", "country": "BE", "timezone": "Europe/Brussels"}
    ]
    # The same database gives the same document, so the baseline's loader skips a second load.
    assert json.dumps(export_dataset(toolbox), sort_keys=True) == json.dumps(
        dataset, sort_keys=True
    )


def test_figures_are_written_read_back_and_compared(tmp_path):
    path = tmp_path / "bench" / "grapple.json"
    write_figures(
        path,
        {
            "Q1": {"rps": 25.0, "p50": 300.0, "p99": 480.0, "sql": 9, "bytes": 40584},
            "Q2": {"rps": 5.0, "p50": 1600.0, "p99": 1970.0, "sql": 252, "bytes": 67449},
        },
        {"measured_at": "2026-12-04T20:25:24Z", "workers": 2, "connections": 8},
    )

    figures = read_figures(path)
    assert figures is not None
    assert figures["scenarios"]["Q2"] == {
        "rps": 5.0,
        "p50": 1600.0,
        "p99": 1970.0,
        "sql": 252,
        "bytes": 67449,
    }
    lines = comparison_lines(
        {"Q2": {"sql": 8, "rps_off": 22.5, "rps_on": 1500.0, "p50_off": 337.0}}, figures
    )
    assert "2026-12-04T20:25:24Z" in lines[0]
    assert lines[2].split() == ["Q2", "8", "252", "5.0", "4.5x", "300.0x", "1600.0", "337.0"]
    assert len(lines) == 3  # Q1 is in the file but not in ours: no row


def test_figures_missing_a_key_are_refused_and_a_bad_file_reads_as_none(tmp_path):
    with pytest.raises(ValueError, match="missing"):
        write_figures(tmp_path / "g.json", {"Q1": {"rps": 1.0}}, {})
    (tmp_path / "bad.json").write_text("{not json")

    assert read_figures(tmp_path / "bad.json") is None
    assert read_figures(tmp_path / "absent.json") is None
