"""A toolbox and its modules as widgets, kiosks, offline bundles and delta sync get them: the
modules in order with their bodies, every reference of every body loaded at once."""

from __future__ import annotations

from typing import Any

from api.public.page_relations import expect, modules_of, partners_of, references_of, terms_of
from api.representations import (
    References,
    stream_representation,
    string_list,
    translation_representation,
)
from toolbox_pages.models import ModulePage, ToolboxPage


def widget_module(module: ModulePage, refs: References) -> dict[str, Any]:
    return {
        "title": module.title,
        "slug": module.slug,
        "summary": module.summary,
        "duration_minutes": module.duration_minutes,
        "learning_objectives": string_list(module.learning_objectives.raw_data),
        "audiences": terms_of(module, "audiences"),
        "content_warnings": terms_of(module, "content_warnings"),
        "body": stream_representation(module.body.raw_data, refs),
        **translation_representation(module),
    }


def widget_toolbox(toolbox: ToolboxPage, draft_module: ModulePage | None = None) -> dict[str, Any]:
    """A toolbox with its live modules, in order, and every body. Loads modules first, then
    every reference of every body at once: a fixed number of queries.

    ``draft_module`` (a preview, served before the toolbox) stands in for its live version,
    or comes last when it has none."""
    expect(toolbox.locale_context, modules=True, references=True)
    modules = modules_of(toolbox)
    if draft_module is not None:
        live = [module for module in modules if module.pk != draft_module.pk]
        at = next((i for i, m in enumerate(modules) if m.pk == draft_module.pk), len(live))
        modules = [*live[:at], draft_module, *live[at:]]
    refs = references_of(toolbox)
    partners = [
        {
            "name": partner["name"],
            "kind": partner["kind"],
            "website": partner["website"],
            "description": partner["description"],
            "logo": refs.image(partner["logo_id"], partner["name"]) if partner["logo_id"] else None,
            "locale": partner["locale"],
            "is_fallback": partner["is_fallback"],
        }
        for partner in partners_of(toolbox)
    ]
    return {
        "title": toolbox.title,
        "slug": toolbox.slug,
        "summary": toolbox.summary,
        "focus": toolbox.focus,
        "audiences": terms_of(toolbox, "audiences"),
        "content_warnings": terms_of(toolbox, "content_warnings"),
        "cover_image": refs.image(toolbox.cover_image_id, toolbox.cover_image_alt)
        if toolbox.cover_image_id
        else None,
        "body": stream_representation(toolbox.body.raw_data, refs),
        "partners": partners,
        "modules": [widget_module(module, refs) for module in modules],
        **translation_representation(toolbox),
    }
