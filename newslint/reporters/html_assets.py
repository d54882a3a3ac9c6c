"""The style sheet and filter script the HTML report carries inline (it never loads anything)."""

from __future__ import annotations

STYLE = """
:root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --line: #c8c8c8;
  --error: #a4001d; --warning: #7a4100; --info: #0a4fa8; --bar: #2f5d8a; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; color: var(--ink);
  background: #fff; line-height: 1.45;
  font-family: system-ui, "Noto Sans", "Noto Sans CJK KR", "Apple SD Gothic Neo",
    "Malgun Gothic", "Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", sans-serif; }
main { display: flex; flex-direction: column; }
#overview-part { order: -1; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1rem 0 0.4rem; }
a { color: #0a4a8f; }
:focus-visible { outline: 3px solid #0a4a8f; outline-offset: 2px; }
.headline { font-size: 1.1rem; font-weight: 600; }
.grid { display: grid; gap: 0 2rem; grid-template-columns: repeat(auto-fit, minmax(28rem, 1fr)); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.1rem 0.5rem 0.1rem 0; vertical-align: top; }
th { font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; width: 3.5rem; }
td.bar { width: 35%; }
th code { overflow-wrap: anywhere; }
.bar span { display: block; height: 0.9rem; background: var(--bar); min-width: 2px; }
.sev { font-weight: 700; text-transform: uppercase; font-size: 0.8rem; }
.sev-error { color: var(--error); } .sev-warning { color: var(--warning); }
.sev-info { color: var(--info); }
form.filters { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end;
  padding: 0.75rem; background: #f3f3f3; border: 1px solid var(--line); }
form.filters label { display: flex; flex-direction: column; font-size: 0.9rem; }
form.filters input, form.filters select { font: inherit; padding: 0.2rem 0.3rem; }
.finding { border-top: 1px solid var(--line); padding: 0.25rem 0 0.75rem; }
.finding h3 code { font-size: 0.95rem; }
.doc { margin: 0.2rem 0; color: var(--muted); }
pre { margin: 0.3rem 0; padding: 0.4rem 0.6rem; background: #f7f7f7; border: 1px solid #e2e2e2;
  white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.9rem; line-height: 1.5;
  font-family: ui-monospace, "Noto Sans Mono", "Noto Sans Mono CJK KR", "DejaVu Sans Mono",
    monospace; }
.ln { display: inline-block; min-width: 3.5rem; color: var(--muted); user-select: none; }
mark { background: #ffd43b; color: #000; outline: 1px solid #b38600; }
mark:empty { padding-left: 0.6ch; }
.diff del { background: #ffd7d5; color: #000; text-decoration: line-through; }
.diff ins { background: #c9f2cf; color: #000; text-decoration: none; }
.diff .old { color: #7d0012; } .diff .new { color: #0b5a1c; } .diff .same { color: var(--muted); }
.note { margin: 0.2rem 0; font-size: 0.9rem; }
[hidden] { display: none !important; }
"""

SCRIPT = """
(function () {
  var main = document.getElementById("report");
  var overview = document.getElementById("overview-part");
  main.insertBefore(overview, main.firstChild);
  document.title = "newslint report: " + document.getElementById("headline").textContent;
  var form = document.getElementById("filters");
  if (!form) { return; }
  var items = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var shown = document.getElementById("shown");
  function value(id) { return document.getElementById(id).value.trim().toLowerCase(); }
  function apply() {
    var rule = value("f-rule"), severity = value("f-severity");
    var path = value("f-path"), text = value("f-text"), count = 0;
    items.forEach(function (item) {
      var d = item.dataset;
      var ok = (!rule || d.rule.toLowerCase().indexOf(rule) === 0 ||
                d.name.toLowerCase().indexOf(rule) !== -1) &&
               (!severity || d.severity === severity) &&
               (!path || d.path.toLowerCase().indexOf(path) !== -1) &&
               (!text || item.textContent.toLowerCase().indexOf(text) !== -1);
      item.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = count + " of " + items.length;
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
"""
