// Generic pieces of the pages' script, each a self-contained JavaScript function, inlined by the pages that use
// them (the folder diff's review page and the batch report).

extension PageAssets {
    /// `VirtualList(container, rowHeight, count, renderRow)`: a scrolling list that keeps only the rows in view
    /// (plus a margin) in the DOM, so 5,000 or 500,000 rows cost the same. `renderRow(i)` returns an element;
    /// `list.reset(count)` after filtering, `list.reveal(i)` scrolls a row into view, `list.refresh()` redraws,
    /// `list.setRowHeight(h)` changes the row height (a layout switching between table rows and cards).
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
          self.setRowHeight = function (h) {
            if (h === rowHeight) return;
            var first = container.scrollTop / rowHeight;
            rowHeight = h;
            container.scrollTop = first * h;
            draw();
          };
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

    /// The keyboard help dialog `KeyHelp` drives: `<div id="help" hidden>` with a table of keys and what they do
    /// (both escaped as text). Styles: `PageAssets.keyHelpStyle`.
    public static func keyHelpDialog(_ keys: [(keys: String, action: String)]) -> String {
        let rows = keys.map { "<tr><td>\(HTMLText.escape($0.keys))</td><td>\(HTMLText.escape($0.action))</td></tr>" }
        return "<div id=\"help\" hidden><div class=\"dialog\"><h2>Keys</h2><table>\n" + rows.joined(separator: "\n")
            + "\n</table></div></div>"
    }

