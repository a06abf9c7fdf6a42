// lead.js — the lead page without reloads, as an enhancement (L4): the history
// filter switches by fetching the history alone (?fragment=history) and
// pushing the new address; "Load more" appends the next page in place; a
// removal (Delete, Remove: C3) asks in a dialog holding the confirm page's own
// form, fetched. Without this file the same links and forms work by loading
// pages.
(function () {
  'use strict';

  var form = document.getElementById('filter-form');
  if (!form || !window.fetch || !window.DOMParser || !window.history || !history.pushState) return;
  var label = document.querySelector('.filter-label');
  var allLink = form.querySelector('.filter-all');
  var path = location.pathname;

  // The history element of a fragment answer.
  function fetchHistory(params) {
    var p = new URLSearchParams(params);
    p.set('fragment', 'history');
    return fetch(path + '?' + p.toString(), { credentials: 'same-origin' }).then(function (res) {
      if (!res.ok) throw new Error('history: HTTP ' + res.status);
      return res.text();
    }).then(function (html) {
      var list = new DOMParser().parseFromString(html, 'text/html').getElementById('history-list');
      if (!list) throw new Error('history: no list in the answer');
      return document.importNode(list, true);
    });
  }

  function checkedTypes() {
    return Array.prototype.filter.call(form.querySelectorAll('input[name="type"]'),
      function (box) { return box.checked; });
  }

  function showLabel() {
    var names = checkedTypes().map(function (box) {
      return box.parentNode.querySelector('.kind-label').textContent;
    });
    label.textContent = names.length ? names.join(', ') : 'All activities';
  }

  function filterParams() {
    var p = new URLSearchParams();
    checkedTypes().forEach(function (box) { p.append('type', box.value); });
    return p;
  }

  // Replaces the history with the one of params; push: a new address for it.
  function showHistory(params, push) {
    var current = document.getElementById('history-list');
    current.setAttribute('aria-busy', 'true');
    return fetchHistory(params).then(function (fresh) {
      current.replaceWith(fresh);
      if (push) {
        var q = params.toString();
        history.pushState({ leadHistory: true }, '', path + (q ? '?' + q : ''));
      }
    }).catch(function () {
      // the page itself still knows how: load it
      location.assign(path + '?' + params.toString());
    });
  }

  form.addEventListener('change', function (e) {
    if (e.target.name !== 'type') return;
    showLabel();
    showHistory(filterParams(), true);
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    showHistory(filterParams(), true);
  });
  if (allLink) {
    allLink.addEventListener('click', function (e) {
      e.preventDefault();
      checkedTypes().forEach(function (box) { box.checked = false; });
      showLabel();
      showHistory(new URLSearchParams(), true);
    });
  }

  window.addEventListener('popstate', function () {
    var params = new URLSearchParams(location.search);
    var wanted = params.getAll('type');
    form.querySelectorAll('input[name="type"]').forEach(function (box) {
      box.checked = wanted.indexOf(box.value) >= 0;
    });
    showLabel();
    params.delete('images');
    showHistory(params, false);
  });

  // "Load more": the next page is appended; focus moves to its first activity.
  document.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('a.load-more');
    if (!link || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    var list = document.getElementById('history-list');
    var more = link.closest('.more');
    list.setAttribute('aria-busy', 'true');
    fetchHistory(new URL(link.href, location.href).searchParams).then(function (next) {
      var acts = list.querySelector('ol.acts');
      var first = null;
      next.querySelectorAll('ol.acts > li').forEach(function (li) {
        if (!first) first = li;
        acts.appendChild(li);
      });
      var nextMore = next.querySelector('.more');
      if (nextMore) more.replaceWith(nextMore); else more.remove();
      list.removeAttribute('aria-busy');
      if (first) {
        first.setAttribute('tabindex', '-1');
        first.focus();
      }
    }).catch(function () {
      location.assign(link.href);
    });
  });
})();

