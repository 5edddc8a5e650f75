/*
 * Right-to-left content in the page and snippet editors.
 *
 * Loaded only when the object being edited is in a right-to-left locale (see
 * templates/wagtailadmin/generic/form.html). Reader-facing text inputs, textareas and rich
 * text editors are written right-to-left; identifier-like fields (slugs, URLs, emails, phone
 * numbers, numbers, codes, dates, times, coordinates) and the admin's own interface keep the
 * admin's direction. Fields added later (StreamField blocks, inline panel rows) are handled
 * as they appear.
 */
(() => {
  const script = document.currentScript;
  const direction = script.dataset.contentDirection;
  const language = script.dataset.contentLanguage;

  const TEXT_INPUTS = 'input[type="text"], input:not([type]), textarea';
  // Text inputs that hold identifiers, matched on the last part of the field name
  // (StreamField and inline panel names look like "body-0-value-url" or "phones-1-number").
  const IDENTIFIER_NAME = /(^|_)(slug|url|website|email|phone|number|code|postcode|latitude|longitude|coordinates|timezone|time_zone|country)$/;
  // Wagtail's own widgets that hold identifiers or belong to the admin interface: slugs, the
  // date and time pickers, the block picker's search box and the comments.
  const ADMIN_WIDGETS = [
    '[data-controller~="w-slug"]',
    '[data-controller~="w-date"]',
    '.w-combobox',
    '[data-comments-app]',
    '.comments-list',
  ].join(', ');

  function isDateOrTime(input) {
    // AdminDateInput, AdminTimeInput and AdminDateTimeInput render plain text inputs that
    // Wagtail binds to jQuery's datetimepicker.
    return Boolean(window.jQuery && window.jQuery(input).data('xdsoft_datetimepicker'));
  }

  function isContentInput(input) {
    const name = (input.name || '').split('-').pop();
    return (
      !IDENTIFIER_NAME.test(name) && !input.closest(ADMIN_WIDGETS) && !isDateOrTime(input)
    );
  }

  function markContentInputs(root) {
    const inputs = root.matches?.(TEXT_INPUTS) ? [root] : root.querySelectorAll?.(TEXT_INPUTS);
    (inputs || []).forEach((input) => {
      if (!input.hasAttribute('dir') && isContentInput(input)) {
        input.setAttribute('dir', direction);
        input.setAttribute('lang', language);
      }
    });
  }

  /*
   * Wagtail passes no per-form options to Draftail, so rich text editors (form fields and
   * StreamField blocks) are given Draftail's textDirectionality option here. This can go when
   * Wagtail sets the editor's direction from the content's locale.
   */
  function writeRichTextInDirection() {
    const draftail = window.draftail;
    if (!draftail) return;
    const textDirectionality = direction.toUpperCase();

    const { initEditor } = draftail;
    draftail.initEditor = (selector, options, currentScript) =>
      initEditor(selector, { ...options, textDirectionality }, currentScript);

    const { render } = draftail.DraftailRichTextArea.prototype;
    draftail.DraftailRichTextArea.prototype.render = function renderInDirection(
      placeholder,
      name,
      id,
      initialState,
      parentCapabilities,
      options = {},
    ) {
      return render.call(this, placeholder, name, id, initialState, parentCapabilities, {
        ...options,
        textDirectionality,
      });
    };
  }

  function watchForm() {
    document.querySelectorAll('form[data-edit-form]').forEach((form) => {
      markContentInputs(form);
      new MutationObserver((mutations) => {
        mutations.forEach((mutation) => mutation.addedNodes.forEach(markContentInputs));
      }).observe(form, { childList: true, subtree: true });
    });
  }

  writeRichTextInDirection();
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', watchForm);
  } else {
    watchForm();
  }
})();
