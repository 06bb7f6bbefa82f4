/* The plan review page (/drafts/<id>/): highlight an item's source, collapse and filter the task
   cards, add and remove rows, and send the whole review as one JSON field ("reviewed") when the
   form is submitted (templates/drafts/review.html; the server checks everything again).
   Spans are [start, end) in Unicode code points of the text, as Python counts them. */
(function () {
  "use strict";

  var form = document.getElementById("review-form");
  var pane = document.getElementById("source-text");
  var sourceNode = document.getElementById("source-json");
  if (!form || !pane || !sourceNode) { return; }
  var source = Array.from(JSON.parse(sourceNode.textContent));

  /* --- the source pane ------------------------------------------------------------------ */

  function highlight(span) {
    if (!Array.isArray(span) || span.length !== 2) { return; }
    var start = Math.max(0, span[0]);
    var end = Math.max(start, span[1]);
    var mark = document.createElement("mark");
    mark.id = "source-mark";
    mark.textContent = source.slice(start, end).join("");
    pane.replaceChildren(
      document.createTextNode(source.slice(0, start).join("")),
      mark,
      document.createTextNode(source.slice(end).join(""))
    );
    pane.scrollTop = Math.max(0, mark.offsetTop - pane.clientHeight / 3);
    document.querySelectorAll(".is-located").forEach(function (el) { el.classList.remove("is-located"); });
  }

  function spanOf(text) {
    try { return JSON.parse(text); } catch (e) { return null; }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var locate = target.closest("[data-locate]");
    if (locate) {
      event.preventDefault();
      highlight(spanOf(locate.getAttribute("data-locate")));
      var holder = locate.closest("tr, .task-card, .field");
      if (holder) { holder.classList.add("is-located"); }
      return;
    }
    var summary = target.closest("summary[data-span]");
    if (summary) {
      highlight(spanOf(summary.getAttribute("data-span")));
      summary.parentElement.classList.add("is-located");
      return;
    }
    var add = target.closest("[data-add]");
    if (add) {
      var key = add.getAttribute("data-add");
      var tpl = document.getElementById("tpl-" + key);
      var body = add.closest("fieldset").querySelector('tbody[data-rows="' + key + '"]');
      if (tpl && body) {
        var row = tpl.content.firstElementChild.cloneNode(true);
        body.appendChild(row);
        var first = row.querySelector("input");
        if (first) { first.focus(); }
      }
      return;
    }
    var remove = target.closest("[data-remove]");
    if (remove) {
      remove.closest("tr").remove();
      return;
    }
    var split = target.closest("[data-split]");
    if (split) {
      var card = split.closest(".task-card");
      var area = card.querySelector('textarea[data-f="text"]');
      var at = Array.from(area.value.slice(0, area.selectionStart || 0)).length;
      split.value = "split:" + split.getAttribute("data-split") + ":" + at;
    }
  });

  /* --- the task cards ------------------------------------------------------------------- */

  var list = document.getElementById("task-list");
  var only = document.getElementById("only-problems");
  if (only && list) {
    only.addEventListener("change", function () { list.classList.toggle("only-problems", only.checked); });
  }
  function openAll(open) {
    document.querySelectorAll(".task-card").forEach(function (card) { card.open = open; });
  }
  var expand = document.getElementById("expand-all");
  var collapse = document.getElementById("collapse-all");
  if (expand) { expand.addEventListener("click", function () { openAll(true); }); }
  if (collapse) { collapse.addEventListener("click", function () { openAll(false); }); }
  if (location.hash.indexOf("#task-") === 0) {
    var shown = document.getElementById(location.hash.slice(1));
    if (shown && shown.tagName === "DETAILS") { shown.open = true; }
  }

  /* --- the review as JSON --------------------------------------------------------------- */

  function value(el) { return el.type === "checkbox" ? el.checked : el.value; }
  function read(root, attr) {
    var out = {};
    root.querySelectorAll("[" + attr + "]").forEach(function (el) { out[el.getAttribute(attr)] = value(el); });
    return out;
  }
  function extra(el) {
    var text = el.getAttribute("data-extra");
    if (!text) { return {}; }
    try { return JSON.parse(text) || {}; } catch (e) { return {}; }
  }
  var BLANK = {
    units: function (r) { return !r.name.trim(); },
    deadlines: function (r) { return !r.date && !r.text.trim(); },
    indicators: function (r) { return !r.name.trim() && !r.value.trim() && !r.unit.trim(); }
  };

  function review() {
    var planCard = document.getElementById("plan-card");
    var plan = Object.assign(extra(planCard), read(planCard, "data-plan"));
    var targets = Array.from(document.querySelectorAll("tr.target-row")).map(function (tr) {
      return Object.assign(extra(tr), read(tr, "data-f"));
    });
    var tasks = Array.from(document.querySelectorAll(".task-card")).map(function (card) {
      var task = Object.assign(extra(card), read(card, "data-f"));
      ["units", "deadlines", "indicators"].forEach(function (key) {
        task[key] = Array.from(card.querySelectorAll('tr[data-row="' + key + '"]'))
          .map(function (tr) { return Object.assign(extra(tr), read(tr, "data-rf")); })
          .filter(function (row) { return !BLANK[key](row); });
      });
      return task;
    });
    var units = Array.from(document.querySelectorAll("tr.unitmap-row")).map(function (tr) {
      var entry = read(tr, "data-f");
      entry.unit = entry.unit ? Number(entry.unit) : null;
      return entry;
    });
    return { plan: plan, targets: targets, tasks: tasks, units: units };
  }

  form.addEventListener("submit", function () {
    document.getElementById("id_reviewed").value = JSON.stringify(review());
  });

  /* a saved or discarded draft: read only, but its sources can still be shown */
  if (form.hasAttribute("data-readonly")) {
    form.querySelectorAll("input, select, textarea, button:not([data-locate])").forEach(function (el) {
      el.disabled = true;
    });
  }
})();
