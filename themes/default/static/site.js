/* baocao progressive enhancement: text size, read aloud, search. Everything works without it. */
(function () {
  "use strict";
  var doc = document.documentElement;
  var store = {
    get: function (k) { try { return localStorage.getItem(k); } catch (e) { return null; } },
    set: function (k, v) { try { localStorage.setItem(k, v); } catch (e) { /* private mode */ } }
  };

  /* Text size: three steps, remembered across pages. */
  var sizes = ["100%", "112.5%", "125%"];
  function applySize(i) {
    doc.style.fontSize = sizes[i];
    var buttons = document.querySelectorAll("[data-size]");
    for (var b = 0; b < buttons.length; b++) {
      buttons[b].setAttribute("aria-pressed", String(Number(buttons[b].getAttribute("data-size")) === i));
    }
  }
  var saved = Number(store.get("baocao-size"));
  if (saved > 0 && saved < sizes.length) { applySize(saved); }

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  function setupTools() {
    var tools = document.getElementById("reader-tools");
    if (!tools) { return; }
    tools.hidden = false;
    tools.addEventListener("click", function (event) {
      var target = event.target.closest("[data-size]");
      if (!target) { return; }
      var i = Number(target.getAttribute("data-size"));
      applySize(i);
      store.set("baocao-size", String(i));
    });
    applySize(Number(store.get("baocao-size")) || 0);

    var speak = document.getElementById("read-aloud");
    var prose = document.querySelector(".prose");
    if (!speak || !prose || !("speechSynthesis" in window)) { return; }
    var lang = doc.lang || "vi";
    function voice() {
      var voices = window.speechSynthesis.getVoices();
      for (var v = 0; v < voices.length; v++) {
        if (voices[v].lang && voices[v].lang.toLowerCase().indexOf(lang) === 0) { return voices[v]; }
      }
      return null;
    }
    function offer() { speak.hidden = !voice(); }
    offer();
    window.speechSynthesis.addEventListener("voiceschanged", offer);
    speak.addEventListener("click", function () {
      var synth = window.speechSynthesis;
      if (synth.speaking) {
        synth.cancel();
        speak.setAttribute("aria-pressed", "false");
        return;
      }
      var title = document.querySelector("h1");
      var text = (title ? title.textContent + ". " : "") + prose.textContent;
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = lang;
      utterance.voice = voice();
      utterance.onend = function () { speak.setAttribute("aria-pressed", "false"); };
      speak.setAttribute("aria-pressed", "true");
      synth.speak(utterance);
    });
  }

  /* Search: a compact index fetched once, matched without tone marks ("ho ngheo" → "hộ nghèo"). */
  function setupSearch() {
    var form = document.getElementById("search-form");
    if (!form) { return; }
    var input = form.querySelector("input[type=search]");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    var entries = null;
    form.hidden = false;
    var noscript = document.getElementById("search-noscript");
    if (noscript) { noscript.hidden = true; }

    function render(query) {
      var words = fold(query).split(/\s+/).filter(Boolean);
      list.textContent = "";
      if (!words.length) { status.textContent = ""; return; }
      var hits = [];
      for (var i = 0; i < entries.length && hits.length < 50; i++) {
        var e = entries[i];
        var ok = true;
        for (var w = 0; w < words.length; w++) {
          if (e.folded.indexOf(words[w]) < 0) { ok = false; break; }
        }
        if (ok) { hits.push(e); }
      }
      status.textContent = hits.length === 1 ? form.getAttribute("data-found-one")
        : form.getAttribute("data-found").replace("{n}", String(hits.length));
      for (var h = 0; h < hits.length; h++) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = hits[h].url;
        a.textContent = hits[h].title;
        li.appendChild(a);
        if (hits[h].meta) {
          var meta = document.createElement("p");
          meta.className = "meta";
          meta.textContent = hits[h].meta;
          li.appendChild(meta);
        }
        if (hits[h].summary) {
          var p = document.createElement("p");
          p.textContent = hits[h].summary;
          li.appendChild(p);
        }
        list.appendChild(li);
      }
    }

    function run() {
      var query = input.value;
      if (history.replaceState) {
        history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : location.pathname);
      }
      if (entries) { render(query); return; }
      status.textContent = form.getAttribute("data-loading");
      fetch(form.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (rows) {
        entries = rows.map(function (row) {
          return { title: row[0], url: row[1], meta: row[2], summary: row[3], folded: fold(row.join(" ")) };
        });
        render(input.value);
      }).catch(function () { status.textContent = form.getAttribute("data-error"); });
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    var timer = null;
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 200); });
    var q = new URLSearchParams(location.search).get("q");
    if (q) { input.value = q; run(); }
  }

  function start() { setupTools(); setupSearch(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
