// DigitGAN dashboard, the comparison view (#compare=a,b,…): several runs' losses, quality and
// speed on shared axes, by epoch or by wall time; a table of the runs with the config values that
// differ highlighted and each one's best checkpoint, and a button that pins it in the generator.
// Uses app.js's state (runs, data via loadRun), its chart() and join().
'use strict';

const chosen = [];              // run ids compared, in the order of their colours
let compareTable = null;        // the last /api/v1/runs/compare answer
let tableFetchedAt = 0;
let tableFetch = null;
let tableText = '';             // that answer as text: the table is rebuilt only when it changes

function hashIds() {
  const m = location.hash.match(/^#compare=?(.*)$/);
  return m && m[1] ? decodeURIComponent(m[1]).split(',').filter(Boolean) : [];
}
function colourOf(id) { return PALETTE[chosen.indexOf(id) % PALETTE.length]; }

async function openCompare() {
  const wanted = hashIds();
  chosen.length = 0;
  const all = [...runs.values()].sort((a, b) => String(b.startedAt).localeCompare(String(a.startedAt))).map((r) => r.runId);
  // default: the run shown and the runs ticked beside it, else the newest runs
  const start = wanted.length ? wanted : (compared.size ? [selected, ...compared] : all.slice(0, 4));
  for (const id of start) if (runs.has(id) && !chosen.includes(id)) chosen.push(id);
  for (const id of chosen) await loadRun(id);
  $('main').hidden = true; $('empty').hidden = true; $('compare-view').hidden = false;
  document.body.classList.add('comparing'); // the one-run picker and facts step aside
  $('compare-toggle').textContent = 'Back to one run';
  $('pin-token').value = sessionStorage.getItem('digitgan-token') || '';
  destroyCharts();
  await refreshTable(true);
  queueRender();
}
function closeCompare() {
  $('compare-view').hidden = true;
  document.body.classList.remove('comparing');
  $('compare-toggle').textContent = 'Compare runs';
  destroyCharts(); queueRender();
}
function setHash() {
  history.replaceState(null, '', '#compare=' + chosen.map(encodeURIComponent).join(','));
}

async function refreshTable(now) {
  if (!chosen.length) { compareTable = null; tableText = ''; renderTable(); return; }
  if (!now && (tableFetch || Date.now() - tableFetchedAt < 2000)) return;
  tableFetchedAt = Date.now();
  tableFetch = getJson('/api/v1/runs/compare?ids=' + chosen.map(encodeURIComponent).join(','))
    .then(({ body }) => {
      const text = JSON.stringify(body);
      if (text !== tableText) { tableText = text; compareTable = body; renderTable(); renderCoords(); }
    })
    .catch((e) => { $('compare-same').textContent = 'could not compare: ' + e.message; })
    .finally(() => { tableFetch = null; });
  await tableFetch;
}

let compareFound = null;        // run ids the comparison's search found (null: no search)
const COMPARE_CHOICES = 20;     // runs offered beside those chosen: the list stays small with 10,000 runs
function renderComparePicker() {
  const picker = $('compare-picker');
  const offered = compareFound ? compareFound.map((id) => runs.get(id)).filter(Boolean) : newestFirst();
  const all = [...chosen.map((id) => runs.get(id)).filter(Boolean),
    ...offered.filter((r) => !chosen.includes(r.runId)).slice(0, COMPARE_CHOICES)];
  const key = all.map((r) => r.runId + r.status).join() + '|' + chosen.join();
  if (picker.dataset.key === key) return;
  picker.dataset.key = key;
  picker.innerHTML = '';
  for (const r of all) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox'; box.value = r.runId; box.checked = chosen.includes(r.runId);
    box.onchange = async () => {
      if (box.checked) { chosen.push(r.runId); await loadRun(r.runId); } else chosen.splice(chosen.indexOf(r.runId), 1);
      setHash(); destroyCharts(); await refreshTable(true); queueRender();
    };
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = chosen.includes(r.runId) ? colourOf(r.runId) : 'transparent';
    label.append(box, ' ', swatch, r.runId + ' · ' + (r.status || '?'));
    picker.append(label);
  }
}

