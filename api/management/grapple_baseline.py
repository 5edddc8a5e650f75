"""The baseline of the performance targets: a plain Wagtail + wagtail-grapple site serving the
benchmark's data (`make bench-grapple`, the site itself in ``bench/grapple_site``).

This module holds what the project side knows about it: where it lives, its two scenarios
and how their fields correspond to ours (Q1, Q2 of ``bench_api``), the dataset it is loaded
with (exported from the benchmark's database, so both sides serve the same rows), and the
figures file that ``make bench`` compares its own figures with.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    parse,
)

SITE = Path(settings.BASE_DIR) / "bench" / "grapple_site"
REQUIREMENTS = SITE / "requirements.txt"
FIGURES_FILE = Path(settings.BASE_DIR) / "var" / "bench" / "grapple.json"
Q2_CITY = "brussels"


@dataclass(frozen=True)
class GrappleScenario:
    code: str
    title: str
    query: str
    variables: dict[str, Any]

    def body(self) -> bytes:
        return json.dumps({"query": self.query, "variables": self.variables}).encode()


def grapple_scenarios(toolbox_slug: str) -> list[GrappleScenario]:
    """Q1 and Q2 in the baseline's schema, from the committed documents."""
    queries = SITE / "queries"
    return [
        GrappleScenario(
            "Q1",
            "one toolbox, all modules and their bodies",
            (queries / "q1.graphql").read_text(),
            {"slug": toolbox_slug},
        ),
        GrappleScenario(
            "Q2",
            "first 50 safe spaces of a city, all fields",
            (queries / "q2.graphql").read_text(),
            {"city": Q2_CITY},
        ),
    ]


# Each field our scenario reads (a path of field names and type conditions) and the field of
# the baseline's document that reads the same data; None where grapple has no equivalent.
_Q1_BODY = "toolbox.modules.body."
_Q1_GRAPPLE_BODY = "page.ToolboxPage.children.ModulePage.body."
_Q2_NODE = "safeSpaces.edges.node."
_Q2_GRAPPLE_NODE = "city.safeSpaces."

CORRESPONDENCE: dict[str, dict[str, str | None]] = {
    "Q1": {
        "toolbox.title": "page.ToolboxPage.title",
        "toolbox.summary": "page.ToolboxPage.summary",
        "toolbox.focus": "page.ToolboxPage.focus",
        "toolbox.partners.name": "page.ToolboxPage.partnerOrganisations.name",
        **{
            f"toolbox.modules.{name}": f"page.ToolboxPage.children.ModulePage.{name}"
            for name in ("title", "slug", "summary", "durationMinutes")
        },
        **{
            _Q1_BODY + ours: (_Q1_GRAPPLE_BODY + theirs) if theirs else None
            for ours, theirs in {
                "id": "id",
                "blockType": "blockType",
                "HeadingBlock.text": "HeadingBlock.text",
                "HeadingBlock.level": "HeadingBlock.level",
                "ParagraphBlock.html": "ParagraphBlock.value",
                "CalloutBlock.calloutKind": "CalloutBlock.kind",
                "CalloutBlock.title": "CalloutBlock.title",
                "CalloutBlock.html": "CalloutBlock.text",
                "ImageBlock.image.altText": "CaptionedImageBlock.altText",
                "ImageBlock.image.rendition.url": "CaptionedImageBlock.image.rendition.url",
                "ImageBlock.image.rendition.width": "CaptionedImageBlock.image.rendition.width",
                "ImageBlock.image.rendition.height": ("CaptionedImageBlock.image.rendition.height"),
                "ImageBlock.caption": "CaptionedImageBlock.caption",
                "ExerciseBlock.exerciseKind": "ExerciseBlock.kind",
                "ExerciseBlock.title": "ExerciseBlock.title",
                "ExerciseBlock.instructionsHtml": "ExerciseBlock.instructions",
                "ExerciseBlock.durationMinutes": "ExerciseBlock.durationMinutes",
                "ExerciseBlock.transcript": "ExerciseBlock.transcript",
                "ReferralPathwayBlock.title": "ReferralPathwayBlock.title",
                "ReferralPathwayBlock.steps.title": (
                    "ReferralPathwayBlock.steps.ReferralStepBlock.title"
                ),
                "ReferralPathwayBlock.steps.contact": (
                    "ReferralPathwayBlock.steps.ReferralStepBlock.contact"
                ),
                "ReferralPathwayBlock.steps.how": (
                    "ReferralPathwayBlock.steps.ReferralStepBlock.how"
                ),
                "TestimonyQuoteBlock.quote": "TestimonyQuoteBlock.quote",
                "TestimonyQuoteBlock.attribution": "TestimonyQuoteBlock.attribution",
                "QuestionsAnswersBlock.title": "QuestionsAnswersBlock.title",
                "QuestionsAnswersBlock.items.question": (
                    "QuestionsAnswersBlock.items.QuestionAnswerBlock.question"
                ),
                "QuestionsAnswersBlock.items.answerHtml": (
                    "QuestionsAnswersBlock.items.QuestionAnswerBlock.answer"
                ),
            }.items()
        },
    },
    "Q2": {
        "safeSpaces.totalCount": None,
        **{
            _Q2_NODE + ours: (_Q2_GRAPPLE_NODE + theirs) if theirs else None
            for ours, theirs in {
                "id": "translationKey",
                **{
                    name: name
                    for name in (
                        "name",
                        "operatedBy",
                        "description",
                        "status",
                        "alert",
                        "confidentialLocation",
                        "freeOfCharge",
                        "languages",
                        "eligibilityDescription",
                        "minimumAge",
                        "maximumAge",
                        "accessibility",
                        "categories.code",
                        "categories.name",
                        "audiences.code",
                        "audiences.name",
                        "phones.number",
                        "phones.type",
                        "phones.description",
                        "city.slug",
                        "city.name",
                        "city.timezone",
                        "verifiedOn",
                        "translationKey",
                    )
                },
                "address.address1": "address1",
                "address.postalCode": "postalCode",
                "address.locality": "locality",
                "location.latitude": "latitude",
                "location.longitude": "longitude",
                "publicContact.name": "publicContactName",
                "publicContact.phone": "publicContactPhone",
                "publicContact.email": "publicContactEmail",
                "openingHours.weekday": "regularSchedule.weekday",
                "openingHours.opensAt": "regularSchedule.opensAt",
                "openingHours.closesAt": "regularSchedule.closesAt",
                "isOpen": None,
                "locale": "languageCode",
                "isFallback": None,
            }.items()
        },
    },
}


