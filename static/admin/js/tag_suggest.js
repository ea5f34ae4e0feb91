// Suggests existing tags for the tag being typed in a comma-separated tag field.
(function () {
  "use strict";

  function attach(input) {
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.after(list);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    var timer = null;

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var parts = input.value.split(",");
        var current = parts.pop().trim();
        if (!current) {
          list.replaceChildren();
          return;
        }
        var done = parts.map(function (p) { return p.trim(); }).filter(Boolean);
        fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(current), {credentials: "same-origin"})
          .then(function (response) { return response.ok ? response.json() : {tags: []}; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.tags.map(function (name) {
              var option = document.createElement("option");
              var quoted = name.indexOf(",") === -1 ? name : '"' + name + '"';
              option.value = done.concat([quoted]).join(", ");
              return option;
            }));
          });
      }, 150);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-suggest-url]").forEach(attach);
  });
})();
