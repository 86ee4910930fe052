// Tell the site, once per page load, that a reader saw this article: a body-less POST to the
// signed URL the page carries. No cookie, no identifier; the server counts without either.
(function () {
  "use strict";

  var beacon = document.querySelector("[data-view-beacon]");
  if (!beacon) {
    return;
  }
  var url = beacon.getAttribute("data-view-beacon");

  // Readers who ask not to be tracked are not counted, even anonymously.
  if (
    navigator.globalPrivacyControl === true ||
    navigator.doNotTrack === "1" ||
    window.doNotTrack === "1"
  ) {
    return;
  }

  var sent = false;

  function send() {
    // A page prerendered or opened in a background tab is not read until it is shown.
    if (sent || document.prerendering || document.visibilityState === "hidden") {
      return;
    }
    sent = true;
    document.removeEventListener("visibilitychange", send);
    document.removeEventListener("prerenderingchange", send);
    if (navigator.sendBeacon && navigator.sendBeacon(url)) {
      return;
    }
    if (window.fetch) {
      fetch(url, { method: "POST", keepalive: true, credentials: "omit" }).catch(function () {});
    }
  }

  document.addEventListener("visibilitychange", send);
  document.addEventListener("prerenderingchange", send);
  send();
})();