    /// The key help dialog's stylesheet: centred over a dimmed page, in the page's colour scheme.
    public static let keyHelpStyle = """
        #help { position: fixed; inset: 0; z-index: 30; background: #0006; display: flex; align-items: center; justify-content: center; }
        #help[hidden] { display: none; }
        #help .dialog { background: Canvas; color: CanvasText; padding: 1em 2em; border-radius: 6px; max-width: 95vw; max-height: 95vh; overflow: auto; }
        #help td:first-child { font-weight: bold; padding-right: 2em; }
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

    /// `naturalCompare(a, b)`: orders names as people do — digit runs by value (`img 2` before `img 10`), case and
    /// accents ignored at first, then told apart so the order is total. For `Array.prototype.sort`.
    public static let naturalCompareScript = """
        var naturalCollator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
        function naturalCompare(a, b) {
          return naturalCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
        }
        """

    /// `Lightbox(options)`: a full-window viewer of one image with zoom (wheel, `zoomBy`, double-click) and pan
    /// (drag), built into `document.body` as `<div class="lightbox" role="dialog">`. `box.open(src, caption)`
    /// shows an image fitted to the window, `box.crop(rect)` shows only `{x, w}` of it (one half of a side-by-side
    /// picture; null for all), `box.zoomBy(f)`, `box.fit()`, `box.close()`, `box.visible()`, `box.scale()`.
    /// `box.extra` is a `<span>` in the bar for the page's own buttons (the report's truth / prediction toggle, the
    /// diff page's diff / expected / actual; `button.active` is styled), `box.image` the `<img>`, `box.root` the
    /// dialog (`data-scale` holds the zoom). `options.onStep(delta)` is called by the ‹ › buttons,
    /// `options.onClose()` when it closes. `box.key(k)` does what the bar's buttons name for the key `k`
    /// (←/→ or k/j step, + or = and − zoom, 0 fits) and says whether it was one of them; the page's keydown
    /// handler calls it while the box is visible and keeps every other key (Esc included) its own business.
    /// Styles: `PageAssets.lightboxStyle`.
    public static let lightboxScript = """
        function Lightbox(options) {
          options = options || {};
          var root = document.createElement('div');
          root.className = 'lightbox';
          root.hidden = true;
          root.setAttribute('role', 'dialog');
          root.setAttribute('aria-modal', 'true');
          var bar = document.createElement('div');
          bar.className = 'lb-bar';
          var caption = document.createElement('span');
          caption.className = 'lb-caption';
          function button(label, title, action) {
            var b = document.createElement('button');
            b.type = 'button';
            b.textContent = label;
            b.title = title;
            b.addEventListener('click', function (event) { event.stopPropagation(); action(); });
            bar.appendChild(b);
            return b;
          }
          var stage = document.createElement('div');
          stage.className = 'lb-stage';
          var frame = document.createElement('div');
          frame.className = 'lb-frame';
          var img = document.createElement('img');
          img.alt = '';
          img.draggable = false;
          frame.appendChild(img);
          stage.appendChild(frame);
          var self = {}, scale = 1, x = 0, y = 0, cut = null;
          button('‹', 'previous (←)', function () { if (options.onStep) options.onStep(-1); });
          button('›', 'next (→)', function () { if (options.onStep) options.onStep(1); });
          button('−', 'zoom out (−)', function () { self.zoomBy(1 / 1.5); });
          button('+', 'zoom in (+)', function () { self.zoomBy(1.5); });
          button('fit', 'fit (0)', function () { self.fit(); });
          self.extra = document.createElement('span');
          self.extra.className = 'lb-extra';
          bar.appendChild(self.extra);
          bar.appendChild(caption);
          button('×', 'close (Esc)', function () { self.close(); });
          root.appendChild(bar);
          root.appendChild(stage);
          document.body.appendChild(root);
          function size() {
            var w = img.naturalWidth || 1, h = img.naturalHeight || 1;
            return cut ? { w: Math.max(1, Math.min(cut.w, w - cut.x)), h: h } : { w: w, h: h };
          }
          function apply() {
            var s = size();
            frame.style.width = s.w + 'px';
            frame.style.height = s.h + 'px';
            img.style.marginLeft = cut ? (-cut.x) + 'px' : '0';
            frame.style.transform = 'translate(' + x + 'px,' + y + 'px) scale(' + scale + ')';
            root.dataset.scale = scale.toFixed(3);
          }
          self.fit = function () {
            var s = size(), w = stage.clientWidth || 1, h = stage.clientHeight || 1;
            scale = Math.min(w / s.w, h / s.h, 1e3);
            x = (w - s.w * scale) / 2;
            y = (h - s.h * scale) / 2;
            apply();
          };
          // Zooms by `factor` keeping the stage point (px, py) — its centre by default — where it is.
          self.zoomBy = function (factor, px, py) {
            if (px === undefined) { px = stage.clientWidth / 2; py = stage.clientHeight / 2; }
            var next = Math.max(0.02, Math.min(64, scale * factor));
            x = px - (px - x) * next / scale;
            y = py - (py - y) * next / scale;
            scale = next;
            apply();
          };
          self.scale = function () { return scale; };
          self.open = function (src, text) {
            caption.textContent = text || '';
            root.hidden = false;
            if (img.getAttribute('src') !== src) {
              img.onload = function () { self.fit(); };
              img.src = src;
            }
            if (img.complete) self.fit();
          };
          self.crop = function (rect) { cut = rect; self.fit(); };
          self.image = img;
          self.root = root;
          self.close = function () {
            if (root.hidden) return;
            root.hidden = true;
            if (options.onClose) options.onClose();
          };
          self.visible = function () { return !root.hidden; };
          self.key = function (k) {
            if (k === 'ArrowRight' || k === 'j') { if (options.onStep) options.onStep(1); }
            else if (k === 'ArrowLeft' || k === 'k') { if (options.onStep) options.onStep(-1); }
            else if (k === '+' || k === '=') self.zoomBy(1.5);
            else if (k === '-') self.zoomBy(1 / 1.5);
            else if (k === '0') self.fit();
            else return false;
            return true;
          };
          stage.addEventListener('wheel', function (event) {
            event.preventDefault();
            var box = stage.getBoundingClientRect();
            self.zoomBy(event.deltaY < 0 ? 1.25 : 0.8, event.clientX - box.left, event.clientY - box.top);
          }, { passive: false });
          stage.addEventListener('dblclick', function (event) {
            var box = stage.getBoundingClientRect();
            self.zoomBy(2, event.clientX - box.left, event.clientY - box.top);
          });
          stage.addEventListener('pointerdown', function (event) {
            event.preventDefault();
            var startX = event.clientX - x, startY = event.clientY - y;
            function move(ev) { x = ev.clientX - startX; y = ev.clientY - startY; apply(); }
            function up() {
              window.removeEventListener('pointermove', move);
              window.removeEventListener('pointerup', up);
            }
            window.addEventListener('pointermove', move);
            window.addEventListener('pointerup', up);
          });
          window.addEventListener('resize', function () { if (!root.hidden) self.fit(); });
          return self;
        }
        """

    /// The lightbox's stylesheet (`Lightbox`): a full-window dark stage under a bar of buttons.
    public static let lightboxStyle = """
        .lightbox { position: fixed; inset: 0; z-index: 20; background: #111e; color: #eee; display: flex; flex-direction: column; }
        .lightbox[hidden] { display: none; }
        .lb-bar { display: flex; gap: .4em; align-items: center; padding: .4em; flex-wrap: wrap; }
        .lb-bar button { background: #333; color: #eee; border: 1px solid #555; border-radius: 4px; min-width: 2.2em; padding: 2px 8px; cursor: pointer; }
        .lb-bar button.active { background: #1976d2; }
        .lb-caption { flex: 1; min-width: 8em; overflow-wrap: anywhere; }
        .lb-stage { flex: 1; position: relative; overflow: hidden; cursor: grab; touch-action: none; }
        .lb-frame { position: absolute; left: 0; top: 0; overflow: hidden; transform-origin: 0 0; }
        .lb-frame img { display: block; max-width: none; }
        """
}
