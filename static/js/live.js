/* While the page is visible, check its area's tiny status document every 15-30 s and, when it
   changes, redraw the page from the server, keeping the parts that did not change (and their handlers). */
(function () {
  "use strict";
  var mark = document.querySelector("[data-live]");
  if (!mark || !window.fetch) return;
  var seconds = Number(mark.getAttribute("data-live-interval")) || 20, timer = 0;
  function version() { return document.querySelector("[data-live]").getAttribute("data-live-version"); }
  function later() {
    clearTimeout(timer);
    if (!document.hidden) timer = setTimeout(check, seconds * (750 + Math.random() * 500));
  }
  function redraw(html, wanted) {
    var fresh = new DOMParser().parseFromString(html, "text/html"), main = document.querySelector("main");
    var mark = fresh.querySelector("[data-live]"), next = fresh.querySelector("main");
    if (!mark || !next || mark.getAttribute("data-live-version") !== wanted) return;  // an older copy
    var old = {};
    Array.prototype.forEach.call(main.children, function (el) { old[el.outerHTML] = el; });
    main.replaceChildren.apply(main, Array.from(next.children).map(function (el) {
      return old[el.outerHTML] || document.adoptNode(el);
    }));
    document.title = fresh.title;
  }
  function check() {
    fetch(mark.getAttribute("data-live"), {cache: "no-cache"}).then(function (r) { return r.json(); })
      .then(function (status) {
        // What the page shows is current as of the document's time (offline.js reads it for staleness).
        if (status.generated) document.body.setAttribute("data-generated", status.generated);
        if (status.version === version()) return;
        var url = location.pathname + location.search + (location.search ? "&" : "?") + "live=" + status.version;
        return fetch(url, {cache: "no-cache"}).then(function (r) { return r.text(); })
          .then(function (html) { redraw(html, status.version); });
      }).catch(function () { /* offline: the page says how old it is */ }).then(later);
  }
  document.addEventListener("visibilitychange", function () { if (!document.hidden) check(); else clearTimeout(timer); });
  later();
})();
