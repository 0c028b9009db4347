// durable-db console: a page of plain DOM code, shipped in the jar (no framework, no CDN).
// Every value shown comes from the server and is set as text, never as HTML.
(function () {
  'use strict';

  var state = { overview: null, database: null, tenant: null, tenantPage: 0, run: null, restoreAt: null };
  var $ = function (id) { return document.getElementById(id); };

  function csrfHeaders() {
    // Spring Security's cookie token repository (csrf.spa()) hands the token to scripts this way.
    var match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return match ? { 'X-XSRF-TOKEN': decodeURIComponent(match[1]) } : {};
  }

  function call(method, url, body) {
    var headers = Object.assign({ 'Accept': 'application/json' }, method === 'GET' ? {} : csrfHeaders());
    var options = { method: method, headers: headers, credentials: 'same-origin' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    // Resolved against origin and path only: a page opened as http://user:pass@host/... must
    // not hand its credentials to fetch, which refuses URLs that carry them.
    var target = new URL(url, window.location.origin + window.location.pathname).href;
    return fetch(target, options).then(function (response) {
      var type = response.headers.get('Content-Type') || '';
      var parsed = type.indexOf('json') >= 0 ? response.json() : Promise.resolve(null);
      return parsed.then(function (data) {
        if (!response.ok) {
          var detail = (data && data.detail) ? data.detail : ('HTTP ' + response.status);
          throw new Error(detail);
        }
        return data;
      });
    });
  }

  function showError(error) {
    $('error').textContent = error ? error.message : '';
    $('error').hidden = !error;
  }

  function guarded(promise) {
    return promise.then(function (value) { showError(null); return value; }, showError);
  }

  function instanceUrl(suffix) {
    return 'api/databases/' + encodeURIComponent(state.database) + '/instances/'
      + encodeURIComponent(state.tenant) + (suffix || '');
  }

  function clear(element) {
    while (element.firstChild) { element.removeChild(element.firstChild); }
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  // --- databases and instances -------------------------------------------------------

  function loadOverview() {
    return guarded(call('GET', 'api/overview').then(function (overview) {
      state.overview = overview;
      $('mode').textContent = overview.writable ? 'writes allowed' : 'read-only';
      $('mode').className = 'badge' + (overview.writable ? ' writable' : '');
      $('write-label').hidden = !overview.writable;
      var select = $('database');
      clear(select);
      overview.databases.forEach(function (database) {
        var option = element('option', database.name + ' (' + database.instance + ')');
        option.value = database.name;
        select.appendChild(option);
      });
      // Tenants first: a per-tenant database is what a developer usually looks into.
      var first = overview.databases.filter(function (database) { return database.instance === 'per-tenant'; })[0]
        || overview.databases[0];
      if (first) {
        select.value = first.name;
        pickDatabase(first.name);
      }
    }));
  }

  function pickDatabase(name) {
    state.database = name;
    state.tenantPage = 0;
    loadTenants();
  }

  function loadTenants() {
    var search = $('tenant-search').value.trim();
    var url = 'api/databases/' + encodeURIComponent(state.database) + '/instances?search='
      + encodeURIComponent(search) + '&page=' + state.tenantPage;
    return guarded(call('GET', url).then(function (page) {
      var list = $('tenants');
      clear(list);
      page.ids.forEach(function (id) {
        var button = element('button', id);
        button.type = 'button';
        button.dataset.tenant = id;
        if (id === state.tenant) { button.className = 'selected'; }
        button.addEventListener('click', function () { pickTenant(id); });
        var item = element('li');
        item.appendChild(button);
        list.appendChild(item);
      });
      var first = page.total === 0 ? 0 : page.page * page.pageSize + 1;
      $('tenants-count').textContent = page.total === 0 ? 'none found'
        : first + '–' + (first + page.ids.length - 1) + ' of ' + page.total;
      $('tenants-prev').disabled = page.page === 0;
      $('tenants-next').disabled = (page.page + 1) * page.pageSize >= page.total;
    }));
  }

  function pickTenant(id) {
    state.tenant = id;
    state.run = null;
    Array.prototype.forEach.call(document.querySelectorAll('#tenants button'), function (button) {
      button.className = button.dataset.tenant === id ? 'selected' : '';
    });
    $('welcome').hidden = true;
    $('instance').hidden = false;
    $('instance-title').textContent = state.database + ' / ' + id;
    clear($('results').tHead); clear($('results').tBodies[0]);
    $('result-meta').textContent = '';
    $('results-prev').hidden = true; $('results-next').hidden = true;
    $('restore-confirm').hidden = true; $('restore-result').hidden = true;
    loadInstance();
    loadSchema();
  }

  function loadInstance() {
    return guarded(call('GET', instanceUrl()).then(function (instance) {
      $('instance-size').textContent = instance.sizeBytes + ' bytes';
      $('bookmark-line').hidden = !instance.replicated;
      $('bookmark').textContent = instance.bookmark || '';
      $('restore').hidden = !instance.replicated;
    }));
  }

  function loadSchema() {
    return guarded(call('GET', instanceUrl('/schema')).then(function (objects) {
      var list = $('schema');
      clear(list);
      objects.forEach(function (object) {
        var item = element('li');
        item.dataset.name = object.name;
        item.appendChild(element('span', object.type, 'type'));
        if (object.type === 'table' || object.type === 'view') {
          var browse = element('button', object.name);
          browse.type = 'button';
          browse.title = 'Browse its rows';
          browse.addEventListener('click', function () { browseTable(object.name, 0); });
          item.appendChild(browse);
        } else {
          item.appendChild(element('span', object.name + ' on ' + object.table));
        }
        if (object.sql) {
          var details = element('details');
          details.appendChild(element('summary', 'sql'));
          details.appendChild(element('pre', object.sql));
          item.appendChild(details);
        }
        list.appendChild(item);
      });
    }));
  }

  // --- rows ---------------------------------------------------------------------------

  function browseTable(name, page) {
    state.run = { table: name, page: page };
    return guarded(call('GET', instanceUrl('/tables/' + encodeURIComponent(name) + '?page=' + page))
      .then(function (result) { showRows(result, 'Table ' + name); }));
  }

  function runQuery(sql, write, page) {
    state.run = { sql: sql, write: write, page: page };
    return guarded(call('POST', instanceUrl('/query'), { sql: sql, page: page, write: write })
      .then(function (result) {
        showRows(result, 'Query');
        if (write) { loadInstance(); loadSchema(); }
      }));
  }

  function showRows(result, what) {
    var table = $('results');
    clear(table.tHead); clear(table.tBodies[0]);
    if (result.columns.length === 0) {
      $('result-meta').textContent = what + ': ' + result.changes + ' rows changed in ' + result.millis + ' ms';
    } else {
      var head = element('tr');
      result.columns.forEach(function (column) { head.appendChild(element('th', column)); });
      table.tHead.appendChild(head);
      result.rows.forEach(function (row) {
        var line = element('tr');
        row.forEach(function (value) {
          line.appendChild(value === null ? element('td', 'NULL', 'null') : element('td', String(value)));
        });
        table.tBodies[0].appendChild(line);
      });
      var first = result.page * result.pageSize;
      $('result-meta').textContent = what + ': rows ' + (result.rows.length ? first + 1 : 0) + '–'
        + (first + result.rows.length) + (result.more ? ' (more follow)' : '') + ' in ' + result.millis + ' ms';
    }
    $('results-prev').hidden = result.page === 0;
    $('results-next').hidden = !result.more;
  }

  function turnPage(delta) {
    var run = state.run;
    if (!run) { return; }
    if (run.table) { browseTable(run.table, run.page + delta); }
    // A later page runs the statement again, read-only: the write happened on the first.
    else { runQuery(run.sql, false, run.page + delta); }
  }

  // --- restore to a time --------------------------------------------------------------

  function previewRestore(at) {
    return guarded(call('GET', instanceUrl('/restore?at=' + encodeURIComponent(at))).then(function (preview) {
      state.restoreAt = at;
      $('restore-result').hidden = true;
      if (!preview.bookmark) {
        $('restore-plan').textContent = 'The history of this instance begins after ' + at + '.';
        $('restore-go').hidden = true;
      } else {
        $('restore-plan').textContent = 'Restore ' + state.tenant + ' to commit ' + preview.bookmark
          + ' (the last at or before ' + at + ')? Its state now, bookmark ' + preview.undoBookmark
          + ', stays restorable: the restore answers the undo bookmark.';
        $('restore-go').hidden = !state.overview.writable;
      }
      $('restore-confirm').hidden = false;
    }));
  }

  function restore() {
    return guarded(call('POST', instanceUrl('/restore'), { at: state.restoreAt }).then(function (done) {
      $('restore-confirm').hidden = true;
      $('restore-result').textContent = 'Restored to ' + done.restoredTo + '. Undo bookmark: ' + done.undoBookmark;
      $('restore-result').hidden = false;
      loadInstance();
      loadSchema();
    }));
  }

  // --- wiring -------------------------------------------------------------------------

  document.addEventListener('DOMContentLoaded', function () {
    var searchTimer = null;
    $('database').addEventListener('change', function (event) { pickDatabase(event.target.value); });
    $('tenant-search').addEventListener('input', function () {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(function () { state.tenantPage = 0; loadTenants(); }, 200);
    });
    $('tenants-prev').addEventListener('click', function () { state.tenantPage--; loadTenants(); });
    $('tenants-next').addEventListener('click', function () { state.tenantPage++; loadTenants(); });
    $('query-form').addEventListener('submit', function (event) {
      event.preventDefault();
      runQuery($('query').value, $('write').checked, 0);
    });
    $('results-prev').addEventListener('click', function () { turnPage(-1); });
    $('results-next').addEventListener('click', function () { turnPage(1); });
    $('restore-form').addEventListener('submit', function (event) {
      event.preventDefault();
      previewRestore($('restore-at').value.trim());
    });
    $('restore-go').addEventListener('click', restore);
    $('restore-cancel').addEventListener('click', function () { $('restore-confirm').hidden = true; });
    loadOverview();
  });
})();
