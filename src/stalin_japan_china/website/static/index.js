/* The index: search (MiniSearch), facets, the state in the URL hash, CSV download. */
(function () {
  "use strict";
  var U = window.SJCUI, D = window.SJC, el = U.el;
  var FACETS = [["type", "Type"], ["status", "Status"], ["role", "Role"], ["chapter", "Chapter"], ["decade", "Decade"]];
  var byId = {};
  D.events.forEach(function (e) { byId[e.id] = e; });
  var actors = U.actorsById();

  function values(e, facet) {
    if (facet === "type") return [e.ty];
    if (facet === "status") return [e.st];
    if (facet === "chapter") return [String(e.ch)];
    if (facet === "decade") return [e.dc];
    return e.p.map(function (p) { return p[1]; });
  }

  var search = new MiniSearch({
    fields: ["name", "native", "aliases", "title", "notes"],
    storeFields: ["kind"],
    tokenize: U.tokenize,
    processTerm: function (term) { return U.fold(term); },
    searchOptions: { boost: { name: 3, native: 3, aliases: 2, title: 2 }, prefix: true, combineWith: "AND",
      fuzzy: function (term) { return term.length > 5 && !/[^\x00-\x7f]/.test(term) ? 0.2 : false; } }
  });
  var docs = D.actors.map(function (a) {
    return { id: "a:" + a.id, kind: "actor", name: a.n, native: a.nn || "", aliases: (a.al || []).join(" "), title: "", notes: a.ds };
  }).concat(D.events.map(function (e) {
    return { id: "e:" + e.id, kind: "event", name: "", native: "", aliases: "", title: e.t, notes: e.sm + " " + e.nt };
  }));
  search.addAll(docs);

  var form = document.getElementById("search"), q = document.getElementById("q");
  var facetsBox = document.getElementById("facets"), tbody = document.querySelector("#events tbody");
  var rows = {};
  Array.prototype.forEach.call(tbody.rows, function (tr) { rows[tr.getAttribute("data-id")] = tr; });
  var order = D.events.map(function (e) { return e.id; });

  /* facet checkboxes, with counts over all events */
  FACETS.forEach(function (f) {
    var counts = {};
    D.events.forEach(function (e) {
      values(e, f[0]).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
    });
    var keys = Object.keys(counts).sort(function (a, b) {
      if (f[0] === "status") return D.statuses.indexOf(a) - D.statuses.indexOf(b);
      if (f[0] === "chapter") return a - b;
      if (f[0] === "decade") return a < b ? -1 : 1;
      return counts[b] - counts[a] || (a < b ? -1 : 1);
    });
    var box = el("fieldset", { "data-facet": f[0] });
    box.appendChild(el("legend", {}, f[1]));
    keys.forEach(function (k) {
      var label = el("label");
      var input = el("input", { type: "checkbox", value: k, name: f[0] });
      label.appendChild(input);
      var text = f[0] === "chapter" ? k + ". " + D.chapters[k] : k;
      label.appendChild(document.createTextNode(" " + text + " "));
      label.appendChild(el("span", { "class": "n" }, "(" + counts[k] + ")"));
      box.appendChild(label);
    });
    facetsBox.appendChild(box);
  });

  function state() {
    var s = { q: q.value.trim() };
    FACETS.forEach(function (f) {
      s[f[0]] = Array.prototype.filter.call(facetsBox.querySelectorAll("input[name=" + f[0] + "]"),
        function (i) { return i.checked; }).map(function (i) { return i.value; }).join(",");
    });
    return s;
  }

  function restore(s) {
    q.value = s.q || "";
    FACETS.forEach(function (f) {
      var chosen = (s[f[0]] || "").split(",");
      facetsBox.querySelectorAll("input[name=" + f[0] + "]").forEach(function (i) {
        i.checked = chosen.indexOf(i.value) >= 0;
      });
    });
  }

  var selection = [];

  function apply() {
    var s = state();
    U.writeHash(s);
    var ids = order, actorHits = [];
    if (s.q) {
      var hits = search.search(s.q);
      ids = hits.filter(function (h) { return h.kind === "event"; }).map(function (h) { return h.id.slice(2); });
      actorHits = hits.filter(function (h) { return h.kind === "actor"; }).map(function (h) { return h.id.slice(2); });
      var wanted = U.fold(s.q);
      var exact = function (id) {
        var a = actors[id];
        return [a.n, a.nn].concat(a.al || []).some(function (n) { return n && U.fold(n) === wanted; }) ? 0 : 1;
      };
      actorHits = actorHits.map(function (id, i) { return [exact(id), i, id]; })
        .sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; }).map(function (x) { return x[2]; });
    }
    selection = ids.filter(function (id) {
      var e = byId[id];
      return FACETS.every(function (f) {
        if (!s[f[0]]) return true;
        var chosen = s[f[0]].split(",");
        return values(e, f[0]).some(function (v) { return chosen.indexOf(v) >= 0; });
      });
    });
    var fragment = document.createDocumentFragment();
    selection.forEach(function (id) { fragment.appendChild(rows[id]); });
    order.forEach(function (id) { rows[id].hidden = true; });
    selection.forEach(function (id) { rows[id].hidden = false; });
    tbody.insertBefore(fragment, tbody.firstChild);
    document.getElementById("count").textContent = selection.length + " of " + order.length + " events";
    var box = document.getElementById("actor-hits");
    box.textContent = "";
    if (s.q) {
      box.appendChild(el("h2", {}, actorHits.length + " actors"));
      var list = el("ul"), more = el("details"), moreList = el("ul");
      more.appendChild(el("summary", {}, (actorHits.length - 6) + " more actors"));
      more.appendChild(moreList);
      actorHits.slice(0, 60).forEach(function (id, i) {
        var a = actors[id], li = el("li");
        li.appendChild(el("a", { href: U.pageOf("actor", id) }, a.n));
        if (a.nn) { li.appendChild(document.createTextNode(" ")); li.appendChild(el("span", { lang: a.nl || "" }, a.nn)); }
        if (a.b || a.d) li.appendChild(document.createTextNode(" (" + (a.b || "?") + "–" + (a.d || "?") + ")"));
        (i < 6 ? list : moreList).appendChild(li);
      });
      box.appendChild(list);
      if (actorHits.length > 6) box.appendChild(more);
    }
  }

  function csv() {
    var cell = function (v) { v = v == null ? "" : String(v); return /[",\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v; };
    var lines = [["id", "date", "when", "type", "status", "chapter", "title", "page"].join(",")];
    selection.forEach(function (id) {
      var e = byId[id];
      lines.push([e.id, e.d, e.g, e.ty, e.st, e.ch, e.t, U.pageOf("event", e.id)].map(cell).join(","));
    });
    var blob = new Blob([lines.join("\n") + "\n"], { type: "text/csv" });
    var a = el("a", { href: URL.createObjectURL(blob), download: "stalin-japan-china-" + D.version + "-events.csv" });
    document.body.appendChild(a); a.click(); a.remove();
  }

  var timer;
  q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 120); });
  facetsBox.addEventListener("change", apply);
  document.getElementById("csv").hidden = false;
  document.getElementById("csv").addEventListener("click", csv);
  window.addEventListener("hashchange", function () { restore(U.readHash()); apply(); });
  restore(U.readHash());
  apply();
  form.setAttribute("data-ready", "1");
})();
