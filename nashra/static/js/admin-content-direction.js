/*
 * The Wagtail editor follows the content: the text fields of an Arabic page or snippet are
 * right to left and lang="ar" whatever the admin's language, an English one's left to right.
 *
 * The server already marks the fields it renders (nashra.core.forms). This script covers
 * what Wagtail draws in the browser: StreamField blocks (including those added later) and
 * the Draftail rich-text editors. Only free-text fields change; labels, buttons and menus
 * keep the direction of the admin's language.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var rtlLanguages = ((script && script.dataset.rtlLanguages) || "").split(" ");

  // Free-text fields: CharBlock, TextBlock, RichTextBlock, title, lead, slug…
  var FIELD = ":is(.w-field--char_field, .w-field--slug_field)";
  var TARGETS = [
    FIELD + ' input[type="text"]:not([dir])',
    FIELD + " textarea:not([dir])",
    FIELD + " .DraftEditor-root:not([dir])",
    FIELD + ' [contenteditable="true"]:not([dir])',
  ].join(", ");
  // The search boxes of the rich-text editor's menus belong to the admin, not the content.
  var CHROME = ".Draftail-Editor input, .Draftail-Editor textarea, .w-combobox *";
  // A stream block's heading repeats the start of its text: any language, so dir="auto".
  var SUMMARIES = ".c-sf-block__title:not([dir])";

  function contentLanguage(form) {
    var marked = form.querySelector("[data-content-lang]");
    if (marked) {
      return marked.getAttribute("data-content-lang");
    }
    // Wagtail names the edited object's locale here (snippets, pages without a marked field).
    var config = document.getElementById("wagtail-config");
    try {
      return (config && JSON.parse(config.textContent).ACTIVE_CONTENT_LOCALE) || null;
    } catch (error) {
      return null;
    }
  }

  function direction(language) {
    var base = language.toLowerCase();
    var isRtl =
      rtlLanguages.indexOf(base) !== -1 || rtlLanguages.indexOf(base.split("-")[0]) !== -1;
    return isRtl ? "rtl" : "ltr";
  }

  function follow(form) {
    var language = contentLanguage(form);
    if (!language) {
      return;
    }
    var dir = direction(language);

    function mark() {
      form.querySelectorAll(TARGETS).forEach(function (element) {
        if (element.matches(CHROME)) {
          return;
        }
        element.setAttribute("dir", dir);
        if (!element.hasAttribute("lang")) {
          element.setAttribute("lang", language);
        }
      });
      form.querySelectorAll(SUMMARIES).forEach(function (element) {
        element.setAttribute("dir", "auto");
      });
    }

    var observer = new MutationObserver(function (mutations) {
      // Typing inside a rich-text editor changes its DOM at every key; nothing new there.
      var added = mutations.some(function (mutation) {
        return (
          mutation.addedNodes.length > 0 &&
          !(mutation.target.closest && mutation.target.closest(".public-DraftEditor-content"))
        );
      });
      if (added) {
        mark();
      }
    });
    mark();
    observer.observe(form, { childList: true, subtree: true });
  }

  function start() {
    document.querySelectorAll("form[data-edit-form]").forEach(follow);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
