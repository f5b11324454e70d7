/*
 * preflight.js: check ICP 备案 attachments as soon as they are chosen (docs/service.md).
 *
 * Include it from the preflight service and mark the file inputs:
 *
 *   <form data-preflight-province-field="province" data-preflight-date-field="submission_date"
 *         data-preflight-block="error" data-preflight-lang="zh">
 *     <input type="file" name="id_back" data-preflight-role="id_back">
 *   </form>
 *   <script src="https://preflight.example/static/preflight.js" defer></script>
 *
 * Attributes (on the input, else its form, else this script tag):
 *   data-preflight-role            the attachment slot (id_front, id_back, business_license...)
 *   data-preflight-endpoint        POST URL (default: /v1/check on the script's own origin)
 *   data-preflight-lang            zh (default) or en
 *   data-preflight-block           error (default): block submit while a file has errors;
 *                                  warning: also on warnings; none: never block
 *   data-preflight-province        the province, or data-preflight-province-field: the name of
 *                                  the form control holding it (re-checks when it changes)
 *   data-preflight-submission-date the date, or data-preflight-date-field: the control's name
 *   data-preflight-target          id of the element to show results in (default: after input)
 *
 * Events: `preflight:result` on the input (detail: {file, report, error}).
 * No dependencies; server text is inserted with textContent only.
 */
