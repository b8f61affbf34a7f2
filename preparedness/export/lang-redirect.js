/* The exported site's "/": go to the reader's language (the lang cookie, then the browser's languages).
   Without JavaScript the page's meta refresh goes to the default language, and the links stay. */
(function () {
  "use strict";
  var script = document.currentScript;
  var languages = script.getAttribute("data-languages").split(" ");
  var chosen = null;
  var cookie = document.cookie.match(/(?:^|;\s*)lang=([^;]+)/);
  if (cookie && languages.indexOf(cookie[1]) !== -1) { chosen = cookie[1]; }
  (navigator.languages || [navigator.language || ""]).forEach(function (tag) {
    var code = String(tag).toLowerCase().split("-")[0];
    if (!chosen && languages.indexOf(code) !== -1) { chosen = code; }
  });
  location.replace("/" + (chosen || script.getAttribute("data-default")) + "/");
})();
