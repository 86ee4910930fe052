/* The reader's theme: follows the device (prefers-color-scheme) until the reader picks one with
   the header's button; the choice is kept in localStorage, so cached pages need no cookie.
   The inline script in <head> (nashra/core/inline.py) applies a kept choice before the first paint. */
(function () {
  "use strict";
  var KEY = "nashra-theme";
  var root = document.documentElement;
  var deviceDark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function isDark() {
    if (root.dataset.theme) {
      return root.dataset.theme === "dark";
    }
    return Boolean(deviceDark && deviceDark.matches);
  }

  function remember(theme) {
    try {
      localStorage.setItem(KEY, theme);
    } catch (error) {
      /* Private browsing may refuse storage: the choice then lasts for this page only. */
    }
  }

  document.querySelectorAll("[data-theme-toggle]").forEach(function (button) {
    function show() {
      button.setAttribute("aria-pressed", isDark() ? "true" : "false");
    }
    button.addEventListener("click", function () {
      var theme = isDark() ? "light" : "dark";
      root.dataset.theme = theme;
      remember(theme);
      show();
    });
    if (deviceDark && deviceDark.addEventListener) {
      deviceDark.addEventListener("change", show);
    }
    show();
    button.hidden = false;
  });

  /* Printed links show where they lead: the full address, host included (css/print.css). */
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("main a[href]").forEach(function (link) {
      if (link.protocol === "http:" || link.protocol === "https:") {
        link.setAttribute("data-print-href", link.href);
      }
    });
  });
})();
