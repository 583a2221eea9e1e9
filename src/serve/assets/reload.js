// baocao serve: reload the page when the site has been rebuilt. Injected only by the preview
// server, never into what `baocao build` writes.
(function () {
  "use strict";
  if (!window.EventSource) {
    return;
  }
  var script = document.currentScript;
  var since = script ? script.getAttribute("data-generation") : "";
  var source = new EventSource("/__baocao/events?since=" + encodeURIComponent(since || ""));
  source.addEventListener("reload", function () {
    source.close();
    window.location.reload();
  });
})();