const FIXED_COLUMNS = ['run', 'status', 'epochs'];
function fmt(v, digits) { return v == null ? '–' : typeof v === 'number' ? (digits != null ? v.toFixed(digits) : String(v)) : String(v); }
function renderTable() {
  const head = $('compare-table').tHead, body = $('compare-table').tBodies[0];
  head.innerHTML = ''; body.innerHTML = '';
  if (!compareTable) { $('compare-same').textContent = 'tick runs above to compare them'; return; }
  const differing = compareTable.differing.filter((k) => k !== 'runId');
  const columns = [...FIXED_COLUMNS, ...differing, 'best checkpoint', 'FID ↓', 'score ↑', 'class acc. ↑', 'images/s', 'minutes', ''];
  const tr = document.createElement('tr');
  columns.forEach((c) => { const th = document.createElement('th'); th.textContent = c; if (differing.includes(c)) th.className = 'differs'; tr.append(th); });
  head.append(tr);
  // FID, score and class accuracy of each run's newest measurement (its final one once it completed)
  const fids = compareTable.runs.map((r) => (r.figures ? r.figures.fid : null)).filter((f) => f != null);
  const bestFid = fids.length ? Math.min(...fids) : null;
  for (const r of compareTable.runs) {
    const row = document.createElement('tr');
    row.dataset.run = r.runId;
    const cell = (text, cls) => { const td = document.createElement('td'); td.textContent = text; if (cls) td.className = cls; row.append(td); return td; };
    const name = cell('');
    const swatch = document.createElement('span'); swatch.className = 'swatch'; swatch.style.background = colourOf(r.runId);
    name.append(swatch, r.runId);
    cell(r.status); cell(String(r.lastEpoch) + '/' + fmt(r.config.epochs));
    differing.forEach((k) => cell(fmt(r.config[k]), 'differs'));
    const f = r.figures || {};
    const best = cell(r.best ? 'epoch ' + r.best.epoch : '–');
    if (r.best && r.best.fid != null) best.title = 'lowest FID of its epochs (' + r.best.fid.toFixed(2) + ' on the per-epoch samples)';
    cell(f.fid == null ? '–' : f.fid.toFixed(2) + (f.fidFloor != null ? ' (real ' + f.fidFloor.toFixed(2) + ')' : ''),
      f.fid != null && f.fid === bestFid && fids.length > 1 ? 'best-fid' : '');
    cell(fmt(f.mnistScore, 2));
    cell(f.classAccuracy == null ? '–' : (100 * f.classAccuracy).toFixed(2) + ' %');
    cell(fmt(r.imagesPerSecond, 0)); cell(fmt(r.minutes, 1));
    const action = cell('');
    if (r.best) {
      const pin = document.createElement('button');
      pin.type = 'button'; pin.className = 'pin'; pin.textContent = 'pin best';
      pin.title = 'serve epoch ' + r.best.epoch + ' of ' + r.runId + ' in the generator until unpinned';
      pin.onclick = () => pinBest(r.runId);
      action.append(pin);
    }
    body.append(row);
  }
  const first = compareTable.runs[0];
  const same = first ? Object.keys(first.config).filter((k) => !differing.includes(k) && k !== 'runId') : [];
  $('compare-same').textContent = compareTable.runs.length > 1
    ? 'the same in every run: ' + same.map((k) => k + '=' + fmt(first.config[k])).join(', ')
    : 'tick another run to see what differs';
}

async function pinBest(runId) {
  const token = $('pin-token').value.trim();
  if (!token) { $('pin-message').textContent = 'pinning needs the operator token (the generator\'s API token)'; $('pin-token').focus(); return; }
  sessionStorage.setItem('digitgan-token', token);
  $('pin-message').textContent = 'pinning ' + runId + '…';
  $('pin-message').textContent = (await pin(runId, 'best', token)).text;
  pollServing();
}