// Activity links (A1, A2). Each activity's date links to it on this page and
// "Copy Link" copies <site>/lead/<lead>/#activityId=<acti> (the Clipboard API,
// else a selected read-only field to copy from). Opening such an address
// scrolls to the activity and highlights it; when it is not on this page of
// the history, the permalink program's fragment (/activity/<acti>?fragment=1)
// is shown highlighted on top of the history as the linked activity, with
// "See it in context" (the page of the history that starts with it).
(function () {
  'use strict';

  var ANCHOR = /^#activityId=(acti_[0-9A-Za-z]{40})$/;
  document.documentElement.classList.add('js-links');

  function fallback(button, url) {
    var field = button.parentNode.querySelector('input.copy-field');
    if (!field) {
      field = document.createElement('input');
      field.type = 'text';
      field.readOnly = true;
      field.className = 'copy-field';
      field.setAttribute('aria-label', 'Link to this activity');
      button.parentNode.insertBefore(field, button.nextSibling);
    }
    field.value = url;
    field.focus();
    field.select();
  }

  function copied(button) {
    button.textContent = 'Copied';
    button.classList.add('is-copied');
    setTimeout(function () {
      button.textContent = 'Copy Link';
      button.classList.remove('is-copied');
    }, 2000);
  }

  document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('button.copy-link');
    if (!button) return;
    e.preventDefault();
    var url = location.origin + button.getAttribute('data-link');
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(function () { copied(button); },
        function () { fallback(button, url); });
    } else {
      fallback(button, url);
    }
  });

  function highlight(el) {
    document.querySelectorAll('.is-linked').forEach(function (x) { x.classList.remove('is-linked'); });
    el.classList.add('is-linked');
    el.setAttribute('tabindex', '-1');
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
  }

  function open() {
    var m = ANCHOR.exec(location.hash);
    if (!m) return;
    var id = m[1];
    var el = document.getElementById(id) || document.getElementById('pinned-' + id);
    if (el) {
      highlight(el);
      return;
    }
    var list = document.getElementById('history-list');
    if (!list || !window.fetch || !window.DOMParser) return;
    fetch('/activity/' + id + '?fragment=1', { credentials: 'same-origin' }).then(function (res) {
      if (!res.ok) throw new Error('activity: HTTP ' + res.status);
      return res.text();
    }).then(function (html) {
      var art = new DOMParser().parseFromString(html, 'text/html').querySelector('article.linked-activity');
      var ctx = art && art.querySelector('a.linked-context');
      // only an activity of this lead
      if (!ctx || new URL(ctx.href, location.href).pathname !== location.pathname) return;
      var old = document.getElementById('linked-activity');
      if (old) old.remove();
      var wrap = document.createElement('section');
      wrap.id = 'linked-activity';
      wrap.className = 'linked-wrap';
      wrap.setAttribute('aria-label', 'Linked activity');
      wrap.appendChild(document.importNode(art, true));
      list.parentNode.insertBefore(wrap, list);
      highlight(wrap.firstChild);
    }).catch(function () { /* the page without it */ });
  }

  window.addEventListener('hashchange', open);
  open();
})();

// Removals (C3): a link to a confirm page (.../delete, .../remove) opens a
// dialog with that page's question and form, fetched, so the POST, its CSRF
// token and its answer are the confirm page's own. Cancel or Escape closes it;
// when anything fails the link is followed as without JavaScript.
(function () {
  'use strict';

  if (!window.fetch || !window.DOMParser || typeof HTMLDialogElement !== 'function') return;
  var CONFIRM = /^\/lead\/[^/]+\/(activity|task|opportunity|contact)\/[^/]+\/(delete|remove)$/;
  var dialog = null;

  function close() {
    if (dialog) {
      dialog.close();
      dialog.remove();
      dialog = null;
    }
  }

  function show(link, section) {
    close();
    dialog = document.createElement('dialog');
    dialog.className = 'confirm-dialog';
    var h = section.querySelector('h1');
    var title = document.createElement('h2');
    title.id = 'confirm-dialog-h';
    title.textContent = h ? h.textContent : 'Are you sure?';
    dialog.setAttribute('aria-labelledby', title.id);
    dialog.appendChild(title);
    Array.prototype.forEach.call(section.querySelectorAll('.confirm-what, .confirm-note, form'), function (el) {
      dialog.appendChild(document.importNode(el, true));
    });
    var cancel = dialog.querySelector('a.cancel');
    if (cancel) {
      cancel.addEventListener('click', function (ev) {
        ev.preventDefault();
        close();
        link.focus();
      });
    }
    dialog.addEventListener('cancel', function () { close(); link.focus(); });
    document.body.appendChild(dialog);
    dialog.showModal();
    var button = dialog.querySelector('button[type="submit"]');
    if (button) button.focus();
  }

  document.addEventListener('click', function (ev) {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    var link = ev.target.closest ? ev.target.closest('a[href]') : null;
    if (!link || link.origin !== location.origin || !CONFIRM.test(link.pathname)) return;
    ev.preventDefault();
    fetch(link.href, { credentials: 'same-origin' }).then(function (res) {
      if (!res.ok) throw new Error('confirm: HTTP ' + res.status);
      return res.text();
    }).then(function (html) {
      var section = new DOMParser().parseFromString(html, 'text/html').querySelector('section.confirm');
      if (!section || !section.querySelector('form')) throw new Error('confirm: no form');
      show(link, section);
    }).catch(function () { location.href = link.href; });
  });
})();
