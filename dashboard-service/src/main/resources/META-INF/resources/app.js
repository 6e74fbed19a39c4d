// DigitGAN dashboard: runs, live charts, samples, checkpoints and a "generate" panel.
// State comes from /api/v1/runs/{id} (a snapshot) and /api/v1/stream (every change after it).
'use strict';

const $ = (id) => document.getElementById(id);
const runs = new Map();         // runId -> summary from /api/v1/runs, updated by run events
const data = new Map();         // runId -> {epochs, progress, system, checkpoints, samples}
let selected = null;
const compared = new Set();
// the run list is the server's (GET /api/v1/runs, paged): the page holds the newest runs and what a
// search found, never all of them; the pickers show a bounded slice of it
const PAGE = 100, PICKER = 50, TICKS = 8;
let found = null;               // run ids the header's search and status filter found (null: no search)
let totalRuns = 0;
let charts = {};
let renderQueued = false;
let playTimer = null;
let serving = null;
let samplesShownFor = null; // the run whose grids the slider shows; a newly shown run starts at its newest
let chosenEpoch = null;     // the epoch picked on a quality chart or in the checkpoints table
const renderHooks = [];     // other views' renders (compare.js), run before this one's

function runData(id) {
  if (!data.has(id)) {
    data.set(id, { epochs: new Map(), progress: new Map(), system: [], checkpoints: new Map(), samples: new Set() });
  }
  return data.get(id);
}

// ---- applying events (idempotent: a snapshot and the stream may overlap) ----
function applyMetrics(m) {
  const d = runData(m.runId);
  if (m.type === 'EPOCH') d.epochs.set(m.epoch, m);
  else if (m.type === 'PROGRESS') d.progress.set(m.step, m);
  else { d.system.push(m); if (d.system.length > 360) d.system.shift(); }
}
function applyView(v) {
  const d = runData(v.runId);
  v.epochs.forEach(applyMetrics); v.progress.forEach(applyMetrics); v.system.forEach(applyMetrics);
  v.checkpoints.forEach((c) => d.checkpoints.set(c.epoch, c));
  v.sampleEpochs.forEach((e) => d.samples.add(e));
  runs.set(v.runId, Object.assign(runs.get(v.runId) || {}, summaryOf(v)));
}
function summaryOf(v) {
  return { runId: v.runId, status: v.status, device: v.device, config: v.config, startedAt: v.startedAt,
           updatedAt: v.updatedAt, totalEpochs: v.totalEpochs, lastEpoch: v.lastEpoch, etaSeconds: v.etaSeconds,
           reason: v.reason };
}

// ---- loading ----
async function getJson(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(url + ' answered ' + r.status);
  return { body: await r.json(), headers: r.headers };
}
async function loadRun(id) {
  const { body } = await getJson('/api/v1/runs/' + encodeURIComponent(id));
  applyView(body);
}
// the runs a query asks for (q, status, …), merged into what the page holds; their ids, in the server's order
async function findRuns(params) {
  const { body, headers } = await getJson('/api/v1/runs?' + new URLSearchParams(params));
  body.forEach((s) => runs.set(s.runId, Object.assign(runs.get(s.runId) || {}, s)));
  return { ids: body.map((s) => s.runId), total: Number(headers.get('X-Total-Count') || body.length), headers };
}
async function loadAll() {
  const { ids, total, headers } = await findRuns({ limit: PAGE });
  totalRuns = total;
  const body = ids.map((id) => runs.get(id));
  if (!selected && body.length) selected = body[0].runId;
  if (selected) await loadRun(selected);
  for (const id of compared) await loadRun(id);
  await loadSweeps();
  renderPicker();
  queueRender();
  return Number(headers.get('X-Stream-Id') || 0);
}

// ---- the live stream ----
function connect(fromId) {
  const source = new EventSource('/api/v1/stream?lastEventId=' + fromId);
  const badge = $('connection');
  source.onopen = () => { badge.textContent = 'live'; badge.className = 'badge live'; };
  source.onerror = () => { badge.textContent = 'reconnecting…'; badge.className = 'badge reconnecting'; };
  source.addEventListener('metrics', (e) => { applyMetrics(JSON.parse(e.data)); queueRender(); });
  source.addEventListener('samples', (e) => {
    const s = JSON.parse(e.data);
    runData(s.runId).samples.add(s.epoch);
    if (s.runId === selected) renderSamples(true);
    if (comparing()) queueRender(); // the comparison's grids
  });
  source.addEventListener('checkpoints', (e) => {
    const c = JSON.parse(e.data);
    runData(c.runId).checkpoints.set(c.epoch, c);
    if (c.runId === selected) renderCheckpoints();
  });
  source.addEventListener('runs', (e) => {
    const r = JSON.parse(e.data);
    const known = runs.get(r.runId) || { runId: r.runId, startedAt: r.timestamp };
    known.status = r.type === 'STARTED' || r.type === 'RESUMED' ? 'RUNNING' : r.type;
    if (r.device) known.device = r.device;
    if (r.config) { known.config = r.config; known.totalEpochs = r.config.epochs; }
    runs.set(r.runId, known);
    if (!selected) selected = r.runId;
    renderPicker();
    queueRender();
  });
  source.addEventListener('reset', async () => { data.clear(); runs.clear(); await loadAll(); });
}