// one series per run: x = epoch, or minutes since the run started (its epochs' timestamps)
function perRun(value, filter) {
  const byTime = document.querySelector('input[name="compare-x"]:checked').value === 'minutes';
  const series = chosen.map((id) => {
    const started = Date.parse((runs.get(id) || {}).startedAt);
    const points = [...runData(id).epochs.values()].sort((a, b) => a.epoch - b.epoch).filter((e) => !filter || filter(e));
    const xs = points.map((e) => (byTime ? Math.round((Date.parse(e.timestamp) - started) / 600) / 100 : e.epoch));
    return [xs, points.map(value)];
  });
  return { byTime, table: join(series) };
}
function compareChart(name, value, filter, opts = {}) {
  const { byTime, table } = perRun(value, filter);
  const el = $('compare-' + name);
  el.dataset.series = String(chosen.length);
  if (!chosen.length) { el.innerHTML = ''; return; }
  // synced cursors: hovering one chart reads every run's values at that epoch (or minute) in all; a click holds it
  chart('compare-' + name + (byTime ? '-t' : '-e'), el, chosen, table,
    Object.assign({ x: byTime ? 'minutes' : 'epoch', points: true, sync: 'compare' }, opts));
}
// ---- one slider across the compared runs' sample grids: by epoch, or by wall time ----
let sliderFor = '';             // the runs and axis the slider's stops were made for
/** The slider's stops: every epoch (or minute) at which one of the runs has a grid. */
function sampleStops(byTime) {
  const stops = new Set();
  for (const id of chosen) for (const e of runData(id).samples) stops.add(byTime ? minuteOf(id, e) : e);
  return [...stops].filter((s) => s != null).sort((a, b) => a - b);
}
/** Minutes from the run's start to the end of {@code epoch} (its EPOCH event), or null when unknown. */
function minuteOf(id, epoch) {
  const e = runData(id).epochs.get(epoch);
  const started = Date.parse((runs.get(id) || {}).startedAt);
  return e && e.timestamp && started ? Math.round((Date.parse(e.timestamp) - started) / 600) / 100 : null;
}
function renderCompareSamples() {
  const byTime = document.querySelector('input[name="compare-x"]:checked').value === 'minutes';
  const stops = sampleStops(byTime);
  const slider = $('compare-slider');
  const key = chosen.join() + '|' + byTime + '|' + stops.join();
  if (key !== sliderFor) { // new runs, axis or grids: keep the stop shown, or go to the newest
    const shown = stops.indexOf(Number(slider.dataset.stop));
    slider.max = String(Math.max(0, stops.length - 1));
    slider.value = String(shown >= 0 ? shown : stops.length - 1);
    sliderFor = key;
  }
  const stop = stops[Number(slider.value)];
  slider.dataset.stop = String(stop);
  $('compare-sample-label').textContent = stop == null ? 'no sample grids yet'
    : (byTime ? 'minute ' + stop : 'epoch ' + stop) + ' (' + (Number(slider.value) + 1) + ' of ' + stops.length + ')';
  const box = $('compare-samples');
  for (const figure of [...box.children]) if (!chosen.includes(figure.dataset.run)) figure.remove();
  for (const id of chosen) {
    let figure = box.querySelector('figure[data-run="' + CSS.escape(id) + '"]');
    if (!figure) {
      figure = document.createElement('figure');
      figure.dataset.run = id;
      figure.append(document.createElement('img'), document.createElement('figcaption'));
      box.append(figure);
    }
    // each run's newest grid at or before the stop: runs sampled at other epochs still line up
    const epochs = [...runData(id).samples].sort((a, b) => a - b)
      .filter((e) => stop != null && (byTime ? minuteOf(id, e) != null && minuteOf(id, e) <= stop : e <= stop));
    const epoch = epochs.at(-1);
    const img = figure.querySelector('img');
    img.hidden = epoch == null;
    const src = epoch == null ? '' : '/api/v1/runs/' + encodeURIComponent(id) + '/samples/' + epoch + '.png';
    if (epoch != null && img.getAttribute('src') !== src) img.src = src;
    img.alt = id + (epoch == null ? '' : ', epoch ' + epoch);
    figure.dataset.epoch = epoch == null ? '' : String(epoch);
    figure.querySelector('figcaption').innerHTML = '';
    const swatch = document.createElement('span'); swatch.className = 'swatch'; swatch.style.background = colourOf(id);
    figure.querySelector('figcaption').append(swatch, id + ' · ' + (epoch == null ? 'no grid yet' : 'epoch ' + epoch));
  }
}
function stepCompareSlider(by) {
  const slider = $('compare-slider');
  slider.value = String(Math.min(Number(slider.max), Math.max(0, Number(slider.value) + by)));
  renderCompareSamplesAt();
}
function renderCompareSamplesAt() {
  const byTime = document.querySelector('input[name="compare-x"]:checked').value === 'minutes';
  $('compare-slider').dataset.stop = String(sampleStops(byTime)[Number($('compare-slider').value)]);
  renderCompareSamples();
}
$('compare-slider').oninput = renderCompareSamplesAt;
// the arrow keys step every run's grid together, wherever the focus is but in a text field
document.addEventListener('keydown', (e) => {
  if (!comparing() || $('compare-view').hidden || e.target.matches('input[type="text"], input[type="search"], input[type="password"]')) return;
  if (e.target === $('compare-slider')) return; // the slider steps itself, and says so through oninput
  if (e.key === 'ArrowRight') { stepCompareSlider(1); e.preventDefault(); }
  if (e.key === 'ArrowLeft') { stepCompareSlider(-1); e.preventDefault(); }
});

