(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var items = data.items;
  var rangeItem = {};
  Object.keys(items).forEach(function (id) {
    items[id].ranges.forEach(function (r) { rangeItem[r] = id; });
  });
  var tooltip = document.getElementById("tooltip");

  function elementsOf(id) {
    var out = [];
    items[id].ranges.forEach(function (r) {
      document.querySelectorAll('[data-r~="' + CSS.escape(r) + '"]').forEach(function (el) {
        out.push(el);
      });
    });
    out.sort(function (a, b) {
      return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    return out;
  }

  function itemsAt(el) {
    var ids = [];
    while (el && !(el.classList && el.classList.contains("article-text"))) {
      if (el.dataset && el.dataset.r) {
        el.dataset.r.split(" ").forEach(function (r) {
          var id = rangeItem[r];
          if (id && ids.indexOf(id) < 0) { ids.push(id); }
        });
      }
      el = el.parentElement;
    }
    return ids;
  }

  function details(ids) {
    var box = document.createElement("div");
    box.className = "details";
    ids.forEach(function (id) {
      var item = items[id];
      var h = document.createElement("h4");
      var sw = document.createElement("span");
      sw.className = "swatch " + item.kind;
      h.appendChild(sw);
      h.appendChild(document.createTextNode(item.title));
      box.appendChild(h);
      var dl = document.createElement("dl");
      item.fields.forEach(function (f) {
        var dt = document.createElement("dt");
        dt.textContent = f[0];
        var dd = document.createElement("dd");
        dd.textContent = f[1];
        dl.appendChild(dt);
        dl.appendChild(dd);
      });
      box.appendChild(dl);
    });
    return box;
  }

  function showIn(section, ids) {
    var panel = section.querySelector(".details-slot");
    panel.replaceChildren(ids.length ? details(ids) : "");
  }

  function clearMarks() {
    document.querySelectorAll(".hl.active").forEach(function (el) { el.classList.remove("active"); });
    document.querySelectorAll(".item-link.current").forEach(function (el) { el.classList.remove("current"); });
  }

  function select(id, scroll) {
    clearMarks();
    var els = elementsOf(id);
    els.forEach(function (el) {
      el.classList.add("active");
      el.classList.remove("flash");
      void el.offsetWidth;
      el.classList.add("flash");
    });
    document.querySelectorAll('.item-link[data-item="' + CSS.escape(id) + '"]').forEach(function (a) {
      a.classList.add("current");
    });
    var section = document.getElementById(items[id].section);
    showIn(section, [id]);
    if (scroll && els.length) { els[0].scrollIntoView({ block: "center" }); }
  }

  document.addEventListener("click", function (e) {
    var link = e.target.closest(".item-link");
    if (link) {
      e.preventDefault();
      select(link.dataset.item, true);
      return;
    }
    var toggle = e.target.closest(".legend button");
    if (toggle) {
      var section = toggle.closest("section");
      var on = toggle.getAttribute("aria-pressed") !== "false";
      toggle.setAttribute("aria-pressed", on ? "false" : "true");
      section.classList.toggle("hide-" + toggle.dataset.kind, on);
      return;
    }
    if (e.target.closest(".article-text [data-r]")) {
      var ids = itemsAt(e.target);
      if (ids.length) {
        select(ids[0], false);
        showIn(document.getElementById(items[ids[0]].section), ids);
      }
    }
  });

  document.addEventListener("mouseover", function (e) {
    var seg = e.target.closest(".article-text [data-r]");
    if (!seg) { tooltip.hidden = true; return; }
    var ids = itemsAt(e.target);
    if (!ids.length) { tooltip.hidden = true; return; }
    tooltip.replaceChildren(details(ids));
    tooltip.hidden = false;
  });

  document.addEventListener("mousemove", function (e) {
    if (tooltip.hidden) { return; }
    var x = Math.min(e.clientX + 14, window.innerWidth - tooltip.offsetWidth - 8);
    var y = e.clientY + 18;
    if (y + tooltip.offsetHeight > window.innerHeight - 8) { y = e.clientY - tooltip.offsetHeight - 12; }
    tooltip.style.left = Math.max(8, x) + "px";
    tooltip.style.top = Math.max(8, y) + "px";
  });
})();
