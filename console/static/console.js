// Chat pane of the staff console: send the caller's question to the assistant, show its answer and,
// beside it, the cited clause. Everything is written with textContent (never innerHTML).
(function () {
  "use strict";
  var form = document.getElementById("chat-form");
  if (!form) { return; }
  var base = document.querySelector('meta[name="staff-base"]').content;
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrf = csrfMeta ? csrfMeta.content : "";
  var input = document.getElementById("question");
  var send = form.querySelector("button[type=submit]");
  var log = document.getElementById("chat-log");
  var clause = document.getElementById("clause");
  var standard = document.getElementById("standard");
  var clauseTitle = document.getElementById("clause-title");
  var copyButton = document.getElementById("copy-standard");
  var copyStatus = document.getElementById("copy-status");
  var conversation = newId();

  function newId() { return Math.random().toString(36).slice(2, 10) || "1"; }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function multiline(text) {
    var box = el("div", null, "text");
    String(text || "").split("\n").forEach(function (line, i) {
      if (i) { box.appendChild(document.createElement("br")); }
      box.appendChild(document.createTextNode(line));
    });
    return box;
  }

  function add(role, text, buttons) {
    var item = el("li", null, "msg " + role);
    item.appendChild(el("span", role === "user" ? "来电人：" : (role === "bot" ? "助手：" : "提示："), "who"));
    item.appendChild(multiline(text));
    if (buttons && buttons.length) {
      var row = el("div", null, "buttons");
      buttons.forEach(function (b) {
        var button = el("button", b.title, "secondary");
        button.type = "button";
        button.addEventListener("click", function () { ask(b.payload, b.title); });
        row.appendChild(button);
      });
      item.appendChild(row);
    }
    log.appendChild(item);
    item.scrollIntoView({ block: "end" });
  }

  function section(title, child) {
    var wrap = el("div", null, "clause-part");
    wrap.appendChild(el("h3", title));
    wrap.appendChild(child);
    return wrap;
  }

  function list(items) {
    var ul = el("ul");
    items.forEach(function (text) { ul.appendChild(el("li", text)); });
    return ul;
  }

  // An answer that cites no measure (the annex, a greeting, a question back) empties the pane: the previous
  // measure and its standard answer must never stay there, ready to be read out for the wrong question.
  function clearClause(annex) {
    clause.textContent = "";
    clause.removeAttribute("data-measure");
    clauseTitle.textContent = "";
    if (annex) {
      clause.setAttribute("data-annex", "true");
      clauseTitle.appendChild(el("strong", "本次答复引用：附件 目标任务分解表"));
      var link = el("a", "打开“附件任务表”查看各单位的任务数");
      link.href = base + "/annex";
      clause.appendChild(link);
    } else {
      clause.removeAttribute("data-annex");
      clause.appendChild(el("p", "本次答复没有引用具体条款。", "hint"));
    }
    standard.value = "";
    copyStatus.textContent = "";
  }

  function showClause(m) {
    clause.textContent = "";
    clause.removeAttribute("data-annex");
    clause.setAttribute("data-measure", m.number);
    clauseTitle.textContent = "";
    clauseTitle.appendChild(el("strong", m.label + (m.label === m.title ? "" : m.title)));
    clauseTitle.appendChild(document.createTextNode("　" + m.citation));
    var text = el("blockquote", m.text);
    text.id = "clause-text";
    clause.appendChild(section("条款原文", text));
    var departments = list(m.departments);
    departments.id = "clause-departments";
    clause.appendChild(section("负责部门", departments));
    if (m.rules && m.rules.length) { clause.appendChild(section("本条可筛查的政策", list(m.rules))); }
    var link = el("a", "在“政策条文”中查看本条的规则、金额和期限");
    link.href = base + "/measures?n=" + encodeURIComponent(m.number);
    clause.appendChild(link);
    standard.value = m.standard_answer || "";
    copyStatus.textContent = "";
  }

  function busy(on) {
    send.disabled = on;
    log.setAttribute("aria-busy", on ? "true" : "false");
    send.textContent = on ? "正在查询…" : "发送";
  }

  function ask(text, shown) {
    add("user", shown || text);
    busy(true);
    fetch(base + "/api/chat", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ text: text, conversation: conversation })
    }).then(function (r) {
      if (r.status === 401) {
        window.location.href = base + "/login?next=" + encodeURIComponent(base + "/chat");
        return null;
      }
      return r.json().then(function (data) { return { ok: r.ok, data: data }; });
    }).then(function (result) {
      if (!result) { return; }
      if (!result.ok) { add("error", result.data.error || "出错了，请重试。"); return; }
      result.data.messages.forEach(function (m) { add("bot", m.text, m.buttons); });
      if (!result.data.messages.length) { add("error", "助手没有给出答复，请换个说法。"); }
      if (result.data.measure) { showClause(result.data.measure); } else { clearClause(result.data.annex); }
    }).catch(function () {
      add("error", "网络错误，请重试。");
    }).then(function () {
      busy(false);
      input.focus();
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || send.disabled) { return; }
    input.value = "";
    ask(text);
  });

  copyButton.addEventListener("click", function () {
    if (!standard.value) { copyStatus.textContent = "还没有可复制的标准答复。"; return; }
    standard.focus();
    standard.select();
    var done = function () { copyStatus.textContent = "已复制到剪贴板。"; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(standard.value).then(done, function () {
        document.execCommand("copy"); done();
      });
    } else {
      document.execCommand("copy");
      done();
    }
  });

  document.getElementById("new-call").addEventListener("click", function () {
    conversation = newId();
    log.textContent = "";
    clearClause(false);
    clause.textContent = "";
    clause.appendChild(el("p", "新对话已开始。发送问题后，这里显示所引条款。", "hint"));
    standard.value = "";
    copyStatus.textContent = "";
    input.focus();
  });
}());