// ---- parallel coordinates: the settings that differ against the best FID and class accuracy ----
// Hand-drawn on a canvas (about a hundred lines): uPlot, the page's chart library, draws x-y
// series only, and a second charting library for one view would be more to serve than this.
const brushes = new Map();      // axis name -> [low, high] in the axis' values
let coordsAxes = [];            // [{name, values per run (number or text), scale value -> 0..1}]
const COORDS_PAD = { left: 60, right: 60, top: 28, bottom: 28 };

function coordsData() {
  if (!compareTable || compareTable.runs.length < 2) return [];
  const rows = compareTable.runs;
  const axes = compareTable.differing.filter((k) => k !== 'runId').map((k) => ({ name: k, values: rows.map((r) => r.config[k]) }));
  axes.push({ name: 'best FID ↓', values: rows.map((r) => (r.best && r.best.fid != null ? r.best.fid : r.figures ? r.figures.fid : null)) });
  if (rows.some((r) => r.figures && r.figures.classAccuracy != null)) {
    axes.push({ name: 'class accuracy ↑', values: rows.map((r) => (r.figures ? r.figures.classAccuracy : null)) });
  }
  for (const axis of axes) {
    const known = axis.values.filter((v) => v != null);
    if (known.every((v) => typeof v === 'number')) {
      const lo = Math.min(...known), hi = Math.max(...known);
      axis.numeric = true;
      axis.scale = (v) => (hi === lo ? 0.5 : (v - lo) / (hi - lo));
      axis.value = (t) => lo + t * (hi - lo);
      axis.ticks = [lo, hi];
    } else { // categories, evenly spaced in the order first seen
      const cats = [...new Set(known.map(String))];
      axis.scale = (v) => (cats.length === 1 ? 0.5 : cats.indexOf(String(v)) / (cats.length - 1));
      axis.ticks = cats;
    }
  }
  return axes;
}
function coordsX(i, width) { return COORDS_PAD.left + i * (width - COORDS_PAD.left - COORDS_PAD.right) / Math.max(1, coordsAxes.length - 1); }
function coordsY(t, height) { return height - COORDS_PAD.bottom - t * (height - COORDS_PAD.top - COORDS_PAD.bottom); }
/** Where run {@code runId} crosses axis {@code name}, in canvas pixels (also for the browser test). */
function coordsPoint(runId, name) {
  const canvas = $('coords'), i = coordsAxes.findIndex((a) => a.name === name);
  const r = compareTable.runs.findIndex((x) => x.runId === runId);
  const v = coordsAxes[i].values[r];
  return { x: coordsX(i, canvas.width), y: v == null ? null : coordsY(coordsAxes[i].scale(v), canvas.height) };
}
function passesBrushes(r) {
  return coordsAxes.every((axis) => {
    const range = brushes.get(axis.name);
    if (!range) return true;
    const v = axis.values[r];
    return v != null && axis.scale(v) >= range[0] && axis.scale(v) <= range[1];
  });
}
function renderCoords() {
  const panel = $('coords-panel'), canvas = $('coords');
  coordsAxes = coordsData();
  panel.hidden = coordsAxes.length < 2;
  if (panel.hidden) return;
  for (const name of [...brushes.keys()]) if (!coordsAxes.some((a) => a.name === name)) brushes.delete(name);
  canvas.width = Math.max(400, canvas.parentElement.clientWidth - 24);
  const ctx = canvas.getContext('2d'), w = canvas.width, h = canvas.height;
  ctx.clearRect(0, 0, w, h);
  ctx.font = '11px system-ui, sans-serif';
  const shown = [];
  compareTable.runs.forEach((run, r) => {
    const keep = passesBrushes(r);
    if (keep) shown.push(run.runId);
    ctx.strokeStyle = colourOf(run.runId) + (keep ? '' : '33');
    ctx.lineWidth = keep ? 2 : 1;
    ctx.beginPath();
    let drawing = false;
    coordsAxes.forEach((axis, i) => {
      const v = axis.values[r];
      if (v == null) { drawing = false; return; }
      const x = coordsX(i, w), y = coordsY(axis.scale(v), h);
      if (drawing) ctx.lineTo(x, y); else ctx.moveTo(x, y);
      drawing = true;
    });
    ctx.stroke();
  });
  coordsAxes.forEach((axis, i) => {
    const x = coordsX(i, w);
    ctx.strokeStyle = '#8b98a5'; ctx.lineWidth = 1;
    ctx.beginPath(); ctx.moveTo(x, coordsY(0, h)); ctx.lineTo(x, coordsY(1, h)); ctx.stroke();
    const range = brushes.get(axis.name);
    if (range) { ctx.fillStyle = 'rgba(255, 213, 79, 0.25)'; ctx.fillRect(x - 8, coordsY(range[1], h), 16, coordsY(range[0], h) - coordsY(range[1], h)); }
    // the end axes' names lean inwards, so that they stay on the canvas
    ctx.fillStyle = '#e6e6e6'; ctx.textAlign = i === 0 ? 'left' : i === coordsAxes.length - 1 ? 'right' : 'center';
    ctx.fillText(axis.name, i === 0 ? x - 8 : i === coordsAxes.length - 1 ? x + 8 : x, 14);
    ctx.textAlign = 'center';
    ctx.fillStyle = '#8b98a5';
    const label = (v) => (typeof v === 'number' ? Number(v.toPrecision(3)).toString() : String(v));
    if (axis.numeric) {
      ctx.fillText(label(axis.ticks[0]), x, h - 8);
      ctx.fillText(label(axis.ticks[1]), x, COORDS_PAD.top - 2 + 12);
    } else {
      axis.ticks.forEach((t) => ctx.fillText(label(t), x + 24, coordsY(axis.scale(t), h) + 4));
    }
  });
  canvas.dataset.axes = coordsAxes.map((a) => a.name).join('|');
  canvas.dataset.shown = shown.join(',');
  // the table follows the brushes: runs outside them step aside
  document.querySelectorAll('#compare-table tbody tr').forEach((tr) => { tr.hidden = !shown.includes(tr.dataset.run); });
}
(function coordsInput() {
  const canvas = $('coords');
  let drag = null;
  const at = (e) => { const b = canvas.getBoundingClientRect(); return { x: e.clientX - b.left, y: e.clientY - b.top }; };
  const t = (y) => Math.max(0, Math.min(1, (canvas.height - COORDS_PAD.bottom - y) / (canvas.height - COORDS_PAD.top - COORDS_PAD.bottom)));
  canvas.addEventListener('mousedown', (e) => {
    const p = at(e);
    const i = coordsAxes.findIndex((_, k) => Math.abs(coordsX(k, canvas.width) - p.x) <= 12);
    drag = i >= 0 ? { axis: coordsAxes[i].name, from: p.y, to: p.y } : { line: p };
  });
  canvas.addEventListener('mousemove', (e) => { if (drag && drag.axis) { drag.to = at(e).y; } });
  canvas.addEventListener('mouseup', (e) => {
    if (!drag) return;
    const done = drag; drag = null;
    if (done.axis) {
      done.to = at(e).y;
      if (Math.abs(done.to - done.from) < 4) brushes.delete(done.axis); // a click on an axis clears its brush
      else brushes.set(done.axis, [t(Math.max(done.from, done.to)), t(Math.min(done.from, done.to))]);
      renderCoords();
      return;
    }
    const hit = nearestLine(at(e));
    if (hit) openRun(hit);
  });
})();
/** The run whose polyline passes within 6 px of {@code p}, if any. */
function nearestLine(p) {
  let best = null, bestDistance = 6;
  compareTable.runs.forEach((run, r) => {
    if (!passesBrushes(r)) return;
    const points = coordsAxes.map((axis, i) => (axis.values[r] == null ? null
      : { x: coordsX(i, $('coords').width), y: coordsY(axis.scale(axis.values[r]), $('coords').height) }));
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      if (!a || !b || p.x < a.x || p.x > b.x) continue;
      const y = a.y + (b.y - a.y) * (p.x - a.x) / (b.x - a.x);
      if (Math.abs(y - p.y) < bestDistance) { bestDistance = Math.abs(y - p.y); best = run.runId; }
    }
  });
  return best;
}
/** Leaves the comparison for one run's page. */
async function openRun(id) {
  history.replaceState(null, '', location.pathname);
  closeCompare();
  selected = id; compared.clear();
  await loadRun(id);
  destroyCharts(); renderPicker(); renderSamples(true); queueRender();
}

