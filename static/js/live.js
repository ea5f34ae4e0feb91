// A live story's page: fetch its updates every few seconds and show new ones without a reload.
// The page reads completely without this script; the fragment it fetches is cached like the page
// and refreshed when an update is posted.
"use strict";
(function () {
  const box = document.querySelector("[data-live-updates]");
  if (!box || !window.fetch) {
    return;
  }
  const news = document.querySelector(".live__news");
  const every = Number(box.dataset.every || 20) * 1000;

  function latest(root) {
    const list = root.querySelector("[data-latest]");
    return list ? list.dataset.latest : "";
  }

  function refresh() {
    fetch(box.dataset.liveUpdates, {headers: {Accept: "text/html"}, credentials: "omit"})
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (!html) {
          return;
        }
        const fresh = new DOMParser().parseFromString(html, "text/html").body;
        if (latest(fresh) === latest(box)) {
          return;
        }
        const before = box.querySelectorAll(".live__update").length;
        box.replaceChildren(...fresh.childNodes);
        const added = box.querySelectorAll(".live__update").length - before;
        if (news && added > 0) {
          news.textContent = added === 1 ? "1 new update" : added + " new updates";
        }
      })
      .catch(function () {});  // a missed poll is retried by the next one
  }

  window.setInterval(refresh, every);
})();
