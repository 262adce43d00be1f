// Vigie's pages. Loaded as a file (the Content-Security-Policy forbids inline script). Every text that comes from a
// wiki is put in the page with textContent, never parsed as HTML.
(function () {
  'use strict';
  var body = document.body;
  if (!body || body.getAttribute('data-page') !== 'alerts') {
    return;
  }
  var KEPT = 200;
  var base = body.getAttribute('data-base') || '';
  var rows = document.getElementById('alert-rows');
  var none = document.getElementById('none');
  var live = document.getElementById('live');
  var pause = document.getElementById('pause');
  var form = document.getElementById('filters');
  var fWiki = document.getElementById('f-wiki');
  var fEvent = document.getElementById('f-event');
  var fText = document.getElementById('f-text');
  var apply = document.getElementById('f-apply');
  var paused = false;
  var held = [];
  var missed = 0;

  function t(key) {
    return body.getAttribute('data-t-' + key) || key;
  }

  function filter() {
    return {
      wiki: fWiki.value.trim(),
      event: fEvent.value.trim().toLowerCase(),
      text: fText.value.trim().toLowerCase()
    };
  }

  // The same test as the server's (Pages.Filter): wiki exact, event among the row's, text in title, user or summary.
  function shows(row, f) {
    if (f.wiki && row.getAttribute('data-wiki') !== f.wiki) {
      return false;
    }
    if (f.event && (' ' + row.getAttribute('data-events') + ' ').indexOf(' ' + f.event + ' ') < 0) {
      return false;
    }
    if (!f.text) {
      return true;
    }
    var parts = ['.title', '.user', '.summary'];
    for (var i = 0; i < parts.length; i++) {
      var el = row.querySelector(parts[i]);
      if (el && el.textContent.toLowerCase().indexOf(f.text) >= 0) {
        return true;
      }
    }
    return false;
  }

  function refilter() {
    var f = filter();
    var any = false;
    var all = rows.querySelectorAll('tr.alert');
    for (var i = 0; i < all.length; i++) {
      var s = shows(all[i], f);
      all[i].hidden = !s;
      any = any || s;
    }
    none.hidden = any;
  }

  // The filters stay in the address, so that a filtered view can be bookmarked.
  function remember() {
    var f = filter();
    var params = new URLSearchParams();
    if (f.wiki) { params.set('wiki', fWiki.value.trim()); }
    if (f.event) { params.set('event', f.event); }
    if (fText.value.trim()) { params.set('q', fText.value.trim()); }
    var qs = params.toString();
    history.replaceState(null, '', (base || '') + '/' + (qs ? '?' + qs : ''));
  }

  function changed() {
    refilter();
    remember();
  }

  function cell(tr, cls, text) {
    var td = document.createElement('td');
    td.className = cls;
    if (text !== undefined && text !== null) {
      td.textContent = text;
    }
    tr.appendChild(td);
    return td;
  }

  function span(parent, cls, text) {
    var s = document.createElement('span');
    s.className = cls;
    s.textContent = text;
    parent.appendChild(s);
    return s;
  }

  function link(td, url, label) {
    if (typeof url === 'string' && (url.indexOf('https://') === 0 || url.indexOf('http://') === 0)) {
      var a = document.createElement('a');
      a.href = url;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      a.textContent = label;
      td.appendChild(a);
      td.appendChild(document.createTextNode(' '));
    }
  }

  // The same structure as the server's rows (Pages.alertRow).
  function row(a) {
    var tr = document.createElement('tr');
    tr.className = 'alert';
    tr.setAttribute('data-id', String(a.id));
    tr.setAttribute('data-wiki', a.wiki || '');
    tr.setAttribute('data-events', (a.events || []).join(' '));
    var when = new Date(a.atMillis);
    var time = document.createElement('time');
    time.setAttribute('datetime', when.toISOString());
    time.textContent = when.toISOString().substring(11, 19);
    cell(tr, 'time').appendChild(time);
    cell(tr, 'wiki', a.wiki);
    var page = cell(tr, 'page');
    span(page, 'title', a.title || '');
    page.appendChild(document.createTextNode(' '));
    span(page, 'kind', a.kind || '');
    if (a.summary) {
      var d = document.createElement('div');
      d.className = 'summary';
      d.textContent = a.summary;
      page.appendChild(d);
    }
    if (a.reasons && a.reasons.length) {
      var r = document.createElement('div');
      r.className = 'reasons';
      r.textContent = a.reasons.join(' · ');
      page.appendChild(r);
    }
    cell(tr, 'user', a.user);
    var size = a.size === null || a.size === undefined ? '' : (a.size > 0 ? '+' + a.size : String(a.size));
    cell(tr, 'size' + (size === '' ? '' : (a.size < 0 ? ' neg' : ' pos')), size);
    var ev = cell(tr, 'events');
    (a.events || []).forEach(function (e) {
      span(ev, 'ev', e);
      ev.appendChild(document.createTextNode(' '));
    });
    cell(tr, 'score', a.score === null || a.score === undefined ? '' : String(a.score));
    var links = cell(tr, 'links');
    link(links, a.diffUrl, t('diff'));
    link(links, a.contribsUrl, t('contribs'));
    link(links, a.historyUrl, t('history'));
    return tr;
  }

  function add(a) {
    if (rows.querySelector('tr.alert[data-id="' + Number(a.id) + '"]')) {
      return;
    }
    var tr = row(a);
    var s = shows(tr, filter());
    tr.hidden = !s;
    rows.insertBefore(tr, rows.firstChild);
    if (s) {
      none.hidden = true;
    }
    var all = rows.querySelectorAll('tr.alert');
    for (var i = all.length - 1; i >= KEPT; i--) {
      rows.removeChild(all[i]);
    }
  }

  function state(text) {
    live.textContent = text + (missed > 0 ? ' — ' + t('missed').replace('{count}', String(missed)) : '');
  }

  function showState() {
    if (paused) {
      state(t('paused') + (held.length ? ' (' + t('waiting').replace('{count}', String(held.length)) + ')' : ''));
    } else {
      state(t('live'));
    }
  }

  pause.hidden = false;
  pause.addEventListener('click', function () {
    paused = !paused;
    pause.textContent = paused ? t('resume') : t('pause');
    pause.setAttribute('aria-pressed', paused ? 'true' : 'false');
    if (!paused) {
      held.forEach(add);
      held = [];
    }
    showState();
  });

  // Filters apply as they are typed; the button stays for pages without script.
  apply.hidden = true;
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    changed();
  });
  fWiki.addEventListener('input', changed);
  fEvent.addEventListener('change', changed);
  fText.addEventListener('input', changed);
  refilter();

  if (!window.EventSource) {
    return;
  }
  // the stream starts after the newest alert this page was rendered with: one that the server took in between the
  // page and the stream is sent too (a reconnection sends its Last-Event-ID instead)
  var newest = 0;
  var shown = rows.querySelectorAll('tr.alert');
  for (var i = 0; i < shown.length; i++) {
    newest = Math.max(newest, Number(shown[i].getAttribute('data-id')) || 0);
  }
  var source = new EventSource(base + '/events?since=' + newest);
  source.addEventListener('open', function () {
    body.setAttribute('data-live', 'open');
    showState();
  });
  source.addEventListener('alert', function (e) {
    var a;
    try {
      a = JSON.parse(e.data);
    } catch (err) {
      return;
    }
    if (paused) {
      held.push(a);
      if (held.length > KEPT) {
        held.shift();
      }
      showState();
    } else {
      add(a);
    }
  });
  source.addEventListener('missed', function (e) {
    missed += Number(e.data) || 0;
    showState();
  });
  source.addEventListener('error', function () {
    if (source.readyState === EventSource.CLOSED) {
      // refused (too many live pages) or the server is gone: the list stays, a reload tries again
      body.setAttribute('data-live', 'closed');
      state(t('full'));
    } else {
      body.setAttribute('data-live', 'reconnecting');
      state(t('reconnecting'));
    }
  });
})();
