// newsgraph pages: small progressive enhancements only; every page works without JS.
(function () {
  "use strict";
  // "/" focuses the search box (unless typing in a field already).
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
    var box = document.getElementById("site-q");
    if (box) { ev.preventDefault(); box.focus(); box.select(); }
  });
  // Highlight layer toggles on the article page (remembered across pages).
  document.querySelectorAll("input[data-layer]").forEach(function (box) {
    var cls = "hide-" + box.getAttribute("data-layer");
    var key = "newsgraph." + cls;
    try { if (localStorage.getItem(key) === "1") box.checked = false; } catch (e) { /* storage off */ }
    var apply = function () {
      document.body.classList.toggle(cls, !box.checked);
      try { localStorage.setItem(key, box.checked ? "0" : "1"); } catch (e) { /* storage off */ }
    };
    box.addEventListener("change", apply);
    apply();
  });
  // Analyze page: load a file into the textarea.
  var file = document.getElementById("analyze-file");
  var area = document.getElementById("analyze-text");
  if (file && area) {
    file.addEventListener("change", function () {
      var f = file.files && file.files[0];
      if (!f) return;
      f.text().then(function (txt) { area.value = txt; });
    });
  }
})();
