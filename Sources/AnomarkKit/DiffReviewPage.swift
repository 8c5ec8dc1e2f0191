import Foundation
import GoldenImage
import PageAssets

/// The review page of a folder diff (`REVIEW_DIR/index.html`): one self-contained file (styles and script inlined,
/// nothing fetched) over the images the review folder holds.
///
/// Items are grouped changed / new / deleted / passed / failed with counts; each has diff, side by side, slider,
/// blend and toggle views with zoom; keys ←/→ or j/k, 1–5, `/`, `?`; `f` or Enter (or the toolbar's "full size")
/// opens the current item in `PageAssets`' lightbox (zoom, pan, ←/→ within the filter, `t` / space switch diff,
/// expected and actual); the filter by name and status, the item, the view and the lightbox's image are kept in
/// the URL fragment. The list is virtual (only rows in view exist) and only the selected
/// item's images are loaded, so 5,000 items cost what 50 do. `<body data-ready>` is set once the first screen is
/// drawn. Checkboxes build the `--approve` command for the selected items, every argument shell-quoted.
///
/// Untrusted strings (file names, error messages) reach the page only inside the JSON data block, escaped with
/// `ScriptJSON.escape`, and are put into the DOM with `textContent`, never as markup.
enum DiffReviewPage {
    /// The order of the groups.
    static let groups: [FolderItemStatus] = [.changed, .new, .deleted, .passed, .failed]

    /// What the script gets for one item.
    struct Entry: Encodable {
        /// Path.
        var p: String
        /// Status.
        var s: String
        /// URLs (relative to the page) of the expected, actual and diff images, when present.
        var e: String?
        var a: String?
        var d: String?
        /// The summary or the error.
        var m: String?
    }

    /// Everything the script needs.
    struct Data: Encodable {
        var expected: String
        var actual: String
        var counts: [String: Int]
        var items: [Entry]
    }

    /// The keys, for the help dialog (`?`).
    static let keys: [(keys: String, action: String)] = [
        ("→ or j", "next image"), ("← or k", "previous image"), ("1 – 5", "diff, side by side, slider, blend, toggle"),
        ("space / t", "flip expected and actual (toggle view); in full size: diff, expected, actual"),
        ("f or Enter", "full size: the image in a viewer (wheel zooms, dragging pans, ←/→ within the filter)"),
        ("+ / − / 0", "zoom in, out, fit; double-click zooms on the point"), ("x", "select for approval"),
        ("/", "filter by name"), ("?", "this help"), ("Esc", "close"),
    ]