// ---- rendering ----
function queueRender() {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => { renderQueued = false; render(); });
}
function render() {
  renderHooks.forEach((hook) => hook());
  if (comparing()) return;
  $('empty').hidden = runs.size > 0;
  $('main').hidden = runs.size === 0;
  if (!selected) return;
  renderMeta(); renderWarnings(); renderCharts(); renderSamples(false); renderSystem(); renderCheckpoints();
}

// A GAN's own failures, told at once to a person watching: the thresholds of k8s/monitoring's
// alerts (DigitganDiscriminatorDominates, DigitganModeCollapse, DigitganNaNLoss; deploy-tests check
// they are the same numbers)
const WARNINGS = { dFakeFloor: 0.05, dominatedEpochs: 3, entropyFloor: 0.85, classesFloor: 8 };
function classEntropy(shares) {
  const values = Object.values(shares || {});
  const total = values.reduce((a, b) => a + b, 0);
  if (values.length < 2 || total <= 0) return null;
  const h = values.reduce((acc, v) => (v > 0 ? acc - (v / total) * Math.log(v / total) : acc), 0);
  return h / Math.log(values.length);
}
function ganWarnings(run, epochs) {
  const found = [];
  if (run.status === 'FAILED' && /non-finite|NaN|infinite/i.test(run.reason || '')) {
    found.push(['nan', 'A loss became NaN or infinite: the run stopped. ' + run.reason]);
  }
  const last = epochs.slice(-WARNINGS.dominatedEpochs);
  if (last.length === WARNINGS.dominatedEpochs && last.every((e) => e.dFake != null && e.dFake < WARNINGS.dFakeFloor)) {
    found.push(['dominance', 'The discriminator dominates: D(G(z)) below ' + WARNINGS.dFakeFloor + ' for the last '
      + WARNINGS.dominatedEpochs + ' epochs (' + last.map((e) => e.dFake.toFixed(3)).join(', ') + '); the generator gets no gradient.']);
  }
  const measuredEpochs = epochs.filter((e) => served(e) && served(e).classCoverage && Object.keys(served(e).classCoverage).length);
  if (measuredEpochs.length) {
    const newest = measuredEpochs[measuredEpochs.length - 1];
    const shares = served(newest).classCoverage;
    const fair = 1 / Object.keys(shares).length;
    const covered = Object.values(shares).filter((v) => v >= fair / 10).length;
    const entropy = classEntropy(shares);
    if ((entropy != null && entropy < WARNINGS.entropyFloor) || covered < WARNINGS.classesFloor) {
      found.push(['collapse', 'Mode collapse at epoch ' + newest.epoch + ': the samples cover ' + covered + ' of '
        + Object.keys(shares).length + ' classes (class entropy ' + (entropy == null ? '?' : entropy.toFixed(2)) + ').']);
    }
  }
  return found;
}
function renderWarnings() {
  const box = $('warnings');
  const epochs = [...runData(selected).epochs.values()].sort((a, b) => a.epoch - b.epoch);
  const found = ganWarnings(runs.get(selected) || {}, epochs);
  box.innerHTML = '';
  for (const [kind, text] of found) {
    const p = document.createElement('p');
    p.className = 'warning ' + kind;
    p.setAttribute('role', 'alert');
    p.textContent = text;
    box.append(p);
  }
  box.hidden = found.length === 0;
}
function comparing() { return location.hash.startsWith('#compare'); }
function newestFirst() {
  return [...runs.values()].sort((a, b) => String(b.startedAt).localeCompare(String(a.startedAt)));
}
function renderPicker() {
  const picker = $('run-picker');
  const newest = newestFirst();
  // a search shows what it found; else the newest runs; the run shown is always there
  let listed = found ? found.map((id) => runs.get(id)).filter(Boolean) : newest;
  listed = listed.slice(0, PICKER);
  if (selected && !listed.some((r) => r.runId === selected) && runs.has(selected)) listed.unshift(runs.get(selected));
  $('run-count').textContent = found ? found.length + (found.length >= PICKER ? '+' : '') + ' found'
    : totalRuns > listed.length ? listed.length + ' newest of ' + totalRuns : '';
  picker.innerHTML = '';
  for (const r of listed) {
    const o = document.createElement('option');
    o.value = r.runId; o.textContent = r.runId + ' · ' + (r.status || '?');
    o.selected = r.runId === selected;
    picker.appendChild(o);
  }
  const compare = $('compare');
  // a few runs to tick beside the one shown: those ticked, then the newest (the comparison view finds any)
  const ticks = [...[...compared].map((id) => runs.get(id)).filter(Boolean),
    ...listed.filter((r) => r.runId !== selected && !compared.has(r.runId))].slice(0, Math.max(TICKS, compared.size));
  compare.innerHTML = ticks.length ? 'compare:' : '';
  for (const r of ticks) {
    if (r.runId === selected) continue;
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox'; box.checked = compared.has(r.runId);
    box.onchange = async () => {
      if (box.checked) { compared.add(r.runId); await loadRun(r.runId); } else compared.delete(r.runId);
      destroyCharts(); queueRender();
    };
    label.append(box, ' ' + r.runId);
    compare.appendChild(label);
  }
}
function duration(seconds) {
  if (seconds == null || !isFinite(seconds)) return '–';
  const s = Math.round(seconds), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
  return (h ? h + 'h ' : '') + m + 'm ' + (s % 60) + 's';
}
function renderMeta() {
  const r = runs.get(selected) || {};
  const c = r.config || {};
  const m = c.model || {};
  const end = r.status === 'RUNNING' ? Date.now() : Date.parse(r.updatedAt || r.startedAt);
  const elapsed = r.startedAt ? (end - Date.parse(r.startedAt)) / 1000 : null;
  const d = runData(selected);
  const last = d.epochs.size ? Math.max(...d.epochs.keys()) : 0;
  $('run-meta').textContent = [r.status, r.device, 'epoch ' + last + '/' + (r.totalEpochs ?? '?'),
    'width ' + (m.width ?? '?'), m.classes ? 'conditional (' + m.conditioning + ')' : null,
    'batch ' + (c.batchSize ?? '?'), 'seed ' + (c.seed ?? '?'),
    'elapsed ' + duration(elapsed), 'ETA ' + duration(r.etaSeconds),
    // why a run is not training: interrupted (and how to resume it), stopped, failed
    ['INTERRUPTED', 'STOPPED', 'FAILED'].includes(r.status) ? r.reason : null].filter(Boolean).join(' · ');
}

