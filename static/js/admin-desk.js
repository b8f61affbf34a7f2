// The desk: re-reads the drafts waiting every few seconds, so a new one shows without a reload.
(function () {
  "use strict";
  var box = document.querySelector("[data-desk-poll]");
  if (!box || !window.fetch) { return; }
  var list = box.querySelector("[data-desk-drafts]");
  var none = box.querySelector("[data-desk-none]");
  var count = box.querySelector("[data-desk-count]");
  var title = document.title.replace(/^\(\d+\) /, "");
  var seconds = Math.max(2, parseInt(box.getAttribute("data-poll-seconds"), 10) || 10);
  box.querySelector("[data-desk-live]").hidden = false;

  function item(draft) {
    var li = document.createElement("li"), link = document.createElement("a"), age = document.createElement("strong");
    li.className = "admin-list__item admin-list__item--" + draft.mode;
    link.href = draft.href;
    link.textContent = draft.title;
    age.textContent = draft.age;
    li.append(link, " · " + draft.authors + " · ", age);
    return li;
  }

  function show(data) {
    list.replaceChildren.apply(list, data.drafts.map(item));
    none.hidden = data.count > 0;
    count.textContent = data.count;
    document.title = (data.count ? "(" + data.count + ") " : "") + title;
  }

  function poll() {
    fetch(box.getAttribute("data-desk-poll"), {cache: "no-store", credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) { show(data); } })
      .catch(function () { /* offline for a moment: try again at the next tick */ })
      .then(function () { window.setTimeout(poll, seconds * 1000); });
  }
  window.setTimeout(poll, seconds * 1000);
}());
