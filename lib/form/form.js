/* The offline form's script: progress, keeping what is typed (local storage),
 * checking, and saving a csm-answers/1 file. No network, no dependencies. */
(function () {
  'use strict';
  var cfg = JSON.parse(document.getElementById('csm-config').textContent);
  var T = cfg.text;
  var form = document.getElementById('csm-form');
  var KEY = 'csm-form:' + cfg.form_id;
  var storage = null;
  try {
    storage = window.localStorage;
    storage.setItem(KEY + ':probe', '1');
    storage.removeItem(KEY + ':probe');
  } catch (e) {
    storage = null;
  }

  function el(id) { return document.getElementById(id); }
  function fmt(s, args) {
    return s.replace(/\{(\w+)\}/g, function (m, k) { return Object.prototype.hasOwnProperty.call(args, k) ? String(args[k]) : m; });
  }
  function bytes(s) { return new TextEncoder().encode(s).length; }
  function field(name) { return form.elements.namedItem(name); }
  function radios(name) {
    var f = field(name);
    return f ? (f.length === undefined ? [f] : Array.prototype.slice.call(f)) : [];
  }
  function radioValue(name) {
    var r = radios(name).filter(function (x) { return x.checked; })[0];
    return r ? r.value : null;
  }
  function setRadio(name, value) {
    radios(name).forEach(function (x) { x.checked = value !== null && x.value === value; });
  }

  /* ---- assessors: rows can be added and removed ---- */
  var assessorBox = el('assessors');
  function addAssessor(name, role) {
    var row = el('assessor-row').content.firstElementChild.cloneNode(true);
    row.querySelector('.a-name').value = name || '';
    row.querySelector('.a-role').value = role || '';
    assessorBox.appendChild(row);
    return row;
  }
  function assessors() {
    var out = [];
    var rows = assessorBox.querySelectorAll('.assessor');
    for (var i = 0; i < rows.length; i++)
      out.push({ name: rows[i].querySelector('.a-name').value, role: rows[i].querySelector('.a-role').value });
    return out;
  }
  el('add-assessor').addEventListener('click', function () {
    addAssessor('', '').querySelector('.a-name').focus();
    changed();
  });
  assessorBox.addEventListener('click', function (ev) {
    var b = ev.target.closest('.remove');
    if (!b) return;
    var row = b.closest('.assessor');
    var next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    if (!assessorBox.querySelector('.assessor')) next = addAssessor('', '');
    (next ? next.querySelector('.a-name') : el('add-assessor')).focus();
    changed();
  });

  /* ---- the state of the form, as plain data ---- */
  function collect() {
    var s = { org: {}, gates: {}, items: {} };
    s.org.name = field('org-name').value;
    s.org.industry = field('org-industry').value;
    s.org.scope = field('org-scope').value;
    s.org.size = field('org-size').value;
    s.assessed_on = normDate(field('assessed-on').value);
    s.assessors = assessors();
    cfg.gates.forEach(function (g) { s.gates[g] = radioValue('gate-' + g); });
    cfg.items.forEach(function (id) {
      s.items[id] = { level: radioValue('level-' + id), evidence: field('evidence-' + id).value,
                      note: field('note-' + id).value };
    });
    return s;
  }
  function apply(s) {
    var o = s.org || {};
    field('org-name').value = o.name || '';
    field('org-industry').value = o.industry || '';
    field('org-scope').value = o.scope || 'entity';
    field('org-size').value = o.size || '';
    field('assessed-on').value = s.assessed_on || '';
    assessorBox.textContent = '';
    (s.assessors && s.assessors.length ? s.assessors : [{}]).forEach(function (a) { addAssessor(a.name, a.role); });
    cfg.gates.forEach(function (g) { setRadio('gate-' + g, s.gates ? s.gates[g] || null : null); });
    cfg.items.forEach(function (id) {
      var it = (s.items && s.items[id]) || {};
      setRadio('level-' + id, it.level || null);
      field('evidence-' + id).value = it.evidence || '';
      field('note-' + id).value = it.note || '';
    });
  }

  /* ---- the csm-answers/1 document ---- */
  function answersDoc(s) {
    var org = {}, k;
    for (k in cfg.org_extra) if (Object.prototype.hasOwnProperty.call(cfg.org_extra, k)) org[k] = cfg.org_extra[k];
    org.name = s.org.name.trim();
    if (s.org.industry) org.industry = s.org.industry;
    org.scope = s.org.scope || 'entity';
    if (s.org.size) org.size = s.org.size;
    var doc = { format: 'csm-answers/1', questionnaire: cfg.questionnaire, organization: org,
                assessed_on: s.assessed_on || null, assessors: [], gates: {}, answers: {} };
    s.assessors.forEach(function (a) {
      var name = a.name.trim(), role = a.role.trim();
      if (!name && !role) return;
      var p = {};
      if (name) p.name = name;
      if (role) p.role = role;
      doc.assessors.push(p);
    });
    cfg.gates.forEach(function (g) { doc.gates[g] = s.gates[g]; });
    cfg.items.forEach(function (id) {
      var it = s.items[id];
      var level = it.level === null ? null : it.level === 'n/a' || cfg.choices ? it.level : parseInt(it.level, 10);
      var ev = it.evidence.trim(), note = it.note.trim();
      if (!ev && !note) { doc.answers[id] = level; return; }
      var a = { level: level };
      if (ev) a.evidence = ev;
      if (note) a.note = note;
      doc.answers[id] = a;
    });
    return doc;
  }

  /* ---- checks before saving ---- */
  /* A date typed with a Japanese input method: full-width digits and dashes
   * become ASCII, as the workbook import accepts them. */
  function normDate(v) {
    return v.replace(/[\uFF10-\uFF19]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); })
      .replace(/[\uFF0D\u2212\u2010\u30FC]/g, '-').trim();
  }
  function validDate(d) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
    if (!m) return false;
    var t = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return t.getUTCFullYear() === +m[1] && t.getUTCMonth() === +m[2] - 1 && t.getUTCDate() === +m[3];
  }
  /* Problems: {text, target, kind}; kind 'open' (a draft may still be saved),
   * 'error' (must be fixed) or 'warning' (saving goes ahead). */
  function check(s) {
    var out = [];
    function add(kind, text, target) { out.push({ kind: kind, text: text, target: target }); }
    function len(value, label, max, target) {
      var n = bytes(value);
      if (n > max) add('error', fmt(T.e_long, { field: label, n: n, max: max }), target);
    }
    /* csm cannot read a file without a name, so even a draft needs one. */
    if (!s.org.name.trim()) add('error', T.e_name, 'org-name');
    len(s.org.name, T.f_name, cfg.max_name, 'org-name');
    if (!s.org.industry) add('open', T.e_industry, 'org-industry');
    if (!s.assessed_on) add('open', T.e_date, 'assessed-on');
    else if (!validDate(s.assessed_on)) add('error', T.e_date_bad, 'assessed-on');
    if (!s.assessors.some(function (a) { return a.name.trim(); })) add('open', T.e_assessor, 'assessors');
    s.assessors.forEach(function (a) {
      len(a.name, T.f_assessor, cfg.max_name, 'assessors');
      len(a.role, T.f_role, cfg.max_name, 'assessors');
    });
    cfg.items.forEach(function (id) {
      var it = s.items[id];
      if (it.level === null) add('open', fmt(T.e_open, { id: id }), 'item-' + id);
      else if ((it.level === '4' || it.level === '5') && !it.evidence.trim())
        add('warning', fmt(T.w_evidence, { id: id, level: it.level }), 'evidence-' + id);
      len(it.evidence, fmt(T.f_evidence, { id: id }), cfg.max_text, 'evidence-' + id);
      len(it.note, fmt(T.f_note, { id: id }), cfg.max_text, 'note-' + id);
    });
    return out;
  }

  /* ---- progress ---- */
  function progress(s) {
    var n = 0;
    cfg.items.forEach(function (id) {
      var done = s.items[id].level !== null;
      if (done) n++;
      el('item-' + id).classList.toggle('answered', done);
    });
    el('progress').value = n;
    /* Only on a change: the text is a live region, read out when it changes. */
    var text = fmt(T.progress, { n: n, total: cfg.items.length });
    if (el('progress-text').textContent !== text) el('progress-text').textContent = text;
    return n;
  }

  /* ---- keeping what is typed ---- */
  var saveTimer = null;
  function store() {
    saveTimer = null;
    if (!storage) return;
    try {
      storage.setItem(KEY, JSON.stringify({ saved_at: new Date().toISOString(), state: collect() }));
    } catch (e) { /* full or refused: the page still works, it just forgets */ }
  }
  function changed() {
    progress(collect());
    if (saveTimer === null) saveTimer = setTimeout(store, 200);
  }
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  window.addEventListener('pagehide', function () { if (saveTimer !== null) { clearTimeout(saveTimer); store(); } });

  function notice(text, withDiscard) {
    var box = el('notice');
    box.textContent = text;
    if (withDiscard) {
      var b = document.createElement('button');
      b.type = 'button';
      b.id = 'discard';
      b.textContent = T.discard;
      b.style.marginLeft = '1em';
      b.addEventListener('click', function () {
        if (storage) storage.removeItem(KEY);
        location.reload();
      });
      box.appendChild(b);
    }
    box.hidden = false;
  }

  /* ---- saving ---- */
  function fileName(s) {
    var stem = s.org.name.trim().replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '').replace(/\s+/g, '-').slice(0, 60);
    return (stem ? stem + '-' : '') + cfg.file_stem + '.json';
  }
  function download(s) {
    var text = JSON.stringify(answersDoc(s), null, 2) + '\n';
    var name = fileName(s);
    var url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    return name;
  }
  function showProblems(list, canDraft) {
    var box = el('problems'), ul = box.querySelector('ul');
    ul.textContent = '';
    list.forEach(function (p) {
      var li = document.createElement('li'), a = document.createElement('a');
      li.className = p.kind;
      a.href = '#' + p.target;
      a.textContent = p.text;
      a.addEventListener('click', function (ev) {
        var t = el(p.target);
        if (!t) return;
        ev.preventDefault();
        t.scrollIntoView({ block: 'center' });
        var f = t.matches('input, select, textarea') ? t : t.querySelector('input, select, textarea');
        if (f) f.focus();
      });
      li.appendChild(a);
      ul.appendChild(li);
    });
    el('save-draft').hidden = !canDraft;
    el('draft-note').hidden = !canDraft;
    box.hidden = false;
    box.focus();
  }
  function save(draft) {
    var s = collect(), list = check(s);
    var errors = list.filter(function (p) { return p.kind === 'error'; });
    var open = list.filter(function (p) { return p.kind === 'open'; });
    var warnings = list.filter(function (p) { return p.kind === 'warning'; });
    if (errors.length || (open.length && !draft)) {
      showProblems(errors.concat(open, warnings), !errors.length);
      return;
    }
    el('problems').hidden = true;
    var name = download(s);
    var text = fmt(draft && open.length ? T.saved_draft : T.saved, { file: name, n: open.length });
    if (warnings.length) text += ' ' + fmt(T.saved_warnings, { n: warnings.length });
    notice(text, false);
    el('notice').focus();
  }
  el('save').addEventListener('click', function () { save(false); });
  el('save-draft').addEventListener('click', function () { save(true); });
  el('print').addEventListener('click', function () { window.print(); });
  el('next-open').addEventListener('click', function () {
    var s = collect();
    for (var i = 0; i < cfg.items.length; i++) {
      var id = cfg.items[i];
      if (s.items[id].level === null) {
        var art = el('item-' + id);
        art.scrollIntoView({ block: 'start' });
        art.querySelector('input[type=radio]').focus();
        return;
      }
    }
    el('save').focus();
  });
  /* Printing: text areas grow to show all they hold. */
  window.addEventListener('beforeprint', function () {
    var list = form.querySelectorAll('textarea');
    for (var i = 0; i < list.length; i++) {
      list[i].style.height = 'auto';
      list[i].style.height = list[i].scrollHeight + 4 + 'px';
    }
  });

  /* ---- start: the markup holds the prefill; what this browser kept wins ---- */
  var kept = null;
  if (storage) {
    try { kept = JSON.parse(storage.getItem(KEY) || 'null'); } catch (e) { kept = null; }
  }
  if (kept && kept.state && kept.state.items) {
    apply(kept.state);
    notice(fmt(T.restored, { time: new Date(kept.saved_at).toLocaleString(document.documentElement.lang) }), true);
  } else if (!storage) {
    notice(T.no_storage, false);
  }
  if (!assessorBox.querySelector('.assessor')) addAssessor('', '');
  progress(collect());
  document.documentElement.classList.add('ready');
})();
