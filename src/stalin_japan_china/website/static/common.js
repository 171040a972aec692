/* Shared by every view: the search tokenizer, colours and the URL-hash state. */
(function () {
  "use strict";
  var CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;
  var RUNS = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+|[^\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+/g;

  /* Lower case without diacritics, so "Okawa" finds "Ōkawa". */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* Words as usual; a run of CJK characters (no spaces between words) becomes its
     single characters and its character pairs, so "大川" finds "大川周明". */
  function tokenize(text) {
    var out = [];
    (String(text || "").match(/[\p{L}\p{N}]+/gu) || []).forEach(function (word) {
      (word.match(RUNS) || []).forEach(function (run) {
        if (!CJK.test(run)) { out.push(run); return; }
        var chars = Array.from(run);
        chars.forEach(function (c, i) {
          out.push(c);
          if (i + 1 < chars.length) out.push(c + chars[i + 1]);
        });
      });
    });
    return out;
  }

  function readHash() {
    var state = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      if (!pair) return;
      var i = pair.indexOf("=");
      var key = decodeURIComponent(i < 0 ? pair : pair.slice(0, i));
      state[key] = i < 0 ? "" : decodeURIComponent(pair.slice(i + 1).replace(/\+/g, " "));
    });
    return state;
  }

  function writeHash(state) {
    var parts = Object.keys(state).filter(function (k) { return state[k] !== "" && state[k] != null; })
      .map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(state[k]); });
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (hash !== location.hash) history.replaceState(null, "", hash || location.pathname);
  }

  /* The package's one status scale (stalin_japan_china.scale), as the page's CSS variables. */
  var STATUS_COLOURS = {};
  ["confirmed", "likely", "possible", "alleged", "refuted"].forEach(function (s) {
    STATUS_COLOURS[s] = getComputedStyle(document.documentElement).getPropertyValue("--" + s).trim();
  });
  var PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363"];

  function colourOf(key, values) {
    return STATUS_COLOURS[key] || PALETTE[Math.max(0, values.indexOf(key)) % PALETTE.length];
  }

  function pageOf(kind, id) {
    var folder = { actor: "actors", event: "events", claim: "claims", source: "sources" }[kind];
    return folder + "/" + id.replace(/\//g, "~") + ".html";
  }

  function actorsById() {
    var byId = {};
    window.SJC.actors.forEach(function (a) { byId[a.id] = a; });
    return byId;
  }

  /* Actor names (and aliases) to ids, for the actor filters' free-text inputs. */
  function actorResolver(datalist) {
    var keys = {};
    window.SJC.actors.forEach(function (a) {
      [a.id, a.n, a.nn].concat(a.al || []).forEach(function (n) { if (n) keys[fold(n)] = a.id; });
      if (datalist) {
        var o = document.createElement("option");
        o.value = a.n;
        datalist.appendChild(o);
      }
    });
    return function (text) { return text ? keys[fold(text.trim())] || null : null; };
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  window.SJCUI = { fold: fold, tokenize: tokenize, readHash: readHash, writeHash: writeHash,
    colourOf: colourOf, STATUS_COLOURS: STATUS_COLOURS, pageOf: pageOf, actorsById: actorsById,
    actorResolver: actorResolver, el: el };
})();
