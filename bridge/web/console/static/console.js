// The mapping editor: validation as you type and the live preview (plain JavaScript, no build step).
(function () {
  "use strict";
  const yaml = document.getElementById("yaml");
  if (!yaml) return;
  const payload = document.getElementById("payload");
  const sample = document.getElementById("sample");
  const validation = document.getElementById("validation");
  const preview = document.getElementById("preview");
  const save = document.getElementById("save");
  const token = document.querySelector("meta[name=csrf-token]").content;
  let timer = null, sequence = 0;

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function showTicket(item) {
    const t = item.ticket, dl = el("dl", undefined, "ticket-preview");
    const rows = [
      ["Title", t.title], ["Queue", t.queue], ["Tags", t.tags.join(", ")],
      ["Customer", t.customer.name + " (" + t.customer.login + ")"],
      ["Fields", Object.entries(t.fields).map(([k, v]) => k + ": " + v).join("; ") || "none"],
      ["Priority", item.priority.final + (item.priority.reasons.length ? " — " + item.priority.reasons.join("; ") : " (from the mapping)")],
      ["First response due", item.sla.first_response_due_at + " (target " + item.sla.first_response_target_at + ")"],
      ["Sensitive data", item.sensitive_kinds.length ? item.sensitive_kinds.join(", ") + " (masked)" : "none found"],
      ["Body", t.body],
    ];
    for (const [name, value] of rows) {
      dl.appendChild(el("dt", name));
      const dd = el("dd", value);
      dd.dataset.field = name.toLowerCase().replace(/ /g, "-");
      dl.appendChild(dd);
    }
    return dl;
  }

  async function check() {
    const mine = ++sequence;
    let answer;
    try {
      const response = await fetch(yaml.dataset.checkUrl, {
        method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-CSRF-Token": token},
        body: JSON.stringify({yaml: yaml.value, payload: payload.value, sample: sample.value}),
      });
      answer = await response.json();
    } catch (err) {
      validation.replaceChildren(el("p", "Could not check: " + err, "error"));
      return;
    }
    if (mine !== sequence) return;  // a newer check is on its way
    validation.className = answer.ok ? "ok" : "bad";
    validation.replaceChildren(...(answer.ok ? [el("p", "Valid.")] : answer.errors.map((e) => el("p", e, "error"))));
    save.disabled = !answer.ok;
    const parts = [];
    if (answer.preview_error) parts.push(el("p", answer.preview_error, "error"));
    for (const item of answer.previews) parts.push(showTicket(item));
    if (!parts.length) parts.push(el("p", answer.ok ? "Pick a post or paste a payload." : "Fix the mapping to see the preview.", "hint"));
    preview.replaceChildren(...parts);
  }

  function later() { clearTimeout(timer); timer = setTimeout(check, 300); }
  yaml.addEventListener("input", later);
  payload.addEventListener("input", later);
  sample.addEventListener("change", check);
  check();
})();