    /// The whole page.
    static func render(_ outcome: FolderDiffOutcome) -> String {
        let order = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1, $0) })
        let sorted = outcome.items.enumerated().sorted { x, y in
            let (a, b) = (order[x.element.status]!, order[y.element.status]!)
            return a != b ? a < b : x.offset < y.offset
        }.map(\.element)
        let entries = sorted.map { item in
            Entry(
                p: item.path, s: item.status.rawValue,
                e: item.inExpected && item.status != .failed ? HTMLText.url("expected/" + item.path) : nil,
                a: item.inActual && item.status != .failed ? HTMLText.url("actual/" + item.path) : nil,
                d: item.diffImage.map(HTMLText.url), m: item.error ?? item.result?.summary)
        }
        let counts = outcome.counts
        let data = Data(
            expected: FolderScan.realPath(outcome.expectedDirectory) ?? outcome.expectedDirectory,
            actual: FolderScan.realPath(outcome.actualDirectory) ?? outcome.actualDirectory,
            counts: Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }), items: entries)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? String(decoding: encoder.encode(data), as: UTF8.self)) ?? "{}"
        let countList = groups.map { status in
            "<button type=\"button\" class=\"count \(status.rawValue)\" data-status=\"\(status.rawValue)\">"
                + "<b>\(counts[status] ?? 0)</b> \(status.rawValue)</button>"
        }.joined(separator: "\n")
        let statusOptions = groups.map { "<option value=\"\($0.rawValue)\">\($0.rawValue)</option>" }.joined()
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
            <title>anomark diff: \(outcome.items.count) images</title>
            <style>\(style)\(PageAssets.lightboxStyle)\(PageAssets.keyHelpStyle)</style>
            </head>
            <body>
            <header>
            <h1>anomark diff</h1>
            <div class="counts">\(countList)</div>
            <div class="controls">
            <input id="filter" type="search" placeholder="Filter by name ( / )" aria-label="Filter by name">
            <select id="status" aria-label="Status"><option value="">all statuses</option>\(statusOptions)</select>
            <span id="shown"></span>
            <button type="button" id="help-button" title="Keys (?)">?</button>
            </div>
            </header>
            <main>
            <nav id="list" aria-label="Images"></nav>
            <section id="viewer">
            <div class="toolbar">
            <span id="views"><button type="button" data-view="diff">1 diff</button><button type="button" data-view="side">2 side by side</button><button type="button" data-view="slider">3 slider</button><button type="button" data-view="blend">4 blend</button><button type="button" data-view="toggle">5 toggle</button></span>
            <label>zoom <select id="zoom"><option value="0">fit</option><option value="1">1×</option><option value="2">2×</option><option value="4">4×</option><option value="8">8×</option></select></label>
            <input id="blend" type="range" min="0" max="100" value="50" aria-label="Blend">
            <button type="button" id="full" title="Full size: zoom, pan, step (f)">full size</button>
            <label class="pick"><input type="checkbox" id="pick"> approve</label>
            </div>
            <h2 id="title"></h2>
            <p id="message"></p>
            <div id="stage"></div>
            </section>
            </main>
            <footer id="approve">
            <span id="picked">Select changed, new or deleted images to approve.</span>
            <button type="button" id="pick-shown">select shown</button>
            <button type="button" id="pick-none">clear</button>
            <input id="command" readonly aria-label="Approve command">
            <button type="button" id="copy">copy</button>
            </footer>
            \(PageAssets.keyHelpDialog(keys))
            <script type="application/json" id="data">\(ScriptJSON.escape(json))</script>
            <script>
            \(PageAssets.virtualListScript)
            \(PageAssets.hashStateScript)
            \(PageAssets.keyHelpScript)
            \(PageAssets.shellQuoteScript)
            \(PageAssets.lightboxScript)
            \(script)
            </script>
            </body>
            </html>

            """
    }

    static let style = """

        * { box-sizing: border-box; }
        body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #212121; height: 100vh; display: flex; flex-direction: column; }
        header { padding: .5em 1em; border-bottom: 1px solid #ddd; display: flex; flex-wrap: wrap; gap: 1em; align-items: center; }
        h1 { font-size: 1.2em; margin: 0; }
        .counts { display: flex; gap: .5em; }
        .count { border: 1px solid #ccc; background: #fafafa; border-radius: 4px; padding: 2px 8px; cursor: pointer; }
        .count.active { outline: 2px solid #1976d2; }
        .changed b, .row.changed .badge { color: #d32f2f; } .new b, .row.new .badge { color: #1976d2; }
        .deleted b, .row.deleted .badge { color: #7b1fa2; } .passed b, .row.passed .badge { color: #2e7d32; }
        .failed b, .row.failed .badge { color: #757575; }
        .controls { display: flex; gap: .5em; align-items: center; }
        #filter { width: 18em; }
        main { flex: 1; display: flex; min-height: 0; }
        #list { width: 22em; overflow-y: auto; border-right: 1px solid #ddd; }
        .row { display: flex; align-items: center; gap: .4em; padding: 0 .5em; white-space: nowrap; overflow: hidden; cursor: pointer; }
        .row .name { overflow: hidden; text-overflow: ellipsis; direction: rtl; text-align: left; flex: 1; }
        .row.current { background: #e3f2fd; }
        .row.group { font-weight: bold; background: #f5f5f5; cursor: default; text-transform: capitalize; }
        .badge { font-size: .8em; width: 4.5em; }
        #viewer { flex: 1; display: flex; flex-direction: column; min-width: 0; padding: .5em 1em; }
        .toolbar { display: flex; gap: 1em; align-items: center; flex-wrap: wrap; }
        #views button.active { background: #1976d2; color: white; }
        #title { font-size: 1em; margin: .5em 0 0; word-break: break-all; }
        #message { margin: .2em 0 .5em; color: #555; font-size: .9em; word-break: break-word; }
        #stage { flex: 1; overflow: auto; position: relative; background: repeating-conic-gradient(#eee 0 25%, #fff 0 50%) 0 0 / 16px 16px; }
        #stage img { image-rendering: pixelated; display: block; }
        #stage.fit img { max-width: 100%; max-height: 100%; }
        .side { display: flex; gap: 8px; } .side figure { margin: 0; } .side.fit figure { flex: 1; min-width: 0; }
        #stage figure { margin: 0; }
        figcaption { font-size: .8em; color: #555; }
        .stack { position: relative; display: inline-block; }
        .stack img + img { position: absolute; left: 0; top: 0; }
        .handle { position: absolute; top: 0; bottom: 0; width: 2px; background: #1976d2; cursor: ew-resize; }
        .flip-label { position: absolute; left: 4px; top: 4px; background: #000a; color: #fff; padding: 0 6px; font-size: .8em; }
        footer { border-top: 1px solid #ddd; padding: .5em 1em; display: flex; gap: .5em; align-items: center; }
        #command { flex: 1; font-family: ui-monospace, monospace; }
        .lightbox .lb-frame img { image-rendering: pixelated; }

        """

    static let script = #"""
        (function () {
          var data = JSON.parse(document.getElementById('data').textContent);
          var items = data.items;
          var groups = ['changed', 'new', 'deleted', 'passed', 'failed'];
          var views = ['diff', 'side', 'slider', 'blend', 'toggle'];
          var approvable = { changed: true, new: true, deleted: true };
          var filter = document.getElementById('filter'), statusSelect = document.getElementById('status');
          var listBox = document.getElementById('list'), stage = document.getElementById('stage');
          var zoomSelect = document.getElementById('zoom'), blend = document.getElementById('blend');
          var pick = document.getElementById('pick'), command = document.getElementById('command');
          var help = KeyHelp(document.getElementById('help'));
          var state = readHash();
          var view = views.indexOf(state.v) >= 0 ? state.v : 'diff';
          var zoom = 0, slider = 50, flipped = false;
          var picked = {};
          var rows = [], shownItems = [], current = -1;
          filter.value = state.q || '';
          statusSelect.value = groups.indexOf(state.s) >= 0 ? state.s : '';

          // Rows: a header per non-empty group, then its items (indices into `items`).
          function rebuild() {
            var query = filter.value.trim().toLowerCase(), wanted = statusSelect.value;
            rows = []; shownItems = [];
            var lastGroup = null;
            items.forEach(function (item, i) {
              if (wanted && item.s !== wanted) return;
              if (query && item.p.toLowerCase().indexOf(query) < 0) return;
              if (item.s !== lastGroup) {
                lastGroup = item.s;
                rows.push({ group: item.s });
              }
              rows.push({ item: i });
              shownItems.push(i);
            });
            rows.forEach(function (row) {
              if (row.group) row.count = shownItems.filter(function (i) { return items[i].s === row.group; }).length;
            });
            document.getElementById('shown').textContent = shownItems.length + ' of ' + items.length + ' shown';
            Array.prototype.forEach.call(document.querySelectorAll('.count'), function (b) {
              b.classList.toggle('active', b.dataset.status === wanted);
            });
            document.body.dataset.shown = shownItems.length;
            list.reset(rows.length);
          }
          function renderRow(r) {
            var row = rows[r], div = document.createElement('div');
            if (row.group) {
              div.className = 'row group';
              div.textContent = row.group + ' (' + row.count + ')';
              return div;
            }
            var item = items[row.item];
            div.className = 'row ' + item.s + (row.item === current ? ' current' : '');
            div.dataset.index = row.item;
            if (approvable[item.s]) {
              var box = document.createElement('input');
              box.type = 'checkbox';
              box.checked = !!picked[row.item];
              box.addEventListener('click', function (event) { event.stopPropagation(); setPicked(row.item, box.checked); });
              div.appendChild(box);
            }
            var badge = document.createElement('span');
            badge.className = 'badge';
            badge.textContent = item.s;
            var name = document.createElement('span');
            name.className = 'name';
            name.title = item.p;
            // <bdi> keeps the path in reading order inside the right-to-left ellipsis box.
            var bdi = document.createElement('bdi');
            bdi.textContent = item.p;
            name.appendChild(bdi);
            div.appendChild(badge);
            div.appendChild(name);
            div.addEventListener('click', function () { select(row.item); });
            return div;
          }
          var list = VirtualList(listBox, 26, 0, renderRow);

          // Full size: PageAssets' lightbox on the current item; ←/→ (and its ‹ ›) step within the filter,
          // t / space or its buttons switch between the item's diff, expected and actual images.
          var shots = ['diff', 'expected', 'actual'], shot = 'diff';
          var full = Lightbox({ onStep: step, onClose: function () { document.body.dataset.full = ''; save(); } });
          var shotButtons = {};
          shots.forEach(function (name) {
            var b = document.createElement('button');
            b.type = 'button';
            b.textContent = name;
            b.title = 'diff / expected / actual (t)';
            b.dataset.shot = name;
            b.addEventListener('click', function (event) { event.stopPropagation(); shot = name; showFull(); });
            full.extra.appendChild(b);
            shotButtons[name] = b;
          });
          function shotURL(item, name) { return name === 'diff' ? item.d : name === 'expected' ? item.e : item.a; }
          function available(item) { return shots.filter(function (name) { return !!shotURL(item, name); }); }
          // The image shown of those the item has: the one asked for, else its first (no diff for a passed
          // item), '' when it has none.
          function shownShot(have) { return have.indexOf(shot) >= 0 ? shot : have.length ? have[0] : ''; }
          function showFull() {
            if (current < 0) return;
            var item = items[current], have = available(item);
            var name = shownShot(have);
            shots.forEach(function (n) {
              shotButtons[n].hidden = have.indexOf(n) < 0;
              shotButtons[n].classList.toggle('active', n === name);
            });
            full.open(name ? shotURL(item, name) : '', item.s + ': ' + item.p + (name ? ' — ' + name : ' — no image') +
              (item.m ? ' — ' + item.m : ''));
            document.body.dataset.full = name || 'none';
            save();
          }
          function openFull() { if (current >= 0) showFull(); }
          function nextShot() {
            var have = available(items[current]);
            if (!have.length) return;
            // From the image shown, not the one asked for: indexOf(-1) + 1 would show the first one again.
            shot = have[(have.indexOf(shownShot(have)) + 1) % have.length];
            showFull();
          }

          function image(url, label) {
            var img = document.createElement('img');
            img.decoding = 'async';
            img.src = url;
            img.alt = label;
            if (zoom) img.addEventListener('load', function () { img.style.width = (img.naturalWidth * zoom) + 'px'; });
            return img;
          }
          function figure(url, label) {
            var f = document.createElement('figure'), c = document.createElement('figcaption');
            c.textContent = label;
            f.appendChild(c);
            if (url) f.appendChild(image(url, label));
            else { var p = document.createElement('p'); p.textContent = 'none'; f.appendChild(p); }
            return f;
          }
          function drawStage() {
            stage.textContent = '';
            stage.className = zoom ? '' : 'fit';
            document.body.dataset.view = view;
            Array.prototype.forEach.call(document.querySelectorAll('#views button'), function (b) {
              b.classList.toggle('active', b.dataset.view === view);
            });
            blend.hidden = view !== 'blend';
            if (current < 0) return;
            var item = items[current];
            var e = item.e, a = item.a;
            if (view === 'diff') {
              var url = item.d || a || e;
              stage.appendChild(figure(url, item.d ? 'diff' : (a ? 'actual (no diff image)' : 'expected (no diff image)')));
            } else if (view === 'side' || !e || !a) {
              var side = document.createElement('div');
              side.className = 'side' + (zoom ? '' : ' fit');
              side.appendChild(figure(e, 'expected'));
              side.appendChild(figure(a, 'actual'));
              stage.appendChild(side);
            } else if (view === 'slider') {
              var stack = document.createElement('div');
              stack.className = 'stack';
              stack.id = 'slider';
              var under = image(a, 'actual'), over = image(e, 'expected');
              over.style.clipPath = 'inset(0 ' + (100 - slider) + '% 0 0)';
              var handle = document.createElement('div');
              handle.className = 'handle';
              handle.style.left = slider + '%';
              stack.appendChild(under); stack.appendChild(over); stack.appendChild(handle);
              function drag(event) {
                var box = stack.getBoundingClientRect();
                if (!box.width) return;
                slider = Math.max(0, Math.min(100, (event.clientX - box.left) / box.width * 100));
                over.style.clipPath = 'inset(0 ' + (100 - slider) + '% 0 0)';
                handle.style.left = slider + '%';
                document.body.dataset.slider = Math.round(slider);
              }
              stack.addEventListener('pointerdown', function (event) {
                event.preventDefault();
                drag(event);
                function move(ev) { drag(ev); }
                function up() { window.removeEventListener('pointermove', move); window.removeEventListener('pointerup', up); }
                window.addEventListener('pointermove', move);
                window.addEventListener('pointerup', up);
              });
              stage.appendChild(stack);
              document.body.dataset.slider = Math.round(slider);
            } else if (view === 'blend') {
              var mix = document.createElement('div');
              mix.className = 'stack';
              var top = image(a, 'actual');
              top.style.opacity = blend.value / 100;
              mix.appendChild(image(e, 'expected'));
              mix.appendChild(top);
              stage.appendChild(mix);
            } else {
              var flip = document.createElement('div');
              flip.className = 'stack';
              flip.id = 'toggle';
              var shown = image(flipped ? a : e, flipped ? 'actual' : 'expected');
              var label = document.createElement('span');
              label.className = 'flip-label';
              label.textContent = flipped ? 'actual' : 'expected';
              flip.appendChild(shown); flip.appendChild(label);
              flip.addEventListener('click', function () { flipped = !flipped; drawStage(); });
              stage.appendChild(flip);
              document.body.dataset.flipped = flipped ? 'actual' : 'expected';
            }
          }
          function select(i) {
            current = i;
            var item = items[i];
            document.getElementById('title').textContent = item ? item.s + ': ' + item.p : '';
            document.getElementById('message').textContent = item && item.m ? item.m : '';
            pick.disabled = !item || !approvable[item.s];
            pick.checked = !!picked[i];
            document.body.dataset.current = item ? item.p : '';
            var r = -1;
            rows.forEach(function (row, k) { if (row.item === i) r = k; });
            if (r >= 0) list.reveal(r); else list.refresh();
            drawStage();
            if (full.visible()) showFull(); else save();
          }
          function step(delta) {
            if (!shownItems.length) return;
            var at = shownItems.indexOf(current);
            var next = at < 0 ? 0 : Math.max(0, Math.min(shownItems.length - 1, at + delta));
            select(shownItems[next]);
          }
          function save() {
            writeHash({ q: filter.value, s: statusSelect.value, v: view === 'diff' ? '' : view,
              i: current >= 0 ? items[current].p : '', f: full.visible() ? document.body.dataset.full : '' });
          }
          function setView(v) { view = v; drawStage(); save(); }
          function setZoom(z) { zoom = z; zoomSelect.value = String(z); drawStage(); }
          function setPicked(i, on) {
            if (on) picked[i] = true; else delete picked[i];
            if (i === current) pick.checked = on;
            updateCommand();
            list.refresh();
          }
          function updateCommand() {
            var keys = Object.keys(picked).map(Number).sort(function (x, y) { return x - y; });
            var prune = keys.some(function (i) { return items[i].s === 'deleted'; });
            var globs = keys.map(function (i) { return shellQuote(items[i].p.replace(/[*?\\]/g, '\\$&')); });
            document.getElementById('picked').textContent = keys.length + ' selected';
            command.value = keys.length ? ['anomark', 'diff', shellQuote(data.expected), shellQuote(data.actual),
              '--approve'].concat(prune ? ['--prune'] : []).concat(globs).join(' ') : '';
            document.body.dataset.picked = keys.length;
          }

          // The current item follows the filter: one filtered out gives way to the first shown, since the keys
          // (x, f, the arrows) act on the current item and must act on one the list shows.
          function refilter() {
            rebuild();
            if (shownItems.indexOf(current) < 0) {
              if (shownItems.length) select(shownItems[0]);
              else { if (full.visible()) full.close(); select(-1); }
            }
            save();
          }
          filter.addEventListener('input', refilter);
          statusSelect.addEventListener('change', refilter);
          Array.prototype.forEach.call(document.querySelectorAll('.count'), function (b) {
            b.addEventListener('click', function () {
              statusSelect.value = statusSelect.value === b.dataset.status ? '' : b.dataset.status;
              refilter();
            });
          });
          Array.prototype.forEach.call(document.querySelectorAll('#views button'), function (b) {
            b.addEventListener('click', function () { setView(b.dataset.view); });
          });
          zoomSelect.addEventListener('change', function () { setZoom(Number(zoomSelect.value)); });
          blend.addEventListener('input', function () { drawStage(); });
          pick.addEventListener('change', function () { if (current >= 0) setPicked(current, pick.checked); });
          document.getElementById('pick-shown').addEventListener('click', function () {
            shownItems.forEach(function (i) { if (approvable[items[i].s]) picked[i] = true; });
            updateCommand(); list.refresh(); pick.checked = !!picked[current];
          });
          document.getElementById('pick-none').addEventListener('click', function () {
            picked = {}; updateCommand(); list.refresh(); pick.checked = false;
          });
          document.getElementById('copy').addEventListener('click', function () {
            command.select();
            if (navigator.clipboard) navigator.clipboard.writeText(command.value).catch(function () { });
            else document.execCommand('copy');
          });
          document.getElementById('help-button').addEventListener('click', function () { help.toggle(); });
          document.getElementById('full').addEventListener('click', openFull);
          stage.addEventListener('dblclick', function (event) {
            // Zoom on the point: double the zoom and keep the clicked pixel under the pointer.
            var box = stage.getBoundingClientRect();
            var fx = (event.clientX - box.left + stage.scrollLeft) / Math.max(1, stage.scrollWidth);
            var fy = (event.clientY - box.top + stage.scrollTop) / Math.max(1, stage.scrollHeight);
            var img = stage.querySelector('img');
            var fitScale = img && img.naturalWidth ? img.clientWidth / img.naturalWidth : 1;
            var next = zoom ? Math.min(16, zoom * 2) : Math.max(1, Math.pow(2, Math.ceil(Math.log2(fitScale * 2))));
            setZoom(next);
            var target = stage.querySelector('img');
            function centre() {
              stage.scrollLeft = fx * stage.scrollWidth - (event.clientX - box.left);
              stage.scrollTop = fy * stage.scrollHeight - (event.clientY - box.top);
            }
            if (target && !target.complete) target.addEventListener('load', centre); else centre();
          });
          document.addEventListener('keydown', function (event) {
            if (event.ctrlKey || event.metaKey || event.altKey) return;
            var typing = event.target === filter || event.target === command;
            if (event.key === 'Escape') {
              if (help.visible()) help.toggle(false); else if (full.visible()) full.close(); else if (typing) event.target.blur();
              return;
            }
            if (typing) return;
            var k = event.key, control = /^(BUTTON|INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName);
            if (k === '?') help.toggle();
            else if (full.visible()) {
              if (full.key(k)) {}  // the keys its bar names: ←/→, + / −, 0
              else if (k === 't' || k === ' ') nextShot();
              else if (k === 'f') full.close();
              else if (k === 'x') { if (approvable[items[current].s]) setPicked(current, !picked[current]); }
              else return;
            }
            else if (k === 'f' || (k === 'Enter' && !control)) openFull();
            else if (k === 'ArrowRight' || k === 'j') step(1);
            else if (k === 'ArrowLeft' || k === 'k') step(-1);
            else if (k >= '1' && k <= '5') setView(views[Number(k) - 1]);
            else if (k === '/') { event.preventDefault(); filter.focus(); return; }
            else if (k === ' ' || k === 't') { if (view !== 'toggle') setView('toggle'); flipped = !flipped; drawStage(); }
            else if (k === '+' || k === '=') setZoom(zoom ? Math.min(16, zoom * 2) : 1);
            else if (k === '-') setZoom(zoom > 1 ? zoom / 2 : 0);
            else if (k === '0') setZoom(0);
            else if (k === 'x') { if (current >= 0 && approvable[items[current].s]) setPicked(current, !picked[current]); }
            else return;
            event.preventDefault();
          });

          rebuild();
          var start = -1;
          if (state.i) items.forEach(function (item, i) { if (item.p === state.i && shownItems.indexOf(i) >= 0) start = i; });
          if (start < 0 && shownItems.length) start = shownItems[0];
          if (start >= 0) select(start); else drawStage();
          if (start >= 0 && state.i === items[start].p && (shots.indexOf(state.f) >= 0 || state.f === 'none')) {
            if (state.f !== 'none') shot = state.f;
            showFull();
          }
          updateCommand();
          // data-ready once the first screen is painted; data-ready-ms: milliseconds since navigation (the bench reads it).
          window.requestAnimationFrame(function () {
            document.body.dataset.readyMs = Math.round(performance.now());
            document.body.dataset.ready = '';
          });
        })();

        """#
}
