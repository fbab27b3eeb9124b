/* samvad search: runs the search page from the index files beside it. They are plain
   scripts, loaded one by one with <script src>, so search works from a folder opened
   from disk (file://) as well as from a host. Words are read exactly as the build read
   them (src/search/words.rs); a test keeps the two in step. */
(function () {
  "use strict";

  // ---- Words: the same rules as the build's index. ----
  var WORD = /[\p{Alphabetic}\p{N}\p{M}\u200C\u200D]+/gu;
  // The letters with a nukta that are one character, as the letter without it.
  var NUKTA_LETTERS = { "\u0929": "\u0928", "\u0931": "\u0930", "\u0934": "\u0933",
    "\u0958": "\u0915", "\u0959": "\u0916", "\u095a": "\u0917", "\u095b": "\u091c",
    "\u095c": "\u0921", "\u095d": "\u0922", "\u095e": "\u092b", "\u095f": "\u092f" };

  function stem(w) {
    var n = w.length;
    if (n > 4 && /ies$/.test(w)) w = w.slice(0, -3) + "y";
    else if (n > 4 && /(sses|xes|ches|shes|zes)$/.test(w)) w = w.slice(0, -2);
    else if (n > 3 && /s$/.test(w) && !/(ss|us)$/.test(w)) {
      if (!/is$/.test(w)) w = w.slice(0, -1);
    }
    n = w.length;
    if (n > 5 && /ing$/.test(w) && /[aeiouy]/.test(w.slice(0, -3))) {
      w = w.slice(0, -3);
      var m = w.length, last = w.charAt(m - 1);
      if (m > 2 && last === w.charAt(m - 2) && !/[aeiouylsz]/.test(last)) w = w.slice(0, -1);
    }
    n = w.length;
    if (n > 3 && /e$/.test(w)) w = w.slice(0, -1);
    return w;
  }

  // The index's form of one raw word ("" when it is not kept); `plain` skips the
  // English endings (for a word still being typed).
  function normalise(raw, plain) {
    var w = "";
    if (/^[\x00-\x7f]*$/.test(raw)) {
      w = raw.toLowerCase();
    } else {
      var chars = Array.from(raw.normalize("NFC"));
      for (var i = 0; i < chars.length; i++) {
        var c = chars[i], cp = c.codePointAt(0);
        if (cp === 0x93c || cp === 0x200c || cp === 0x200d) continue;
        if (cp >= 0x966 && cp <= 0x96f) w += String.fromCharCode(48 + cp - 0x966);
        else if (NUKTA_LETTERS[c]) w += NUKTA_LETTERS[c];
        else w += c.toLowerCase();
      }
    }
    if (/^[0-9]*$/.test(w)) return w.length === 4 ? w : "";
    if (!plain && /^[a-z]+$/.test(w)) w = stem(w);
    return Array.from(w).length > 1 ? w : "";
  }

  function words(text) {
    var out = [];
    var found = String(text).match(WORD) || [];
    for (var i = 0; i < found.length; i++) {
      var w = normalise(found[i], false);
      if (w) out.push(w);
    }
    return out;
  }

  // The beginnings a word still being typed may be of: its own form, and for English
  // its form with a half-typed ending taken off ("meeti" may be "meeting": "meet").
  function beginnings(raw) {
    var all = [];
    var add = function (w) {
      if (w && Array.from(w).length > 1 && all.indexOf(w) < 0) all.push(w);
    };
    add(normalise(raw, false));
    var plain = normalise(raw, true);
    if (/^[a-z]+$/.test(plain)) {
      add(plain);
      var cut = plain.replace(/(in|i|e|es)$/, "");
      if (cut !== plain) {
        add(cut);
        if (/([^aeiouylsz])\1$/.test(cut)) add(cut.slice(0, -1));
      }
    }
    return all;
  }

  // What this page has loaded of the index, for anyone who asks what a search costs.
  var loaded = [];
  window.samvadSearchWords = { words: words, normalise: normalise, beginnings: beginnings, loaded: loaded };

  var form = document.getElementById("search");
  if (!form) return;

  // ---- The index files. ----
  var base = form.getAttribute("data-index") || "./";
  var root = form.getAttribute("data-root") || "";
  var meta = null;
  var shards = {};
  var docs = {};
  var loading = {};

  window.samvadSearch = {
    m: function (m) { meta = m; },
    t: function (prefix, terms) { shards[prefix] = terms; },
    d: function (n, list) { docs[n] = list; }
  };

  function load(path) {
    if (!loading[path]) {
      loading[path] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = base + path;
        loaded.push(path);
        s.onload = function () { resolve(); };
        s.onerror = function () { reject(new Error(path)); };
        document.head.appendChild(s);
      });
    }
    return loading[path];
  }

  function hex(prefix) {
    if (!prefix) return "_";
    var bytes = new TextEncoder().encode(prefix), s = "";
    for (var i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    return s;
  }

  // The shard a whole word is in: the longest prefix of it that has one.
  function shardOf(word) {
    var best = "";
    for (var i = 0; i < meta.shards.length; i++) {
      var p = meta.shards[i][0];
      if (p.length > best.length && word.lastIndexOf(p, 0) === 0) best = p;
    }
    return best;
  }

  // The shards words beginning with `start` may be in: its own, and those split off
  // under it, up to a budget of bytes (a word typed further needs fewer).
  var PREFIX_BUDGET = 48 * 1024;
  function shardsUnder(start) {
    var list = [shardOf(start)];
    var under = meta.shards.filter(function (s) {
      return s[0].length > start.length && s[0].lastIndexOf(start, 0) === 0;
    });
    under.sort(function (a, b) { return a[0].length - b[0].length || a[1] - b[1]; });
    var spent = 0;
    for (var i = 0; i < under.length; i++) {
      if (spent + under[i][1] > PREFIX_BUDGET) break;
      spent += under[i][1];
      list.push(under[i][0]);
    }
    return list;
  }

  var DIGIT = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  // Calls each(doc, weight) for every page of an encoded postings list.
  function postings(code, each) {
    var doc = 0, v = 0, shift = 0;
    for (var i = 0; i < code.length; i++) {
      var d = DIGIT.indexOf(code.charAt(i));
      if (d >= 32) { v += (d - 32) * Math.pow(32, shift); shift++; continue; }
      v += d * Math.pow(32, shift);
      doc += Math.floor(v / 4);
      each(doc, v % 4);
      v = 0; shift = 0;
    }
  }

  var WEIGHTS = [1, 2, 4, 5];

  // Every page with its score: per word of the query, the best of the words it has
  // (a whole word counts twice a beginning); pages with more of the query's words first.
  function rank(query) {
    var raw = String(query).match(WORD) || [];
    var parts = [];
    for (var i = 0; i < raw.length; i++) {
      var last = i === raw.length - 1;
      var whole = normalise(raw[i], false);
      var starts = last ? beginnings(raw[i]) : [];
      if (whole || starts.length) parts.push({ whole: whole, starts: starts });
    }
    var need = [];
    parts.forEach(function (p) {
      if (p.whole) need.push(shardOf(p.whole));
      p.starts.forEach(function (s) { need = need.concat(shardsUnder(s)); });
    });
    return Promise.all(need.map(function (p) {
      return load("t/" + hex(p) + ".js");
    })).then(function () {
      var pages = {};
      parts.forEach(function (p, n) {
        var best = {};
        var seen = {};
        var take = function (term, factor) {
          if (seen[term]) return;
          var found = null;
          for (var k in shards) {
            if (Object.prototype.hasOwnProperty.call(shards[k], term)) { found = shards[k][term]; break; }
          }
          if (found === null) return;
          seen[term] = true;
          postings(found, function (doc, w) {
            var s = WEIGHTS[w] * factor;
            if (!(best[doc] >= s)) best[doc] = s;
          });
        };
        if (p.whole) take(p.whole, 2);
        p.starts.forEach(function (start) {
          for (var k in shards) {
            if (start.lastIndexOf(k, 0) !== 0 && k.lastIndexOf(start, 0) !== 0) continue;
            for (var term in shards[k]) {
              if (term.lastIndexOf(start, 0) === 0) take(term, term === p.whole ? 2 : 1);
            }
          }
        });
        for (var doc in best) {
          var e = pages[doc] || (pages[doc] = { doc: +doc, words: 0, score: 0 });
          e.words++;
          e.score += best[doc];
        }
      });
      var list = Object.keys(pages).map(function (k) { return pages[k]; });
      list.sort(function (a, b) {
        return b.words - a.words || b.score - a.score || b.doc - a.doc;
      });
      var all = list.filter(function (e) { return e.words === parts.length; });
      return { parts: parts, list: all.length ? all : list, partial: !all.length && list.length > 0 };
    });
  }

  // ---- The page. ----
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var nojs = document.getElementById("search-nojs");
  var kinds = (form.getAttribute("data-kinds") || "").split("|");
  var PAGE = 10;
  var current = null;
  var shown = 0;
  var asked = 0;

  function say(name, q, n) {
    var text = form.getAttribute("data-" + name) || "";
    status.textContent = text.replace("{q}", q).replace("{n}", String(n));
  }

  // Writes `text` into `into`, marking the words the query asked for.
  function marked(into, text, parts) {
    var at = 0, m;
    var re = new RegExp(WORD.source, "gu");
    while ((m = re.exec(text))) {
      var w = normalise(m[0], false), plain = normalise(m[0], true);
      var hit = parts.some(function (p) {
        return (p.whole && w === p.whole) || p.starts.some(function (s) {
          return w.lastIndexOf(s, 0) === 0 || plain.lastIndexOf(s, 0) === 0;
        });
      });
      if (!hit || !w) continue;
      into.appendChild(document.createTextNode(text.slice(at, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      into.appendChild(mark);
      at = m.index + m[0].length;
    }
    into.appendChild(document.createTextNode(text.slice(at)));
  }

  function showMore(run) {
    var next = current.list.slice(shown, shown + PAGE);
    var chunks = [];
    next.forEach(function (e) {
      var c = Math.floor(e.doc / meta.chunk);
      if (chunks.indexOf(c) < 0) chunks.push(c);
    });
    return Promise.all(chunks.map(function (c) { return load("d/" + c + ".js"); })).then(function () {
      if (run !== asked) return;
      next.forEach(function (e) {
        var d = (docs[Math.floor(e.doc / meta.chunk)] || [])[e.doc % meta.chunk];
        if (!d) return;
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = root + d[1];
        marked(a, d[2], current.parts);
        li.appendChild(a);
        var about = document.createElement("p");
        about.className = "search-meta";
        about.textContent = [kinds[d[0]] || "", d[3]].filter(Boolean).join(" · ");
        li.appendChild(about);
        if (d[4]) {
          var p = document.createElement("p");
          p.className = "search-snippet";
          marked(p, d[4], current.parts);
          li.appendChild(p);
        }
        results.appendChild(li);
      });
      shown += next.length;
      more.hidden = shown >= current.list.length;
    });
  }

  function search(q) {
    var run = ++asked;
    results.textContent = "";
    more.hidden = true;
    q = q.trim();
    if (!q) { status.textContent = ""; return Promise.resolve(); }
    var raw = q.match(WORD) || [];
    var any = raw.some(function (w) { return normalise(w, false) || beginnings(w).length; });
    if (!any) { say("short", q, 0); return Promise.resolve(); }
    say("loading", q, 0);
    return load("meta.js").then(function () { return rank(q); }).then(function (r) {
      if (run !== asked) return;
      current = r;
      shown = 0;
      if (!r.list.length) { say("none", q, 0); return; }
      say(r.partial ? "partial" : "found", q, r.list.length);
      return showMore(run);
    }).catch(function () {
      if (run === asked) say("failed", q, 0);
    });
  }

  function remember(q) {
    try {
      history.replaceState(null, "", q ? "?q=" + encodeURIComponent(q) : location.pathname);
    } catch (e) { /* a page opened from disk may not change its address */ }
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); remember(input.value.trim()); }, 150);
  });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    clearTimeout(timer);
    search(input.value);
    remember(input.value.trim());
  });
  more.addEventListener("click", function () { showMore(asked); });

  form.hidden = false;
  nojs.hidden = true;
  var q = new URLSearchParams(location.search).get("q") || "";
  if (q) { input.value = q; search(q); } else input.focus();
})();
