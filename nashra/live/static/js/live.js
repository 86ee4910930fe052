/* A live page follows its updates without a reload (nashra/live).
   Every few seconds it asks for the newest updates (one address for every reader, so caches
   answer it, with a 304 when nothing changed). New ones wait behind a "N new updates" button,
   so nothing moves under a reader's eyes; the button puts them at the top. Polling pauses
   while the tab is hidden and slows down after errors. Without this script the page is
   whole: a reload shows the newest updates, and older ones are a link away. */
(function () {
  "use strict";

  var section = document.querySelector("[data-live]");
  if (!section || !window.fetch || !("content" in document.createElement("template"))) return;

  var list = section.querySelector("[data-live-updates]");
  var bar = section.querySelector("[data-live-bar]");
  var button = section.querySelector("[data-live-show]");
  var status = section.querySelector("[data-live-status]");
  var notice = section.querySelector("[data-live-notice]");
  var url = section.getAttribute("data-live-url");
  var labels = JSON.parse(section.getAttribute("data-live-labels") || "{}");
  var every = 1000 * (parseFloat(section.getAttribute("data-live-interval")) || 10);
  var delay = every;
  var count = parseInt(section.getAttribute("data-live-count"), 10) || 0;
  var pending = [];
  var gap = false;
  var timer = null;

  function updateOf(item) {
    return item.querySelector("[data-update-id]");
  }

  function shown() {
    var ids = {};
    Array.prototype.forEach.call(list.querySelectorAll("[data-update-id]"), function (update) {
      ids[update.getAttribute("data-update-id")] = update;
    });
    return ids;
  }

  function label() {
    if (gap) return labels.reload;
    return labels.counts[Math.min(pending.length, labels.counts.length) - 1];
  }

  function announce() {
    if (!pending.length && !gap) {
      bar.hidden = true;
      return;
    }
    var text = label();
    button.textContent = text;
    if (bar.hidden) {
      bar.hidden = false;
      status.textContent = text;
    }
  }

  function take(fragment) {
    var ids = shown();
    var waiting = {};
    pending.forEach(function (item) { waiting[updateOf(item).getAttribute("data-update-id")] = true; });
    var fresh = [];
    Array.prototype.forEach.call(fragment.children, function (item) {
      var update = updateOf(item);
      if (!update) return;
      var id = update.getAttribute("data-update-id");
      var current = ids[id];
      if (current) {
        // An edited update: its new text in place.
        if (current.getAttribute("data-version") !== update.getAttribute("data-version")) {
          current.parentNode.replaceChild(update, current);
        }
      } else if (!waiting[id]) {
        fresh.push(item);
      }
    });
    pending = fresh.concat(pending);
    var total = parseInt(fragment.getAttribute("data-live-count"), 10) || 0;
    // More were published than the answer holds: only a reload shows them all.
    gap = total - count > pending.length;
    var state = fragment.getAttribute("data-live-state");
    if (state !== "live" && notice) {
      if (state === "ended") {
        notice.textContent = notice.getAttribute("data-ended");
        notice.hidden = false;
      }
    } else if (notice) {
      notice.hidden = true;
    }
    announce();
    return state;
  }

  function show() {
    if (gap) {
      window.location.reload();
      return;
    }
    var empty = list.querySelector(".live__empty");
    if (empty) empty.parentNode.removeChild(empty);
    for (var index = pending.length - 1; index >= 0; index--) {
      list.insertBefore(pending[index], list.firstChild);
    }
    count += pending.length;
    var first = pending.length && updateOf(pending[0]);
    pending = [];
    announce();
    document.dispatchEvent(new CustomEvent("nashra:content-added"));
    if (first) {
      first.setAttribute("tabindex", "-1");
      first.focus();
    }
  }

  function schedule(wait) {
    clearTimeout(timer);
    timer = document.hidden ? null : setTimeout(poll, wait);
  }

  function poll() {
    // "no-cache": the browser asks again with its ETag and keeps its copy on a 304.
    fetch(url, { cache: "no-cache", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        var template = document.createElement("template");
        template.innerHTML = html;
        var fragment = template.content.querySelector("[data-live-fragment]");
        var state = fragment ? take(fragment) : "live";
        delay = every;
        if (state !== "ended") schedule(delay);
      })
      .catch(function () {
        delay = Math.min(delay * 2, 120000);
        schedule(delay);
      });
  }

  section.classList.add("live--following");
  button.addEventListener("click", show);
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      clearTimeout(timer);
      timer = null;
    } else if (timer === null) {
      poll();
    }
  });
  schedule(every);
})();
