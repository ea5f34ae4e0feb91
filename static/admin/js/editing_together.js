// The article edit page's heartbeat: who else has this story open, and whether
// someone saved a newer version since this page was opened. Nothing is locked:
// a page that closes simply stops beating and drops off the others' notices.
"use strict";
(function () {
  function start() {
    const box = document.getElementById("editing-together");
    if (!box) {
      return;
    }
    const form = box.closest("form");
    const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    const others = box.querySelector(".desk-notice--others");
    const newer = box.querySelector(".desk-notice--newer");
    const every = Number(box.dataset.every || 5) * 1000;

    function say(element, text) {
      element.textContent = text;
      element.hidden = !text;
    }

    function names(list) {
      if (list.length < 2) {
        return list.join("");
      }
      return list.slice(0, -1).join(", ") + " and " + list[list.length - 1];
    }

    function beat() {
      const body = new URLSearchParams({version: box.dataset.version});
      fetch(box.dataset.url, {
        method: "POST",
        body: body,
        headers: {"X-CSRFToken": token},
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (answer) {
          if (!answer) {
            return;
          }
          const count = answer.others.length;
          say(others, count ? names(answer.others) + (count > 1 ? " also have" : " also has") + " this article open." : "");
          say(
            newer,
            answer.newer
              ? answer.newer.by + " saved a newer version at " + answer.newer.at +
                  ". Saving now would be refused: copy your edits, then reload the page to see theirs."
              : ""
          );
        })
        .catch(function () {});  // a missed beat is retried by the next one
    }

    beat();
    window.setInterval(beat, every);
    window.addEventListener("pagehide", function () {
      const body = new FormData();
      body.append("leave", "1");
      body.append("csrfmiddlewaretoken", token);
      navigator.sendBeacon(box.dataset.url, body);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