/** The max (or min) of each value and the {@code span} - 1 before it. */
function rolling(values, span, pick) {
  return values.map((_, i) => pick(...values.slice(Math.max(0, i - span + 1), i + 1).filter((v) => v != null)));
}
function ema(values, weight) {
  let last = 0, n = 0;
  return values.map((v) => {
    if (v == null) return null;
    n++; last = last * weight + (1 - weight) * v;
    return last / (1 - Math.pow(weight, n));
  });
}
// joins series given as [xs, ys] pairs on the union of their xs (nulls elsewhere)
function join(series) {
  const xs = [...new Set(series.flatMap((s) => s[0]))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const out = [xs];
  for (const [sx, sy] of series) {
    const col = new Array(xs.length).fill(null);
    sx.forEach((x, i) => { col[index.get(x)] = sy[i]; });
    out.push(col);
  }
  return out;
}
const PALETTE = ['#4fc3f7', '#ff8a65', '#81c784', '#ba68c8', '#ffd54f', '#f06292', '#4db6ac', '#a1887f'];
function chart(name, el, labels, table, opts = {}) {
  const width = Math.max(300, el.clientWidth || 460);
  const key = name + '|' + labels.join(',');
  if (charts[name] && charts[name].key === key) {
    charts[name].plot.setData(table);
  } else {
    if (charts[name]) charts[name].plot.destroy();
    el.innerHTML = '';
    const series = [{ label: opts.x || 'step' }].concat(labels.map((l, i) => {
      const colour = (opts.colours && opts.colours[i]) || PALETTE[i % PALETTE.length];
      const faint = /\((raw|min|max)\)$/.test(l); // what the smoothed curve stands on: drawn thin and pale
      return {
        label: l, stroke: l.includes('floor') ? '#8b98a5' : faint ? colour + '55' : colour, width: faint ? 1 : 1.5,
        spanGaps: true, dash: l.includes('floor') ? [6, 4] : undefined,
        points: { show: !faint && (opts.points ?? (!l.includes('floor') && (l.includes('epoch') || l.includes('FID') || l.includes('score')))) },
      };
    }));
    const y = opts.logY ? { distr: 3 } : {};
    // bands: [max label, min label, colour] pairs filled between, as min/max envelopes
    const bands = (opts.bands || []).map(([hi, lo, colour]) => ({
      series: [labels.indexOf(hi) + 1, labels.indexOf(lo) + 1], fill: colour + '22' }));
    // a synced, click-lockable cursor: every chart of the group reads the same x
    const cursor = opts.sync ? { sync: { key: opts.sync }, lock: true } : {};
    const plot = new uPlot({ width, height: 220, series, bands, cursor, scales: { x: { time: false }, y },
                             axes: [{ stroke: '#8b98a5' }, { stroke: '#8b98a5', size: 60 }] }, table, el);
    charts[name] = { plot, key };
    // a click on the plot picks the x under the cursor (an epoch, on the quality charts)
    if (opts.onPick) plot.over.addEventListener('click', () => { const i = plot.cursor.idx; if (i != null) opts.onPick(plot.data[0][i]); });
  }
  el.dataset.points = String(table[0].length);
}
function destroyCharts() { Object.values(charts).forEach((c) => c.plot.destroy()); charts = {}; }
function sorted(map) { return [...map.values()].sort((a, b) => a.step - b.step); }

function renderCharts() {
  const w = Number($('smoothing').value);
  const d = runData(selected);
  const progress = sorted(d.progress);
  const epochs = sorted(d.epochs);
  const px = progress.map((p) => p.step), ex = epochs.map((e) => e.step);
  // smoothed in front, the raw points faint behind (smoothing hides spikes that matter in a GAN)
  const gRaw = progress.map((p) => p.genLoss), dRaw = progress.map((p) => p.discLoss);
  const lossSeries = [
    [px, ema(gRaw, w)], [px, ema(dRaw, w)], [ex, epochs.map((e) => e.genLoss)], [ex, epochs.map((e) => e.discLoss)],
    [px, gRaw], [px, dRaw]];
  const lossLabels = ['G loss', 'D loss', 'G loss (epoch)', 'D loss (epoch)', 'G loss (raw)', 'D loss (raw)'];
  const colours = [PALETTE[0], PALETTE[1], PALETTE[2], PALETTE[3], PALETTE[0], PALETTE[1]];
  const bands = [];
  if ($('envelope').checked) { // the spread of the raw values over the smoothing's window
    const span = Math.max(2, Math.round(1 / (1 - w)));
    for (const [name, raw, colour] of [['G loss', gRaw, PALETTE[0]], ['D loss', dRaw, PALETTE[1]]]) {
      lossSeries.push([px, rolling(raw, span, Math.max)], [px, rolling(raw, span, Math.min)]);
      lossLabels.push(name + ' (max)', name + ' (min)');
      colours.push(colour, colour);
      bands.push([name + ' (max)', name + ' (min)', colour]);
    }
  }
  for (const id of compared) {
    const other = sorted(runData(id).epochs);
    lossSeries.push([other.map((e) => e.step), other.map((e) => e.genLoss)]);
    lossSeries.push([other.map((e) => e.step), other.map((e) => e.discLoss)]);
    lossLabels.push(id + ' G (epoch)', id + ' D (epoch)');
    colours.push(undefined, undefined);
  }
  chart('loss', $('chart-loss'), lossLabels, join(lossSeries), { colours, bands });
  $('chart-loss').dataset.epochs = String(epochs.length);
  chart('d', $('chart-d'), ['D(x)', 'D(G(z))', 'D(x) (epoch)', 'D(G(z)) (epoch)'], join([
    [px, ema(progress.map((p) => p.dReal), w)], [px, ema(progress.map((p) => p.dFake), w)],
    [ex, epochs.map((e) => e.dReal)], [ex, epochs.map((e) => e.dFake)]]));
  chart('noise', $('chart-noise'), ['σ (epoch)'], join([[epochs.map((e) => e.epoch), epochs.map((e) => e.noiseStd)]]), { x: 'epoch' });
  chart('speed', $('chart-speed'), ['images/s', 'images/s (epoch)'], join([
    [px, progress.map((p) => p.imagesPerSecond)], [ex, epochs.map((e) => e.imagesPerSecond)]]));
  renderQuality(epochs.filter((e) => measured(e.quality) || measured(e.emaQuality)));
}

function measured(q) { return q && (q.fid != null || q.mnistScore != null); }
// the figures of the weights the generator serves: the averaged generator's when the run keeps one
function served(e) { return measured(e.emaQuality) ? e.emaQuality : e.quality; }

// FID-MNIST and MNIST score per measured epoch, of the trained (raw) generator and of its moving
// average when the run keeps one, each beside the real-data floor (dashed), and the newest
// measurement's digit shares as bars: a collapsed generator shows as a few tall bars.
function renderQuality(quality) {
  $('quality-panel').hidden = quality.length === 0;
  if (!quality.length) return;
  const title = datasetTitle(selected);
  const fidName = 'FID-' + title;
  $('fid-name').textContent = fidName;
  $('score-name').textContent = title + ' score';
  const qx = quality.map((e) => e.epoch);
  const pick = (which, f) => quality.map((e) => (e[which] ? f(e[which]) ?? null : null));
  const floor = (f) => quality.map((e) => (served(e).floor ? f(served(e).floor) ?? null : null));
  const averaged = quality.some((e) => measured(e.emaQuality));
  const series = (f, name) => {
    const labels = [name + (averaged ? ' raw' : ' (epoch)')];
    const data = [[qx, pick('quality', f)]];
    if (averaged) { labels.push(name + ' averaged'); data.push([qx, pick('emaQuality', f)]); }
    labels.push('real-data floor');
    data.push([qx, floor(f)]);
    return [labels, join(data)];
  };
  const [fidLabels, fidData] = series((q) => q.fid, fidName);
  chart('fid', $('chart-fid'), fidLabels, fidData, { x: 'epoch', logY: true, onPick: pickEpoch });
  const [scoreLabels, scoreData] = series((q) => q.mnistScore, title + ' score');
  chart('score', $('chart-score'), scoreLabels, scoreData, { x: 'epoch', onPick: pickEpoch });
  const newest = quality.at(-1);
  const newestQ = served(newest);
  renderAccuracy(quality, qx, newestQ);
  const shares = newestQ.classCoverage || {};
  const bars = $('coverage-bars');
  bars.innerHTML = '';
  const top = Math.max(0.2, ...Object.values(shares));
  const names = classNames(selected);
  for (let d = 0; d <= 9; d++) {
    const share = shares[String(d)] ?? 0;
    const bar = document.createElement('div');
    bar.className = 'bar' + (share < 0.05 ? ' low' : '');
    bar.title = names[d] + ': ' + (100 * share).toFixed(1) + ' %';
    bar.dataset.digit = String(d);
    bar.innerHTML = '<span style="height:' + (100 * share / top).toFixed(1) + '%"></span><b>' + d + '</b>';
    bars.append(bar);
  }
  renderClassHistory(quality);
  renderConfusion(quality);
  const q = newestQ;
  $('coverage-label').textContent = 'epoch ' + newest.epoch + (newestQ === newest.emaQuality ? ' (averaged generator)' : '') + ': ' + (q.digitsCovered ?? '–') + '/10 digits covered'
    + (q.samples ? ' on ' + q.samples + ' samples' : '') + (q.seconds != null ? ', measured in ' + q.seconds.toFixed(1) + ' s' : '')
    + (q.floor && q.floor.fid != null ? ' | real data: FID ' + q.floor.fid.toFixed(2) + ', score ' + q.floor.mnistScore.toFixed(2) : '');
}

// ---- per-class views: heat maps as tables (a cell per class; its shade is the share, its title the number) ----
function heatCell(share, scale, text) {
  const td = document.createElement('td');
  const level = Math.max(0, Math.min(1, share / scale));
  td.style.background = 'rgba(79, 195, 247, ' + level.toFixed(3) + ')';
  td.dataset.share = share.toFixed(4);
  td.textContent = text;
  return td;
}
function heatHead(table, corner, names) {
  const head = document.createElement('tr');
  [corner, ...names].forEach((n) => { const th = document.createElement('th'); th.textContent = n; head.append(th); });
  table.append(head);
}
/** Every measured epoch's class shares, a row each: mode collapse shows as columns going dark. */
function renderClassHistory(quality) {
  const table = $('class-history');
  const names = classNames(selected);
  table.innerHTML = '';
  heatHead(table, 'epoch', names);
  for (const e of quality) {
    const shares = served(e).classCoverage || {};
    const tr = document.createElement('tr');
    tr.dataset.epoch = String(e.epoch);
    const th = document.createElement('th'); th.textContent = e.epoch; tr.append(th);
    for (let d = 0; d < names.length; d++) {
      const share = shares[String(d)] ?? 0;
      const td = heatCell(share, 2 / names.length, ''); // full colour at twice the fair share
      td.title = 'epoch ' + e.epoch + ', ' + names[d] + ': ' + (100 * share).toFixed(1) + ' %';
      if (share < 0.5 / names.length) td.classList.add('low');
      tr.append(td);
    }
    table.append(tr);
  }
}
/** A conditional run's confusion matrix at the picked epoch (else its newest measured one). */
function renderConfusion(quality) {
  const withMatrix = quality.filter((e) => served(e).confusion);
  $('confusion-block').hidden = withMatrix.length === 0;
  if (!withMatrix.length) return;
  const at = withMatrix.find((e) => e.epoch === chosenEpoch) || withMatrix.at(-1);
  const matrix = served(at).confusion;
  const names = classNames(selected);
  $('confusion-title').textContent = 'Confusion at epoch ' + at.epoch + ': each class asked (row) and what the evaluator read'
    + ' (column); pick another epoch on a chart';
  const table = $('confusion');
  table.dataset.epoch = String(at.epoch);
  table.innerHTML = '';
  heatHead(table, 'asked ↓ read →', names);
  for (let a = 0; a < names.length; a++) {
    const row = matrix[String(a)];
    if (!row) continue;
    const tr = document.createElement('tr');
    tr.dataset.asked = String(a);
    const th = document.createElement('th'); th.textContent = names[a]; tr.append(th);
    for (let r = 0; r < names.length; r++) {
      const share = row[String(r)] ?? 0;
      const td = heatCell(share, 1, share >= 0.005 ? (100 * share).toFixed(0) : '');
      td.title = names[a] + ' asked, read as ' + names[r] + ': ' + (100 * share).toFixed(1) + ' %';
      if (a === r) td.classList.add('diagonal');
      tr.append(td);
    }
    table.append(tr);
  }
}

// a conditional run's class accuracy per measured epoch (raw and averaged), beside the evaluator's
// accuracy on real test digits, and the newest measurement's accuracy per digit as bars
function renderAccuracy(quality, qx, newestQ) {
  const conditional = quality.some((e) => served(e).classAccuracy != null);
  $('accuracy-block').hidden = !conditional;
  if (!conditional) return;
  const pick = (which) => quality.map((e) => (e[which] && e[which].classAccuracy != null ? e[which].classAccuracy : null));
  const labels = ['class accuracy raw'];
  const rows = [[qx, pick('quality')]];
  if (quality.some((e) => e.emaQuality && e.emaQuality.classAccuracy != null)) {
    labels.push('class accuracy averaged'); rows.push([qx, pick('emaQuality')]);
  }
  labels.push('evaluator on real digits');
  rows.push([qx, quality.map((e) => (served(e).floor && served(e).floor.classAccuracy != null ? served(e).floor.classAccuracy : null))]);
  chart('accuracy', $('chart-accuracy'), labels, join(rows), { x: 'epoch', onPick: pickEpoch });
  const byClass = newestQ.classAccuracyByClass || {};
  const bars = $('accuracy-bars');
  bars.innerHTML = '';
  const names = classNames(selected);
  for (let d = 0; d <= 9; d++) {
    const share = byClass[String(d)];
    if (share == null) continue;
    const bar = document.createElement('div');
    bar.className = 'bar' + (share < 0.97 ? ' low' : '');
    bar.title = names[d] + ': ' + (100 * share).toFixed(1) + ' % read as ' + names[d];
    bar.dataset.digit = String(d);
    bar.innerHTML = '<span style="height:' + (100 * share).toFixed(1) + '%"></span><b>' + d + '</b>';
    bars.append(bar);
  }
}

// what a run learns (its config's dataset; absent: MNIST) and its classes' names, from its newest
// checkpoint event that names them (a conditional run's), else the label numbers
const DATASET_TITLES = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' };
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
function datasetOf(runId) { return (((runs.get(runId) || {}).config || {}).dataset) || 'mnist'; }
function datasetTitle(runId) { return DATASET_TITLES[datasetOf(runId)] || datasetOf(runId); }
function classNames(runId) {
  const named = [...runData(runId).checkpoints.values()].filter((c) => c.model && c.model.classes);
  return named.length ? named.at(-1).model.classes : DIGITS;
}

function sampleEpochs() { return [...runData(selected).samples].sort((a, b) => a - b); }
function renderSamples(arrived) {
  const epochs = sampleEpochs();
  const slider = $('sample-slider');
  const atEnd = Number(slider.value) >= Number(slider.max);
  const fresh = samplesShownFor !== selected;
  slider.max = String(Math.max(0, epochs.length - 1));
  if ((fresh || (arrived && atEnd)) && !playTimer) slider.value = slider.max;
  if (epochs.length) samplesShownFor = selected;
  const model = ((runs.get(selected) || {}).config || {}).model || {};
  $('sample-rows').hidden = !model.classes;
  $('sample-rows').textContent = datasetOf(selected) === 'mnist'
    ? 'one row per digit, 0 at the top: the same noise down each column'
    : 'one row per class, ' + classNames(selected)[0] + ' at the top: the same noise down each column';
  if (!epochs.length) { $('sample').hidden = true; $('sample-label').textContent = 'no samples yet'; return; }
  showSample(epochs);
}
function showSample(epochs) {
  const i = Math.min(Number($('sample-slider').value), epochs.length - 1);
  const src = '/api/v1/runs/' + encodeURIComponent(selected) + '/samples/' + epochs[i] + '.png';
  const img = $('sample');
  if (img.getAttribute('src') !== src) img.src = src;
  img.hidden = false;
  $('sample-label').textContent = 'epoch ' + epochs[i] + ' (' + (i + 1) + ' of ' + epochs.length + ')';
}
function renderSystem() {
  const s = runData(selected).system.at(-1);
  const dl = $('system');
  const r = runs.get(selected) || {};
  const mb = (b) => (b == null ? '–' : (b / 1048576).toFixed(0) + ' MB');
  const rows = [['device', (s && s.system.device) || r.device || '–']];
  if (s) {
    rows.push(['process CPU', (100 * s.system.processCpu).toFixed(0) + ' %'],
      ['JVM heap', mb(s.system.heapUsedBytes) + ' of ' + mb(s.system.heapMaxBytes)],
      ['resident (heap + native)', mb(s.system.residentBytes)]);
    if (s.system.gpuMemoryBytes != null) rows.push(['GPU memory', mb(s.system.gpuMemoryBytes)]);
    rows.push(['as of', new Date(s.timestamp).toLocaleTimeString()]);
  }
  dl.innerHTML = '';
  for (const [k, v] of rows) { const dt = document.createElement('dt'); dt.textContent = k; const dd = document.createElement('dd'); dd.textContent = v; dl.append(dt, dd); }
}
function renderCheckpoints() {
  const body = $('checkpoints');
  body.innerHTML = '';
  const list = [...runData(selected).checkpoints.values()].sort((a, b) => b.epoch - a.epoch);
  // the newest event names the run's best checkpoint so far (lowest FID)
  const best = list.length && list[0].best ? list[0].best.epoch : null;
  for (const c of list) {
    const tr = document.createElement('tr');
    const isServing = serving && serving.runId === c.runId && serving.epoch === c.epoch;
    const held = serving && (serving.held || []).find((h) => h.runId === c.runId && h.epoch === c.epoch);
    if (isServing) tr.className = 'serving';
    if (held) tr.classList.add('held');
    if (c.epoch === best) tr.classList.add('best');
    if (c.epoch === chosenEpoch) tr.classList.add('chosen');
    tr.dataset.epoch = String(c.epoch);
    tr.onclick = () => pickEpoch(c.epoch);
    const q = measured(c.emaQuality) ? c.emaQuality : c.quality;
    const raw = q === c.emaQuality && measured(c.quality) ? ' (raw ' + c.quality.fid.toFixed(2) + ')' : '';
    const fid = q && q.fid != null ? q.fid.toFixed(2) + raw + (c.epoch === best ? ' ★ best' : '') : '–';
    [c.epoch, fid, (c.sizeBytes / 1048576).toFixed(1) + ' MB', c.sha256.slice(0, 12),
     new Date(c.createdAt).toLocaleTimeString(),
     isServing ? '← generator serves this' : held ? 'held back: ' + held.reason + ' (pin to serve it)' : '']
      .forEach((v) => { const td = document.createElement('td'); td.textContent = v; tr.appendChild(td); });
    if (!isServing) {
      const serve = document.createElement('button');
      serve.type = 'button'; serve.className = 'serve'; serve.textContent = 'serve this';
      serve.title = 'pin epoch ' + c.epoch + ' of ' + c.runId + ' in the generator until unpinned';
      serve.onclick = (e) => { e.stopPropagation(); serveCheckpoint(c.runId, c.epoch); };
      tr.lastChild.append(' ', serve);
    }
    body.appendChild(tr);
  }
}

// ---- picking a checkpoint: from a quality chart's point or a table row; serving it ----
function pickEpoch(epoch) {
  chosenEpoch = epoch;
  const epochs = sampleEpochs();
  const at = epochs.filter((e) => e <= epoch).length - 1; // its grid, or the newest before it
  if (at >= 0) { $('sample-slider').value = String(at); showSample(epochs); }
  const c = runData(selected).checkpoints.get(epoch);
  const box = $('chosen-checkpoint');
  box.innerHTML = '';
  if (!c) { box.textContent = 'epoch ' + epoch + ' has no checkpoint'; renderCheckpoints(); queueRender(); return; }
  const q = measured(c.emaQuality) ? c.emaQuality : c.quality;
  box.append('epoch ' + epoch + ' chosen' + (q && q.fid != null ? ': FID ' + q.fid.toFixed(2) : '') + ' ');
  const serve = document.createElement('button');
  serve.type = 'button'; serve.id = 'serve-chosen'; serve.textContent = 'serve this';
  serve.onclick = () => serveCheckpoint(c.runId, c.epoch);
  box.append(serve);
  renderCheckpoints();
  queueRender(); // the confusion matrix follows the picked epoch
}
/** Pins a checkpoint in the generator, through this server, with the operator's token; the answer as text. */
async function pin(runId, epoch, token) {
  const r = await fetch('/api/v1/generator/pin', { method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token }, body: JSON.stringify({ runId, epoch }) });
  if (!r.ok) return { ok: false, text: 'not pinned: ' + await problemText(r) };
  const model = await r.json();
  return { ok: true, text: 'the generator serves ' + model.runId + ', epoch ' + model.epoch + ' (pinned)' };
}
async function serveCheckpoint(runId, epoch) {
  const token = $('serve-token').value.trim();
  const box = $('serve-message');
  if (!token) { box.textContent = 'serving needs the operator token (the generator\'s API token)'; $('serve-token').focus(); return; }
  sessionStorage.setItem('digitgan-token', token); // this tab only, never beyond it
  box.textContent = 'serving ' + runId + ', epoch ' + epoch + '…';
  box.textContent = (await pin(runId, epoch, token)).text;
  pollServing();
}
async function problemText(r) {
  try { const p = await r.json(); return p.detail || p.title || ('HTTP ' + r.status); } catch { return 'HTTP ' + r.status; }
}
async function pollServing() {
  try {
    const r = await fetch('/api/v1/generator/model');
    if (r.ok) {
      serving = await r.json();
      fillDigitPicker(serving);
      $('serving').textContent = 'generator serves ' + serving.runId + ', epoch ' + serving.epoch
        + (serving.weights === 'ema' ? ' (averaged weights)' : serving.weights === 'raw' ? ' (raw weights)' : '');
    } else {
      serving = null;
      $('serving').textContent = 'generator not ready: ' + await problemText(r);
    }
  } catch (e) {
    serving = null; $('serving').textContent = 'dashboard unreachable';
  }
  if (selected) renderCheckpoints();
}

