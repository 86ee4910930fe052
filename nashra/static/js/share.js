/* Share buttons that need the browser's help: copying the link and the system's share sheet
   (Web Share API). Each stays hidden unless the browser has what it needs; the plain share
   links work without this script. */
(function () {
  "use strict";

  var STATUS_SECONDS = 5;

  function setUp(share) {
    // share.html brings this script with every copy of the component: set each up once.
    if (share.hasAttribute("data-share-ready")) return;
    share.setAttribute("data-share-ready", "");

    var url = share.getAttribute("data-share-url");
    var title = share.getAttribute("data-share-title") || "";
    var status = share.querySelector("[data-share-status]");
    var copy = share.querySelector("[data-share-copy]");
    var native = share.querySelector("[data-share-native]");
    var timer = null;

    function say(message) {
      // Emptied first, so that a second copy is announced again.
      status.textContent = "";
      clearTimeout(timer);
      setTimeout(function () { status.textContent = message; }, 50);
      timer = setTimeout(function () { status.textContent = ""; }, STATUS_SECONDS * 1000);
    }

    if (copy && status && navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
      copy.hidden = false;
      copy.querySelector("button").addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(
          function () { say(status.getAttribute("data-copied")); },
          function () { say(status.getAttribute("data-failed")); }
        );
      });
    }

    if (native && typeof navigator.share === "function") {
      native.hidden = false;
      native.querySelector("button").addEventListener("click", function () {
        // Rejected when the reader closes the sheet: nothing to report.
        navigator.share({ title: title, url: url }).catch(function () {});
      });
    }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-share]"), setUp);
  }

  // Share links added later (a live page's new updates) announce themselves.
  document.addEventListener("nashra:content-added", init);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
