"""Where each page type may go, and toolboxes and modules created through the page admin."""

from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from cms.core.factories import AudienceFactory, HomePageFactory
from cms.core.models import HomePage
from toolbox_pages.factories import (
    ModulePageFactory,
    ToolboxIndexPageFactory,
    ToolboxPageFactory,
)
from toolbox_pages.models import ModulePage, ToolboxIndexPage, ToolboxPage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_goes_only_at_the_tree_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertAllowedParentPageTypes(HomePage, {Page})
        for parent in (HomePage, ToolboxIndexPage, ToolboxPage, ModulePage):
            self.assertCanNotCreateAt(parent, HomePage)

    def test_only_a_home_page_can_be_created_at_the_tree_root(self):
        self.assertEqual(set(Page.creatable_subpage_models()), {HomePage})

    def test_toolbox_index_goes_only_under_a_home_page(self):
        self.assertCanCreateAt(HomePage, ToolboxIndexPage)
        self.assertAllowedParentPageTypes(ToolboxIndexPage, {HomePage})
        for parent in (Page, ToolboxIndexPage, ToolboxPage, ModulePage):
            self.assertCanNotCreateAt(parent, ToolboxIndexPage)

    def test_toolbox_goes_only_under_a_toolbox_index(self):
        self.assertCanCreateAt(ToolboxIndexPage, ToolboxPage)
        self.assertAllowedParentPageTypes(ToolboxPage, {ToolboxIndexPage})
        for parent in (Page, HomePage, ToolboxPage, ModulePage):
            self.assertCanNotCreateAt(parent, ToolboxPage)

    def test_module_goes_only_under_a_toolbox(self):
        self.assertCanCreateAt(ToolboxPage, ModulePage)
        self.assertAllowedParentPageTypes(ModulePage, {ToolboxPage})
        for parent in (Page, HomePage, ToolboxIndexPage, ModulePage):
            self.assertCanNotCreateAt(parent, ModulePage)

    def test_each_page_type_allows_only_the_next_level_below_it(self):
        self.assertAllowedSubpageTypes(HomePage, {ToolboxIndexPage})
        self.assertAllowedSubpageTypes(ToolboxIndexPage, {ToolboxPage})
        self.assertAllowedSubpageTypes(ToolboxPage, {ModulePage})
        self.assertAllowedSubpageTypes(ModulePage, set())


class ContentTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePageFactory(parent=Page.get_first_root_node(), title="Equalcity")
        cls.index = ToolboxIndexPageFactory(parent=cls.home, title="Toolboxes")
        cls.toolbox = ToolboxPageFactory(parent=cls.index, title="Dialogue with parents")
        cls.module = ModulePageFactory(parent=cls.toolbox, title="Session one")
        cls.audience = AudienceFactory(name="Parents")

    def setUp(self):
        self.login()

    def test_a_home_page_holds_one_toolbox_index(self):
        other_home = HomePageFactory(parent=Page.get_first_root_node())

        self.assertFalse(ToolboxIndexPage.can_create_at(self.home))
        self.assertTrue(ToolboxIndexPage.can_create_at(other_home))

    def test_toolbox_created_through_the_admin_is_published_with_its_values(self):
        data = nested_form_data(
            {
                "title": "Safe spaces for LGBTQI+ people",
                "slug": "safe-spaces",
                "summary": "How a service becomes a safe space.",
                "focus": "Safe spaces for LGBTQI+ people",
                "cover_image": "",
                "cover_image_alt": "",
                "sensitivity": "professionals",
                "lead_city": "",
                "body": streamfield(
                    [
                        ("heading", {"text": "Why safe spaces", "level": "h2"}),
                        ("paragraph", rich_text("<p>Victims often stay silent.</p>")),
                    ]
                ),
            }
        )
        data["audiences"] = [str(self.audience.pk)]

        self.assertCanCreate(self.index, ToolboxPage, data)

        toolbox = ToolboxPage.objects.get(slug="safe-spaces")
        self.assertEqual(toolbox.get_parent().id, self.index.id)
        self.assertTrue(toolbox.live)
        self.assertEqual(toolbox.sensitivity, ToolboxPage.Sensitivity.PROFESSIONALS)
        self.assertEqual(toolbox.focus, "Safe spaces for LGBTQI+ people")
        self.assertEqual([block.block_type for block in toolbox.body], ["heading", "paragraph"])
        self.assertEqual(toolbox.body[0].value["text"], "Why safe spaces")
        self.assertEqual(list(toolbox.audiences.all()), [self.audience])
        self.assertEqual(toolbox.revisions.count(), 1)
        self.assertEqual(toolbox.locale.language_code, "en")

    def test_module_created_through_the_admin_is_published_with_its_values(self):
        data = nested_form_data(
            {
                "title": "Roles in the family",
                "summary": "A dialogue session on roles at home.",
                "duration_minutes": "120",
                "learning_objectives": streamfield(
                    [("objective", "Name three roles a parent can take")]
                ),
                "body": streamfield(
                    [
                        (
                            "testimony_quote",
                            {
                                "quote": "I learnt to ask for help.",
                                "attribution": "A father, Malmö",
                                "consent_recorded": "on",
                            },
                        ),
                        (
                            "exercise",
                            {
                                "kind": "group",
                                "title": "Who does what?",
                                "instructions": rich_text("<p>Draw your week.</p>"),
                                "duration_minutes": "30",
                                "audio": "",
                                "transcript": "",
                            },
                        ),
                    ]
                ),
            }
        )

        self.assertCanCreate(self.toolbox, ModulePage, data)

        module = ModulePage.objects.get(slug="roles-in-the-family")
        self.assertEqual(module.get_parent().id, self.toolbox.id)
        self.assertEqual(module.duration_minutes, 120)
        self.assertEqual(
            [block.value for block in module.learning_objectives],
            ["Name three roles a parent can take"],
        )
        self.assertEqual(
            [block.block_type for block in module.body], ["testimony_quote", "exercise"]
        )
        self.assertIs(module.body[0].value["consent_recorded"], True)
        self.assertEqual(module.body[1].value["duration_minutes"], 30)
        self.assertEqual(module.revisions.count(), 1)

    def test_module_edited_through_the_admin_saves_a_draft_revision(self):
        edit_url = reverse("wagtailadmin_pages:edit", args=[self.module.pk])
        data = nested_form_data(
            {
                "title": "Session one, revised",
                "slug": self.module.slug,
                "summary": "A shorter first session.",
                "duration_minutes": "60",
                "learning_objectives": streamfield([]),
                "body": streamfield([("heading", {"text": "Welcome", "level": "h2"})]),
            }
        )

        response = self.client.post(edit_url, data)

        self.assertRedirects(response, edit_url)
        module = ModulePage.objects.get(pk=self.module.pk)
        # Saving a draft leaves the live page as it was and keeps the change in a revision.
        self.assertEqual(module.title, "Session one")
        self.assertTrue(module.has_unpublished_changes)
        self.assertEqual(module.revisions.count(), 1)
        draft = module.get_latest_revision_as_object()
        self.assertEqual((draft.title, draft.duration_minutes), ("Session one, revised", 60))
        self.assertEqual([block.value["text"] for block in draft.body], ["Welcome"])

    def test_toolbox_edited_and_published_through_the_admin_changes_the_live_page(self):
        edit_url = reverse("wagtailadmin_pages:edit", args=[self.toolbox.pk])
        data = nested_form_data(
            {
                "title": "Dialogue with parents",
                "slug": self.toolbox.slug,
                "summary": "Dialogue sessions with parents of newly arrived children.",
                "focus": "Parents as allies",
                "cover_image": "",
                "cover_image_alt": "",
                "sensitivity": "public",
                "lead_city": "",
                "body": streamfield([]),
                "action-publish": "action-publish",
            }
        )

        response = self.client.post(edit_url, data)

        self.assertRedirects(response, reverse("wagtailadmin_explore", args=[self.index.pk]))
        toolbox = ToolboxPage.objects.get(pk=self.toolbox.pk)
        self.assertEqual(toolbox.focus, "Parents as allies")
        self.assertFalse(toolbox.has_unpublished_changes)
        self.assertEqual(len(toolbox.body), 0)
        self.assertEqual(toolbox.revisions.count(), 1)

    def preview_data(self, page, **streams):
        """The page's edit form data, with its StreamFields (rendered by scripts, so missing
        from the HTML that ``assertPageIsPreviewable`` reads) given explicitly."""
        html = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content
        data = querydict_from_html(html.decode(), form_id="page-edit-form")
        data.update(nested_form_data({name: streamfield(items) for name, items in streams.items()}))
        return data

    def test_home_page_and_toolbox_index_are_previewable(self):
        self.assertPageIsPreviewable(self.home)
        self.assertPageIsPreviewable(self.index)

    def test_toolbox_is_previewable(self):
        body = [("heading", {"text": "Why safe spaces", "level": "h2"})]

        self.assertPageIsPreviewable(
            self.toolbox, post_data=self.preview_data(self.toolbox, body=body)
        )

    def test_module_is_previewable(self):
        data = self.preview_data(
            self.module,
            learning_objectives=[("objective", "Listen without judging")],
            body=[("paragraph", rich_text("<p>Start with a round of names.</p>"))],
        )

        self.assertPageIsPreviewable(self.module, post_data=data)