// the digit picker of the generate panel: the served model's classes by name (a conditional
// model's, or its dataset's, which the generator then finds by rejection sampling)
let digitPickerFor = null;
function fillDigitPicker(serving) {
  const names = serving.classNames || (serving.conditional && serving.classes) || DIGITS;
  const key = serving.digitSampling + ':' + names.join(',');
  if (key === digitPickerFor) return;
  digitPickerFor = key;
  const picker = $('digit');
  const chosen = picker.value;
  picker.innerHTML = '<option value="">any</option>';
  names.forEach((name, i) => {
    const option = document.createElement('option');
    option.value = String(i); option.textContent = name;
    picker.append(option);
  });
  picker.value = chosen;
  picker.title = serving.digitSampling === 'rejection' ? 'the model draws any digit: the generator keeps those the evaluator reads as this one' : '';
}

// ---- controls ----
// the sweeps the runs were trained in (GET /api/v1/sweeps): a filter of the list, and its runs to compare
async function loadSweeps() {
  let sweeps = [];
  try { sweeps = (await getJson('/api/v1/sweeps')).body; } catch (e) { /* the list works without */ }
  const picker = $('run-sweep'), chosen = picker.value;
  picker.replaceChildren(new Option('any sweep', ''), ...sweeps.map((s) => new Option(s.name + ' (' + s.runs + ')', s.name)));
  picker.value = sweeps.some((s) => s.name === chosen) ? chosen : '';
  picker.hidden = sweeps.length === 0;
  $('compare-sweep').hidden = !picker.value;
}
let searchTimer = null;
async function search() {
  const q = $('run-search').value.trim(), status = $('run-status').value, sweep = $('run-sweep').value;
  if (!q && !status && !sweep) { found = null; renderPicker(); return; }
  try { found = (await findRuns({ q, status, sweep, limit: PICKER })).ids; } catch (e) { found = []; }
  renderPicker();
}
$('run-sweep').onchange = () => { $('compare-sweep').hidden = !$('run-sweep').value; search(); };
$('compare-sweep').onclick = async () => {
  const { ids } = await findRuns({ sweep: $('run-sweep').value, sort: 'fid', limit: 20 });
  location.hash = '#compare=' + ids.map(encodeURIComponent).join(',');
};
$('run-search').oninput = () => { clearTimeout(searchTimer); searchTimer = setTimeout(search, 200); };
$('run-status').onchange = search;
// the list as the server has it now: new runs, and runs whose trainer went away (INTERRUPTED)
async function refreshRuns() {
  try {
    totalRuns = (await findRuns({ limit: PAGE })).total;
    await loadSweeps();
    if (found) await search(); else renderPicker();
    queueRender();
  }
  catch (e) { /* the stream's badge says the dashboard is unreachable */ }
}
$('run-picker').onchange = async (e) => {
  selected = e.target.value; compared.delete(selected);
  chosenEpoch = null; $('chosen-checkpoint').textContent = ''; $('serve-message').textContent = '';
  await loadRun(selected); destroyCharts(); renderPicker();
  renderSamples(true); queueRender();
};
$('serve-token').value = sessionStorage.getItem('digitgan-token') || '';
$('serve-token').onchange = () => sessionStorage.setItem('digitgan-token', $('serve-token').value.trim());
$('envelope').onchange = () => { destroyCharts(); queueRender(); };
$('smoothing').oninput = () => { $('smoothing-value').textContent = Number($('smoothing').value).toFixed(2); queueRender(); };
$('sample-slider').oninput = () => showSample(sampleEpochs());
$('play').onclick = () => {
  if (playTimer) { clearInterval(playTimer); playTimer = null; $('play').textContent = '▶ play'; return; }
  const slider = $('sample-slider');
  if (Number(slider.value) >= Number(slider.max)) slider.value = '0';
  $('play').textContent = '❚❚ pause';
  playTimer = setInterval(() => {
    if (Number(slider.value) >= Number(slider.max)) { $('play').onclick(); return; }
    slider.value = String(Number(slider.value) + 1); showSample(sampleEpochs());
  }, 350);
};
$('generate-form').onsubmit = async (e) => {
  e.preventDefault();
  const params = new URLSearchParams({ count: $('count').value || '16' });
  if ($('seed').value) params.set('seed', $('seed').value);
  if ($('by-class').checked) {
    params.set('layout', 'classes');
    params.set('count', String(Math.min(Number($('count').value) || 8, 25)));
  } else if ($('digit').value !== '') {
    params.set('digit', $('digit').value);
  }
  $('generate-message').textContent = 'generating…';
  const r = await fetch('/api/v1/generator/digits.png?' + params);
  if (!r.ok) {
    $('generated').hidden = true;
    $('generate-message').textContent = (r.status === 503 ? 'The generator is not ready: ' : 'Could not generate: ') + await problemText(r);
    return;
  }
  const img = $('generated');
  if (img.src.startsWith('blob:')) URL.revokeObjectURL(img.src);
  img.src = URL.createObjectURL(await r.blob());
  img.hidden = false;
  const sampling = r.headers.get('X-Digit-Sampling');
  const tries = r.headers.get('X-Digit-Tries');
  $('generate-message').textContent = 'seed ' + r.headers.get('X-Seed') + ' · run ' + r.headers.get('X-Model-Run') + ', epoch ' + r.headers.get('X-Model-Epoch')
    + (sampling === 'rejection' ? ' · found by rejection sampling in ' + tries + ' tries' : sampling ? ' · drawn by the conditional model' : '');
};
window.addEventListener('resize', () => { destroyCharts(); queueRender(); });

(async () => {
  let from = 0;
  try { from = await loadAll(); } catch (e) { $('run-meta').textContent = 'could not load runs: ' + e.message; }
  render();
  connect(from);
  pollServing();
  setInterval(pollServing, 5000);
  setInterval(() => { if (selected) renderMeta(); }, 1000);
  setInterval(refreshRuns, 30000);
})();