(function () {
  "use strict";
  var SCRIPT = document.currentScript;
  var ORIGIN_ENDPOINT = SCRIPT && SCRIPT.src ? new URL("/v1/check", SCRIPT.src).href : "/v1/check";
  var RANK = { info: 1, warning: 2, error: 3 };
  var COLORS = { error: "#d93025", warning: "#e8a200", info: "#1a73e8" };
  var TEXT = {
    zh: {
      checking: "正在检查…", ok: "未发现问题", problems: "发现 {n} 个问题", fix: "修改建议:",
      page: "第 {p} 页", unavailable: "暂时无法检查({msg}),可稍后重试。",
      blocked: "请先处理附件中标红的问题后再提交。", pending: "附件仍在检查中,请稍候再提交。",
      error: "错误", warning: "警告", info: "提示"
    },
    en: {
      checking: "Checking…", ok: "No problems found", problems: "{n} problem(s) found",
      fix: "How to fix:", page: "page {p}", unavailable: "Could not check it now ({msg}); retry later.",
      blocked: "Fix the problems marked in red before submitting.",
      pending: "Attachments are still being checked; please wait.",
      error: "Error", warning: "Warning", info: "Note"
    }
  };

  function attr(input, name, fallback) {
    var key = "data-preflight-" + name;
    var form = input.form;
    return input.getAttribute(key) || (form && form.getAttribute(key)) ||
      (SCRIPT && SCRIPT.getAttribute(key)) || fallback;
  }

  function formValue(input, name, fieldAttr) {
    var field = attr(input, fieldAttr, "");
    if (field && input.form && input.form.elements[field]) {
      return input.form.elements[field].value || "";
    }
    return attr(input, name, "");
  }

  function lang(input) { return attr(input, "lang", "zh") === "en" ? "en" : "zh"; }
  function t(input, key, vars) {
    var s = TEXT[lang(input)][key];
    Object.keys(vars || {}).forEach(function (k) { s = s.replace("{" + k + "}", vars[k]); });
    return s;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function box(input) {
    var state = input._preflight;
    if (!state.box) {
      var target = attr(input, "target", "");
      state.box = (target && document.getElementById(target)) || el("div");
      state.box.classList.add("preflight-result");
      state.box.setAttribute("aria-live", "polite");
      if (!state.box.parentNode) { input.insertAdjacentElement("afterend", state.box); }
    }
    return state.box;
  }

  /* Send one file; resolves to {report} or {error: {code, message, message_zh}, status}. */
  function post(input, file) {
    var data = new FormData();
    data.append("file", file, file.name);
    var role = attr(input, "role", "");
    var province = formValue(input, "province", "province-field");
    var date = formValue(input, "submission-date", "date-field");
    if (role) { data.append("role", role); }
    if (province) { data.append("province", province); }
    if (date) { data.append("submission_date", date); }
    return fetch(attr(input, "endpoint", ORIGIN_ENDPOINT), { method: "POST", body: data })
      .then(function (resp) {
        return resp.json().catch(function () { return {}; }).then(function (body) {
          if (resp.ok && body.documents) { return { report: body }; }
          var err = body.error || { code: "http_" + resp.status, message: "HTTP " + resp.status };
          return { error: err, status: resp.status };
        });
      })
      .catch(function (e) {
        return { error: { code: "network", message: String(e) }, status: 0 };
      });
  }

  function check(input) {
    var state = input._preflight;
    var files = Array.prototype.slice.call(input.files || []);
    state.items.forEach(function (it) { URL.revokeObjectURL(it.url); });
    state.items = files.map(function (file) {
      return { file: file, url: URL.createObjectURL(file), status: "pending" };
    });
    var generation = ++state.generation;
    render(input);
    state.items.forEach(function (item) {
      post(input, item.file).then(function (res) {
        if (generation !== state.generation) { return; }  // a newer choice replaced it
        item.report = res.report;
        item.error = res.error;
        item.status = res.report ? "done" : (res.status >= 400 && res.status < 500 ? "rejected" : "failed");
        render(input);
        input.dispatchEvent(new CustomEvent("preflight:result", {
          bubbles: true, detail: { file: item.file, report: res.report, error: res.error }
        }));
      });
    });
  }

  function findings(item) {
    var doc = item.report && item.report.documents[0];
    return doc ? doc.findings : [];
  }

  /* The worst severity of an item: rejected uploads count as errors, unavailability as none. */
  function worst(item) {
    if (item.status === "rejected") { return "error"; }
    return findings(item).reduce(function (w, f) {
      return !w || RANK[f.severity] > RANK[w] ? f.severity : w;
    }, null);
  }

  function render(input) {
    var root = box(input);
    root.textContent = "";
    input._preflight.items.forEach(function (item) { root.appendChild(renderItem(input, item)); });
    updateForm(input.form);
  }

  function renderItem(input, item) {
    var fs = findings(item);
    var sev = worst(item);
    var card = el("div", "preflight-file");
    card.setAttribute("data-state", item.status === "pending" ? "pending" : (sev || (item.status === "done" ? "ok" : "unavailable")));
    var thumb = el("div", "preflight-thumb");
    var img = el("img");
    img.alt = item.file.name;
    var canvas = el("canvas");
    thumb.appendChild(img);
    thumb.appendChild(canvas);
    img.onload = function () { drawBoxes(img, canvas, item); };
    img.onerror = function () { thumb.classList.add("preflight-nothumb"); thumb.textContent = (item.file.name.split(".").pop() || "?").toUpperCase(); };
    img.src = item.url;
    card.appendChild(thumb);
    var body = el("div", "preflight-body");
    body.appendChild(el("div", "preflight-name", item.file.name));
    body.appendChild(el("div", "preflight-status", statusText(input, item, fs)));
    var list = el("ol", "preflight-findings");
    fs.forEach(function (f) { list.appendChild(renderFinding(input, f)); });
    if (item.status === "rejected") {
      var li = el("li", "preflight-finding preflight-error");
      li.setAttribute("data-code", item.error.code);
      li.appendChild(el("span", "preflight-msg", lang(input) === "en" ? item.error.message : (item.error.message_zh || item.error.message)));
      list.appendChild(li);
    }
    body.appendChild(list);
    card.appendChild(body);
    return card;
  }

  function statusText(input, item, fs) {
    if (item.status === "pending") { return t(input, "checking"); }
    if (item.status === "failed") {
      return t(input, "unavailable", { msg: lang(input) === "en" ? item.error.message : (item.error.message_zh || item.error.message) });
    }
    var n = fs.length + (item.status === "rejected" ? 1 : 0);
    return n ? t(input, "problems", { n: n }) : "✓ " + t(input, "ok");
  }

  function renderFinding(input, f) {
    var en = lang(input) === "en";
    var li = el("li", "preflight-finding preflight-" + f.severity);
    li.setAttribute("data-code", f.code);
    li.appendChild(el("span", "preflight-sev", t(input, f.severity)));
    li.appendChild(el("span", "preflight-code", f.code));
    if (f.page && f.page > 1) { li.appendChild(el("span", "preflight-page", t(input, "page", { p: f.page }))); }
    li.appendChild(el("span", "preflight-msg", en ? f.message_en : f.message_zh));
    var fix = en ? f.fix_en : f.fix_zh;
    if (fix) {
      var hint = el("div", "preflight-fix");
      hint.appendChild(el("strong", "", t(input, "fix") + " "));
      hint.appendChild(document.createTextNode(fix));
      li.appendChild(hint);
    }
    return li;
  }

  /* Boxes are in full-size displayed pixels (EXIF orientation applied, as <img> shows it). */
  function drawBoxes(img, canvas, item) {
    var doc = item.report && item.report.documents[0];
    var page = doc && doc.pages[0];
    var w = img.clientWidth, h = img.clientHeight;
    canvas.width = w;
    canvas.height = h;
    if (!page || !w) { return; }
    var sx = w / page.width, sy = h / page.height;
    var ctx = canvas.getContext("2d");
    ctx.lineWidth = 2;
    ctx.font = "bold 11px sans-serif";
    doc.findings.forEach(function (f, i) {
      if (!f.bbox || (f.page || 1) !== 1) { return; }
      var x = Math.max(1, f.bbox[0] * sx), y = Math.max(1, f.bbox[1] * sy);
      var bw = Math.min(w - 1 - x, f.bbox[2] * sx), bh = Math.min(h - 1 - y, f.bbox[3] * sy);
      ctx.strokeStyle = COLORS[f.severity] || COLORS.info;
      ctx.strokeRect(x, y, bw, bh);
      ctx.fillStyle = ctx.strokeStyle;
      ctx.fillRect(x, y, 16, 14);
      ctx.fillStyle = "#fff";
      ctx.fillText(String(i + 1), x + 4, y + 11);
    });
  }

  function inputsOf(form) {
    return Array.prototype.filter.call(form.elements, function (e) { return e._preflight; });
  }

  /* Why the form may not be submitted now: "pending", "blocked" or "". */
  function blockReason(form) {
    var reason = "";
    inputsOf(form).forEach(function (input) {
      var level = attr(input, "block", "error");
      input._preflight.items.forEach(function (item) {
        var sev = worst(item);
        if (item.status === "pending") { reason = reason || "pending"; }
        if (level !== "none" && sev && RANK[sev] >= RANK[level]) { reason = "blocked"; }
      });
    });
    return reason;
  }

  function updateForm(form) {
    if (!form) { return; }
    var reason = blockReason(form);
    form.setAttribute("data-preflight-state", reason || "ready");
    var note = form.querySelector(".preflight-form-status");
    if (note && !reason) { note.textContent = ""; }
  }

  function onSubmit(event) {
    var form = event.target;
    var reason = blockReason(form);
    if (!reason) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    var note = form.querySelector(".preflight-form-status");
    if (!note) {
      note = el("div", "preflight-form-status");
      note.setAttribute("role", "alert");
      form.appendChild(note);
    }
    note.textContent = t(inputsOf(form)[0], reason === "pending" ? "pending" : "blocked");
    var first = form.querySelector(".preflight-file[data-state=error]");
    if (first) { first.scrollIntoView({ block: "center" }); }
  }

  function attach(input) {
    if (input._preflight) { return; }
    input._preflight = { items: [], generation: 0, box: null };
    input.addEventListener("change", function () { check(input); });
    var form = input.form;
    if (form && !form._preflight) {
      form._preflight = true;
      form.addEventListener("submit", onSubmit, true);
      form.addEventListener("change", function (e) {
        var names = [attr(input, "province-field", ""), attr(input, "date-field", "")];
        if (e.target.name && names.indexOf(e.target.name) >= 0) {
          inputsOf(form).forEach(function (i) { if (i.files && i.files.length) { check(i); } });
        }
      });
    }
    if (input.files && input.files.length) { check(input); }
  }

  function injectStyle() {
    if (document.getElementById("preflight-style")) { return; }
    var s = el("style");
    s.id = "preflight-style";
    s.textContent = [
      ".preflight-result{margin:6px 0 12px}",
      ".preflight-file{display:flex;gap:10px;align-items:flex-start;padding:8px;border:1px solid #dadce0;border-radius:6px;margin-top:6px;background:#fff}",
      ".preflight-file[data-state=error]{border-color:#d93025;background:#fdf3f2}",
      ".preflight-file[data-state=warning]{border-color:#e8a200;background:#fffaeb}",
      ".preflight-file[data-state=ok]{border-color:#188038;background:#f2f8f3}",
      ".preflight-thumb{position:relative;flex:none;max-width:160px;line-height:0}",
      ".preflight-thumb img{max-width:160px;max-height:120px;display:block}",
      ".preflight-thumb canvas{position:absolute;left:0;top:0;pointer-events:none}",
      ".preflight-nothumb{width:60px;height:60px;line-height:60px;text-align:center;background:#eee;color:#555;font:bold 13px sans-serif}",
      ".preflight-body{flex:1;font-size:13px;line-height:1.5}",
      ".preflight-name{font-weight:bold;word-break:break-all}",
      ".preflight-file[data-state=ok] .preflight-status{color:#188038}",
      ".preflight-file[data-state=error] .preflight-status{color:#d93025}",
      ".preflight-findings{margin:4px 0 0;padding-left:20px}",
      ".preflight-sev,.preflight-code,.preflight-page{display:inline-block;margin-right:6px;padding:0 4px;border-radius:3px;font-size:11px;color:#fff;background:#1a73e8}",
      ".preflight-error .preflight-sev{background:#d93025}.preflight-warning .preflight-sev{background:#e8a200}",
      ".preflight-code,.preflight-page{background:#5f6368}",
      ".preflight-fix{color:#3c4043;margin-top:2px}",
      ".preflight-form-status{color:#d93025;font-weight:bold;margin:8px 0}"
    ].join("\n");
    document.head.appendChild(s);
  }

  function attachAll(root) {
    injectStyle();
    Array.prototype.forEach.call((root || document).querySelectorAll("input[type=file][data-preflight-role]"), attach);
  }

  /* Re-render every result in another language (zh | en). */
  function setLang(form, value) {
    form.setAttribute("data-preflight-lang", value);
    inputsOf(form).forEach(function (input) { if (input._preflight.items.length) { render(input); } });
    var note = form.querySelector(".preflight-form-status");
    if (note) { note.textContent = ""; }
  }

  window.Preflight = { attach: attach, attachAll: attachAll, setLang: setLang, check: check };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { attachAll(document); });
  } else {
    attachAll(document);
  }
})();
