// lead.js — the lead page without reloads, as an enhancement (L4): the history
// filter switches by fetching the history alone (?fragment=history) and
// pushing the new address; "Load more" appends the next page in place. Without
// this file the same links and forms work by loading pages.
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