def leaf_paths(document: str) -> set[str]:
    """The fields a document's operation reads, as dotted paths of field names and type
    conditions (``toolbox.modules.body.HeadingBlock.text``); ``__typename`` left out."""
    tree: DocumentNode = parse(document)
    operation = next(node for node in tree.definitions if isinstance(node, OperationDefinitionNode))
    return set(_walk(operation.selection_set, ""))


def _walk(selection_set: SelectionSetNode, prefix: str) -> Iterator[str]:
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            name = selection.name.value
            if name == "__typename":
                continue
            if selection.selection_set is None:
                yield prefix + name
            else:
                yield from _walk(selection.selection_set, f"{prefix}{name}.")
        elif isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition
            inner = f"{prefix}{condition.name.value}." if condition else prefix
            yield from _walk(selection.selection_set, inner)
        elif isinstance(selection, FragmentSpreadNode):
            raise ValueError("The benchmark's documents use inline fragments only.")


# --- the figures ---------------------------------------------------------------------------------

FIGURE_KEYS = ("rps", "p50", "p99", "sql", "bytes")


def write_figures(
    path: Path, scenarios: dict[str, dict[str, float]], setup: dict[str, Any]
) -> None:
    """``{"scenarios": {"Q1": {"rps", "p50", "p99", "sql", "bytes"}, ...}, "setup": {...}}``."""
    missing = {code: set(FIGURE_KEYS) - set(row) for code, row in scenarios.items()}
    if any(missing.values()):
        raise ValueError(f"Figures are missing: {missing}")
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "scenarios": {
            code: {key: row[key] for key in FIGURE_KEYS} for code, row in scenarios.items()
        },
        "setup": setup,
    }
    path.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n")


def read_figures(path: Path) -> dict[str, Any] | None:
    """The baseline's figures, or None when `make bench-grapple` has not written any."""
    try:
        document = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict) or not isinstance(document.get("scenarios"), dict):
        return None
    return document


def ratio(ours: float, theirs: float) -> str:
    """``ours`` as a multiple of ``theirs``, e.g. ``7.3x``; ``-`` when there is nothing to
    compare with."""
    if not theirs:
        return "-"
    return f"{ours / theirs:.1f}x"


def comparison_lines(ours: dict[str, dict[str, float]], baseline: dict[str, Any]) -> list[str]:
    """Our figures as multiples of the baseline's, for the scenarios both have.

    ``ours`` holds per scenario ``sql``, ``rps_off`` and ``rps_on`` (requests per second with
    the response cache off and on) and ``p50_off``.
    """
    setup = baseline.get("setup", {})
    lines = [
        f"Against the wagtail-grapple baseline (make bench-grapple, "
        f"{setup.get('measured_at', 'date unknown')}); our req/s as a multiple of its:",
        f"{'scenario':<10} {'SQL ours':>9} {'SQL grapple':>12} {'req/s grapple':>14} "
        f"{'cache off':>10} {'cache on':>9} {'p50 grapple':>12} {'p50 ours':>9}",
    ]
    for code, theirs in sorted(baseline["scenarios"].items()):
        mine = ours.get(code)
        if mine is None:
            continue
        off = ratio(mine["rps_off"], theirs["rps"])
        on = ratio(mine["rps_on"], theirs["rps"])
        lines.append(
            f"{code:<10} {int(mine['sql']):>9} {int(theirs['sql']):>12} {theirs['rps']:>14.1f} "
            f"{off:>10} {on:>9} {theirs['p50']:>12.1f} {mine['p50_off']:>9.1f}"
        )
    return lines
