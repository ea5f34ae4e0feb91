// A story's page: tell the site it was read (one beacon, no cookie), then show the most read list.
// The count cannot ride on the page: the page comes from a cache, the beacon never does.
"use strict";
(function () {
  const script = document.currentScript;
  const target = script && script.dataset.read;

  function counted() {
    if (target && navigator.sendBeacon) {
      navigator.sendBeacon(target);
    }
  }

  if (document.visibilityState === "visible") {
    counted();
  } else {  // opened in a background tab: a read once someone looks at it
    document.addEventListener("visibilitychange", function seen() {
      if (document.visibilityState === "visible") {
        document.removeEventListener("visibilitychange", seen);
        counted();
      }
    });
  }

  const aside = document.querySelector("[data-most-read]");
  if (!aside || !window.fetch) {
    return;
  }
  fetch(aside.dataset.mostRead, {credentials: "omit"})
    .then(function (response) {
      return response.ok ? response.text() : "";
    })
    .then(function (html) {
      const list = new DOMParser().parseFromString(html, "text/html").body;
      if (list.querySelector("li")) {
        aside.replaceChildren(...list.childNodes);
        aside.hidden = false;
      }
    })
    .catch(function () {});
})();
