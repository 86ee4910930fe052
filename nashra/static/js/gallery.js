/* Accessible photo-gallery lightbox. Without this script every thumbnail is a plain link to
   its large image, so nothing is out of reach. While the lightbox is open the address ends in
   the shown image's #anchor, and an address ending in one opens the lightbox on that image. */
(function () {
  "use strict";

  function setUp(gallery) {
    var items = Array.prototype.slice.call(gallery.querySelectorAll("[data-gallery-item]"));
    var dialog = gallery.querySelector("[data-lightbox]");
    if (!items.length || !dialog || typeof dialog.showModal !== "function") return;

    var image = dialog.querySelector("[data-lightbox-image]");
    var caption = dialog.querySelector("[data-lightbox-caption]");
    var credit = dialog.querySelector("[data-lightbox-credit]");
    var counter = dialog.querySelector("[data-lightbox-counter]");
    var closeButton = dialog.querySelector("[data-lightbox-close]");
    // The edition's ten digits, 0 to 9 (Latin or Arabic-Indic), written by the template.
    var digits = counter.getAttribute("data-digits") || "0123456789";
    var current = 0;
    var opener = null;

    function localDigits(number) {
      return String(number).replace(/[0-9]/g, function (digit) { return digits.charAt(+digit); });
    }

    function isRtl() {
      return getComputedStyle(gallery).direction === "rtl";
    }

    function show(index) {
      current = (index + items.length) % items.length;
      var item = items[current];
      image.src = item.getAttribute("data-full-src");
      image.alt = item.getAttribute("data-caption") || "";
      caption.textContent = item.getAttribute("data-caption") || "";
      credit.textContent = item.getAttribute("data-credit") || "";
      counter.textContent = (counter.getAttribute("data-template") || "{current} / {total}")
        .replace("{current}", localDigits(current + 1))
        .replace("{total}", localDigits(items.length));
      // Replaced, not pushed: moving through the images adds nothing to the Back button.
      if (item.id) history.replaceState(history.state, "", "#" + item.id);
    }

    function indexOfHash() {
      var id;
      try {
        id = decodeURIComponent(location.hash.slice(1));
      } catch (error) {
        return -1;
      }
      for (var index = 0; index < items.length; index++) {
        if (id && items[index].id === id) return index;
      }
      return -1;
    }

    function openFromHash() {
      var index = indexOfHash();
      if (index < 0) return;
      if (dialog.open) show(index);
      else open(index);
    }

    function open(index) {
      opener = items[index];
      show(index);
      dialog.showModal();
      closeButton.focus();
    }

    function close() {
      if (dialog.open) dialog.close();
    }

    items.forEach(function (item, index) {
      item.addEventListener("click", function (event) {
        event.preventDefault();
        open(index);
      });
    });

    closeButton.addEventListener("click", close);
    dialog.querySelector("[data-lightbox-prev]").addEventListener("click", function () { show(current - 1); });
    dialog.querySelector("[data-lightbox-next]").addEventListener("click", function () { show(current + 1); });

    // Escape fires "cancel" then "close"; both paths end here, where focus goes back.
    dialog.addEventListener("close", function () {
      image.removeAttribute("src");
      if (indexOfHash() >= 0) history.replaceState(history.state, "", location.pathname + location.search);
      if (opener) opener.focus();
    });

    dialog.addEventListener("keydown", function (event) {
      var forward = isRtl() ? "ArrowLeft" : "ArrowRight";
      var backward = isRtl() ? "ArrowRight" : "ArrowLeft";
      if (event.key === forward) {
        event.preventDefault();
        show(current + 1);
      } else if (event.key === backward) {
        event.preventDefault();
        show(current - 1);
      } else if (event.key === "Tab") {
        // Keep focus among the dialog's own controls.
        var focusable = Array.prototype.slice.call(dialog.querySelectorAll("button"));
        var first = focusable[0];
        var last = focusable[focusable.length - 1];
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }
    });

    // Swipe: a horizontal drag of 40px or more moves one image, in reading direction.
    var startX = null;
    dialog.addEventListener("pointerdown", function (event) { startX = event.clientX; });
    dialog.addEventListener("pointercancel", function () { startX = null; });
    dialog.addEventListener("dragstart", function (event) { event.preventDefault(); });
    dialog.addEventListener("pointerup", function (event) {
      if (startX === null) return;
      var dx = event.clientX - startX;
      startX = null;
      if (Math.abs(dx) < 40) return;
      var next = isRtl() ? dx > 0 : dx < 0;
      show(next ? current + 1 : current - 1);
    });

    window.addEventListener("hashchange", openFromHash);
    // Once loaded: arriving at an #anchor, the browser moves the focus to it (or to the page)
    // as late as that, and would take it from an already open lightbox.
    if (document.readyState === "complete") openFromHash();
    else window.addEventListener("load", openFromHash);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-gallery]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
