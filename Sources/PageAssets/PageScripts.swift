// Generic pieces of the pages' script, each a self-contained JavaScript function, inlined by the pages that use
// them (the review page today; the batch report can take the same ones).

extension PageAssets {
    /// `VirtualList(container, rowHeight, count, renderRow)`: a scrolling list that keeps only the rows in view
    /// (plus a margin) in the DOM, so 5,000 or 500,000 rows cost the same. `renderRow(i)` returns an element;
    /// `list.reset(count)` after filtering, `list.reveal(i)` scrolls a row into view, `list.refresh()` redraws.
    public static let virtualListScript = """
        function VirtualList(container, rowHeight, count, renderRow) {
          var inner = document.createElement('div');
          inner.style.position = 'relative';
          container.appendChild(inner);
          var self = { count: count };
          function draw() {
            inner.style.height = (self.count * rowHeight) + 'px';
            var top = container.scrollTop, height = container.clientHeight || 600;
            var first = Math.max(0, Math.floor(top / rowHeight) - 10);
            var last = Math.min(self.count, Math.ceil((top + height) / rowHeight) + 10);
            var fragment = document.createDocumentFragment();
            for (var i = first; i < last; i++) {
              var row = renderRow(i);
              row.style.position = 'absolute';
              row.style.top = (i * rowHeight) + 'px';
              row.style.height = rowHeight + 'px';
              row.style.left = '0';
              row.style.right = '0';
              fragment.appendChild(row);
            }
            inner.textContent = '';
            inner.appendChild(fragment);
          }
          container.addEventListener('scroll', function () { window.requestAnimationFrame(draw); });
          self.reset = function (n) { self.count = n; draw(); };
          self.refresh = draw;
          self.reveal = function (i) {
            var top = i * rowHeight, bottom = top + rowHeight;
            if (top < container.scrollTop) container.scrollTop = top;
            else if (bottom > container.scrollTop + container.clientHeight)
              container.scrollTop = bottom - container.clientHeight;
            draw();
          };
          return self;
        }
        """

    /// `readHash()` and `writeHash(state)`: page state (filter, status, selection, view) kept in the URL's
    /// fragment as `key=value&…` (percent-encoded), so a link or a reload shows the same thing. `writeHash` uses
    /// `history.replaceState`: moving through items does not fill the back button's history.
    public static let hashStateScript = """
        function readHash() {
          var state = {};
          location.hash.replace(/^#/, '').split('&').forEach(function (part) {
            if (!part) return;
            var eq = part.indexOf('=');
            var key = eq < 0 ? part : part.slice(0, eq), value = eq < 0 ? '' : part.slice(eq + 1);
            try { state[decodeURIComponent(key)] = decodeURIComponent(value); } catch (e) { }
          });
          return state;
        }
        function writeHash(state) {
          var parts = [];
          Object.keys(state).forEach(function (key) {
            if (state[key] !== '' && state[key] !== undefined && state[key] !== null)
              parts.push(encodeURIComponent(key) + '=' + encodeURIComponent(state[key]));
          });
          var hash = parts.length ? '#' + parts.join('&') : '';
          if (hash !== location.hash) history.replaceState(null, '', location.pathname + location.search + hash);
        }
        """

    /// `KeyHelp(dialog)`: shows and hides the keyboard help (`?` toggles, Escape closes); `help.visible()`.
    public static let keyHelpScript = """
        function KeyHelp(dialog) {
          var self = {};
          self.visible = function () { return !dialog.hidden; };
          self.toggle = function (show) { dialog.hidden = show === undefined ? !dialog.hidden : !show; };
          dialog.addEventListener('click', function (event) { if (event.target === dialog) self.toggle(false); });
          return self;
        }
        """
}