function renderCompare() {
  if (!comparing()) { if (!$('compare-view').hidden) closeCompare(); return; }
  if ($('compare-view').hidden) return; // opening: openCompare renders when loaded
  renderComparePicker();
  const title = chosen.length ? datasetTitle(chosen[0]) : 'MNIST';
  $('compare-fid-title').textContent = 'FID-' + title + ' ↓ (served weights)';
  $('compare-score-title').textContent = title + ' score ↑ (served weights)';
  compareChart('gen', (e) => e.genLoss);
  compareChart('disc', (e) => e.discLoss);
  const q = (e) => measured(served(e));
  compareChart('fid', (e) => served(e).fid, q, { logY: true });
  compareChart('score', (e) => served(e).mnistScore, q);
  compareChart('speed', (e) => e.imagesPerSecond);
  renderCompareSamples();
  refreshTable(false);
}
renderHooks.push(renderCompare);

let compareSearchTimer = null;
$('compare-search').oninput = () => {
  clearTimeout(compareSearchTimer);
  compareSearchTimer = setTimeout(async () => {
    const q = $('compare-search').value.trim();
    try { compareFound = q ? (await findRuns({ q, limit: COMPARE_CHOICES })).ids : null; } catch (e) { compareFound = []; }
    renderComparePicker();
  }, 200);
};
$('compare-toggle').onclick = () => {
  if (comparing()) { history.replaceState(null, '', location.pathname); closeCompare(); renderPicker(); }
  else { location.hash = '#compare'; }
};
window.addEventListener('hashchange', () => { if (comparing()) openCompare(); else closeCompare(); });
document.querySelectorAll('input[name="compare-x"]').forEach((r) => { r.onchange = () => queueRender(); });
$('pin-token').onchange = () => sessionStorage.setItem('digitgan-token', $('pin-token').value.trim());
// opened by its address: wait until app.js has the runs
(async function openWhenLoaded() {
  if (!comparing()) return;
  for (let i = 0; i < 100 && runs.size === 0; i++) await new Promise((r) => setTimeout(r, 100));
  await openCompare();
})();
