// The report page: every figure is fetched from the ledger's own API, so the page shows what the API says.
'use strict';

const $ = (id) => document.getElementById(id);
const DAY = 86400000;
const toDay = (iso) => Math.round(Date.parse(iso + 'T00:00:00Z') / DAY);
const fromDay = (n) => new Date(n * DAY).toISOString().slice(0, 10);
const fmt = (n) => n == null ? '–' : Number(n).toLocaleString('en-US');
const MODELS = { JEM: 'Jail Enforcement Model', TFM: 'Task Force Model', WSO: 'Warrant Service Officer' };
// the codes UsState.isTerritory() names: counted as territories, not states, in `territories`
const TERRITORIES = new Set(['AS', 'GU', 'MP', 'PR', 'VI']);

let chart;
let claims = [];
const state = { asOf: null, knownAt: '' };

function params(extra) {
  const p = new URLSearchParams(extra);
  if (state.knownAt) p.set('knownAt', state.knownAt);
  return p.toString();
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// the most events any report of the current refresh said it lacks (Ledger-Behind), and the position it reflected
let behind = null;

class NotReady extends Error {}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await response.json();
  // the ledger started loading again (or failed): the page waits for it rather than show a half-loaded ledger
  if (response.status === 503) throw new NotReady(body.detail || body.title);
  if (!response.ok) throw new Error(body.detail || body.title || response.statusText);
  const lacking = response.headers.get('Ledger-Behind');
  if (lacking && (!behind || Number(lacking) > behind.events)) {
    behind = { events: Number(lacking), position: response.headers.get('Ledger-Position') };
  }
  return body;
}

function showBehind() {
  const banner = $('behind-banner');
  banner.hidden = !behind;
  banner.textContent = behind
    ? `These figures reflect the ledger up to event ${fmt(behind.position)}: ${fmt(behind.events)} more event(s) are stored but not counted yet. Reload in a moment.`
    : '';
}

// "loading ICE's archive: 37 of 124 files…", then the pace and the time left when known
function loadingText(status) {
  const l = status.loading || {};
  const doing = status.task || 'loading';
  const head = doing.charAt(0).toUpperCase() + doing.slice(1);
  const files = l.filesTotal ? `${fmt(l.filesDone)} of ${fmt(l.filesTotal)} files…` : 'starting…';
  const pace = [];
  if (l.rowsPerSecond) pace.push(`${fmt(l.rowsPerSecond)} rows/s`);
  if (l.etaSeconds != null) pace.push(`about ${Math.floor(l.etaSeconds / 60)}:${String(l.etaSeconds % 60).padStart(2, '0')} left`);
  return { text: `${head}: ${files}`, detail: (pace.length ? pace.join(', ') + '. ' : '')
    + 'The figures appear when it is done; until then the ledger answers no report.' };
}

function showLoading(state, text, detail) {
  const banner = $('loading-banner');
  banner.dataset.state = state;
  banner.replaceChildren(text);
  if (detail) {
    const small = document.createElement('span');
    small.className = 'detail';
    small.textContent = detail;
    banner.appendChild(small);
  }
  banner.hidden = false;
}

// Waits, polling api/status, until the ledger answers reports; says meanwhile how far loading has got.
async function ledgerReady() {
  for (;;) {
    let status;
    try {
      const response = await fetch('api/status', { headers: { Accept: 'application/json' } });
      status = await response.json();
    } catch (e) {
      showLoading('unreachable', 'The ledger does not answer yet; trying again…', String(e.message || e));
      await sleep(2000);
      continue;
    }
    notice(status);
    if (status.state === 'ready') {
      $('loading-banner').hidden = true;
      $('loading-banner').dataset.state = 'ready';
      return;
    }
    if (status.state === 'unavailable') {
      showLoading('unavailable', 'The ledger\'s database is being restarted; trying again…', status.message);
      await sleep(2000);
      continue;
    }
    if (status.state === 'failed') {
      showLoading('failed', `The ledger could not finish ${status.task || 'loading'}.`,
        `${status.reason}. It answers no report until it is restarted.`);
      await sleep(10000);
      continue;
    }
    const { text, detail } = loadingText(status);
    showLoading('loading', text, detail);
    await sleep(1000);
  }
}

function cell(tr, text, className) {
  const td = document.createElement('td');
  td.textContent = text == null ? '' : text;
  if (className) td.className = className;
  tr.appendChild(td);
  return td;
}

function showError(e) {
  $('error').textContent = e ? String(e.message || e) : '';
  $('error').hidden = !e;
}

function notice(body) {
  if (body && body.synthetic) {
    $('synthetic-banner').textContent = body.notice;
    $('synthetic-banner').hidden = false;
  }
}

// a vertical line for each published figure's day and a solid one for the day chosen
const markers = {
  id: 'markers',
  afterDatasetsDraw(c) {
    const x = c.scales.x, area = c.chartArea, ctx = c.ctx;
    ctx.save();
    const days = [...new Set(claims.map((claim) => claim.date))].sort();
    days.forEach((d, i) => {
      const px = x.getPixelForValue(toDay(d));
      if (px < area.left || px > area.right) return;
      ctx.strokeStyle = '#8a93a3'; ctx.setLineDash([4, 4]); ctx.lineWidth = 1;
      ctx.beginPath(); ctx.moveTo(px, area.top); ctx.lineTo(px, area.bottom); ctx.stroke();
      ctx.setLineDash([]); ctx.fillStyle = '#5b6575'; ctx.font = '11px system-ui, sans-serif';
      // labels of neighbouring days alternate sides of their line so they do not overprint
      ctx.save(); ctx.translate(i % 2 ? px + 11 : px - 3, area.top + 4); ctx.rotate(-Math.PI / 2); ctx.textAlign = 'right';
      ctx.fillText(d, 0, 0); ctx.restore();
    });
    if (state.asOf) {
      const px = x.getPixelForValue(toDay(state.asOf));
      if (px >= area.left && px <= area.right) {
        ctx.strokeStyle = '#1d2430'; ctx.lineWidth = 1.5;
        ctx.beginPath(); ctx.moveTo(px, area.top); ctx.lineTo(px, area.bottom); ctx.stroke();
      }
    }
    ctx.restore();
  },
};

async function drawTimeline() {
  const to = [state.asOf, new Date().toISOString().slice(0, 10)].sort().pop();
  const timeline = await api('api/reports/timeline?' + params({ from: '2019-01-01', to, step: 'week' }));
  const agencies = timeline.points.map((p) => ({ x: toDay(p.date), y: p.agencies }));
  const agreements = timeline.points.map((p) => ({ x: toDay(p.date), y: p.agreements }));
  if (chart) {
    chart.options.scales.x.min = agencies[0].x;
    chart.options.scales.x.max = agencies[agencies.length - 1].x;
    chart.data.datasets[0].data = agencies;
    chart.data.datasets[1].data = agreements;
    chart.update();
    return;
  }
  chart = new Chart($('timeline-chart'), {
    type: 'line',
    data: { datasets: [
      { label: 'Agencies', data: agencies, borderColor: '#1f5fa8', backgroundColor: '#1f5fa8', pointRadius: 0, borderWidth: 2, tension: 0 },
      { label: 'Agreements', data: agreements, borderColor: '#c2571a', backgroundColor: '#c2571a', pointRadius: 0, borderWidth: 2, tension: 0 },
    ] },
    options: {
      animation: false, maintainAspectRatio: false, parsing: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: { type: 'linear', min: agencies[0].x, max: agencies[agencies.length - 1].x, ticks: { callback: (v) => fromDay(v).slice(0, 7), maxTicksLimit: 10 }, grid: { display: false } },
        y: { beginAtZero: true, ticks: { callback: (v) => fmt(v) } },
      },
      plugins: {
        legend: { position: 'top', align: 'end' },
        tooltip: { callbacks: { title: (items) => fromDay(items[0].parsed.x) } },
      },
      onClick: (event, elements) => {
        if (elements.length) setAsOf(fromDay(chart.data.datasets[0].data[elements[0].index].x));
      },
    },
    plugins: [markers],
  });
}

async function showCounts() {
  const counts = await api('api/reports/counts?' + params({ asOf: state.asOf }));
  notice(counts);
  $('figure-agreements').textContent = fmt(counts.agreements);
  $('figure-agencies').textContent = fmt(counts.agencies);
  $('figure-states').textContent = fmt(counts.states);
  $('figure-territories').textContent = fmt(counts.territories);
  $('figure-pending').textContent = fmt(counts.pendingAgencies);
  $('figures-caption').textContent = `In force on ${counts.asOf}, as the record stood on ${counts.knownAt}.`;
  const stateBody = $('by-state').tBodies[0];
  stateBody.replaceChildren();
  const states = Object.entries(counts.byState).sort((a, b) => b[1].agreements - a[1].agreements || a[0].localeCompare(b[0]));
  for (const [code, tally] of states) {
    const tr = document.createElement('tr');
    tr.dataset.state = code;
    cell(tr, TERRITORIES.has(code) ? `${code} (territory)` : code);
    cell(tr, fmt(tally.agreements), 'num'); cell(tr, fmt(tally.agencies), 'num');
    tr.addEventListener('click', () => showAgreements(code, tr));
    stateBody.appendChild(tr);
  }
  if (!states.length) {
    const tr = document.createElement('tr'); cell(tr, 'No agreement in force on this day.'); stateBody.appendChild(tr);
  }
  const modelBody = $('by-model').tBodies[0];
  modelBody.replaceChildren();
  for (const [model, n] of Object.entries(counts.byModel)) {
    const tr = document.createElement('tr');
    tr.dataset.model = model;
    cell(tr, `${MODELS[model]} (${model})`); cell(tr, fmt(n), 'num');
    cell(tr, counts.agreements ? (100 * n / counts.agreements).toFixed(1) + '%' : '–', 'num');
    modelBody.appendChild(tr);
  }
  return counts;
}

async function showAgreements(code, row) {
  document.querySelectorAll('#by-state tr.selected').forEach((tr) => tr.classList.remove('selected'));
  row.classList.add('selected');
  const page = await api('api/agreements?' + params({ asOf: state.asOf, state: code, size: 200 }));
  $('agreements-title').textContent = `Agreements in force in ${code} on ${page.asOf}`;
  const body = $('agreements').tBodies[0];
  body.replaceChildren();
  for (const a of page.agreements) {
    const tr = document.createElement('tr');
    tr.dataset.agreementId = a.agreementId;
    cell(tr, a.agencyName); cell(tr, a.model); cell(tr, a.signedOn || 'undated');
    tr.addEventListener('click', () => showHistory(a.agreementId, tr));
    body.appendChild(tr);
  }
  $('agreements-more').textContent = page.total > page.agreements.length
    ? `Showing the first ${page.agreements.length} of ${fmt(page.total)} (all of them: api/agreements?format=csv).` : `${fmt(page.total)} in all.`;
  $('agreements-card').hidden = false;
  $('history-card').hidden = true;
}


// A source an archive captured says so (event revision 2 on: the capture is data, not words in the title).
function captured(capture) {
  if (!capture) return '';
  return capture.webPageTable
    ? ` (the table on ICE's 287(g) web page as the ${capture.capturedBy} captured it at ${capture.capturedAt},`
      + ` extracted to a workbook by ${capture.extractedBy || 'a third party'})`
    : ` (ICE's spreadsheet as the ${capture.capturedBy} captured it at ${capture.capturedAt})`;
}
function describe(entry) {
  const e = entry.event;
  switch (entry.type) {
    case 'AgreementSigned': return `${e.agencyName} (${e.state}${e.county ? ', ' + e.county : ''}) signed ${MODELS[e.model] || e.model}`;
    case 'SupportModelChanged': return `model ${e.from || ''} → ${e.to}`;
    case 'AgreementWithdrawn': return `withdrawn: ${String(e.reason).toLowerCase().replaceAll('_', ' ')}`;
    case 'AgreementCorrected': return `${e.field} corrected: '${e.oldValue ?? ''}' → '${e.newValue ?? ''}'`;
    case 'AgreementReinstated': return 'reinstated';
    default: return entry.type;
  }
}

async function showHistory(id, row) {
  document.querySelectorAll('#agreements tr.selected').forEach((tr) => tr.classList.remove('selected'));
  row.classList.add('selected');
  const history = await api('api/agreements/' + encodeURIComponent(id) + '/history');
  $('history-title').textContent = 'History of ' + id;
  const agencyId = id.split('#')[0];
  $('history-agency').innerHTML = '';
  const link = document.createElement('a');
  link.href = 'api/agencies/' + encodeURIComponent(agencyId);
  link.textContent = 'the agency\'s record (JSON)';
  $('history-agency').append('Oldest first, as appended. See ', link, '.');
  const body = $('history').tBodies[0];
  body.replaceChildren();
  for (const entry of history) {
    const tr = document.createElement('tr');
    cell(tr, entry.sequenceNumber); cell(tr, entry.type); cell(tr, entry.effectiveOn); cell(tr, entry.knownOn);
    cell(tr, describe(entry)); cell(tr, entry.source ? `${entry.source.kind.toLowerCase()}: ${entry.source.title}${captured(entry.source.capture)}` : '');
    body.appendChild(tr);
  }
  $('history-card').hidden = false;
  $('history-card').dataset.agreementId = id;
  $('history-card').scrollIntoView({ block: 'nearest' });
}

async function showReconciliation() {
  const doc = await api('api/reports/reconciliation?' + params({}));
  claims = doc.lines.map((line) => line.claim);
  $('reconciliation-caption').textContent = doc.recordFrom
    ? `Each figure beside the ledger's for the same day, as known on ${doc.knownAt} (agencies by identity; by printed name: the agencies the list in force prints), beside ICE's list in force that day and the nearest list giving the claimed value. The ledger observed ${doc.recordFrom} to ${doc.recordTo}; a day outside that reads "no data". Difference = claimed − ledger.`
    : `The ledger holds nothing known by ${doc.knownAt}: every figure reads "no data".`;
  const body = $('reconciliation').tBodies[0];
  body.replaceChildren();
  for (const line of doc.lines) {
    const c = line.claim;
    const tr = document.createElement('tr');
    tr.dataset.claim = c.id;
    cell(tr, c.date); cell(tr, c.scope); cell(tr, c.measure); cell(tr, fmt(c.value), 'num');
    cell(tr, fmt(line.ledgerValue), 'num');
    cell(tr, line.difference == null ? '–' : (line.difference > 0 ? '+' : '') + fmt(line.difference), 'num');
    cell(tr, line.verdict, 'verdict ' + line.verdict.replace(' ', '-'));
    cell(tr, fmt(line.ledgerValueByPrintedName), 'num');
    const inForce = cell(tr, line.publication ? line.publication.publishedOn : '–');
    if (line.publication) inForce.title = line.publication.fileName;
    const nearest = cell(tr, matchText(line.nearestMatch));
    if (line.nearestMatch) nearest.title = line.nearestMatch.fileName;
    const source = cell(tr, c.source.title);
    if (c.note) source.title = c.note;
    body.appendChild(tr);
    // the difference in words, on a row of its own under the figures
    const why = document.createElement('tr');
    why.className = 'explanation';
    why.dataset.explains = c.id;
    cell(why, line.explanation).colSpan = tr.cells.length;
    body.appendChild(why);
  }
}

/** "2026-02-11 agreements (+16 days)", or "none". */
function matchText(match) {
  if (!match) return 'none';
  const days = match.daysFromClaim;
  return `${match.publishedOn} ${match.reading} (${days > 0 ? '+' : ''}${days} d)`;
}

function links() {
  $('csv-counts').href = 'api/reports/counts?' + params({ asOf: state.asOf, format: 'csv' });
  $('csv-timeline').href = 'api/reports/timeline?' + params({ from: '2019-01-01', to: state.asOf, step: 'week', format: 'csv' });
  $('csv-reconciliation').href = 'api/reports/reconciliation?' + params({ format: 'csv' });
}

async function refresh() {
  showError(null);
  links();
  $('agreements-card').hidden = true;
  $('history-card').hidden = true;
  behind = null;
  try {
    await showReconciliation();
    const [counts] = await Promise.all([showCounts(), drawTimeline()]);
    showBehind();
    // set last: tests and people may act on the page once it says which day it shows
    $('figures').dataset.asOf = counts.asOf;
    $('figures').dataset.knownAt = counts.knownAt;
  } catch (e) {
    if (e instanceof NotReady) {
      await ledgerReady();
      return refresh();
    }
    showError(e);
  }
}

function setAsOf(day) {
  $('as-of').value = day;
  state.asOf = day;
  refresh();
}

// When ICE's page was last checked (bin/ledger watch, or serve --watch) and what was found; nothing if never.
async function showIceChecked() {
  try {
    const response = await fetch('api/watch', { headers: { Accept: 'application/json' } });
    if (!response.ok) return;
    const watch = await response.json();
    if (!watch.last) return;
    const at = new Date(watch.last.finishedAt).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
    const alerts = (watch.last.findings || []).filter(f => !['IMPORTED', 'ALREADY_RECORDED'].includes(f.kind));
    $('ice-checked').textContent = `ICE's 287(g) page last checked ${at}: ${watch.last.summary.replace(/^ICE's page: /, '')}`
      + (alerts.length ? ` — needs attention: ${alerts.map(f => f.message).join('; ')}` : '');
    $('ice-checked').dataset.succeeded = String(watch.last.succeeded);
    $('ice-checked').hidden = false;
  } catch (e) {
    // the line is a courtesy: the page's figures do not depend on it
  }
}

document.addEventListener('DOMContentLoaded', () => {
  showIceChecked();
  const query = new URLSearchParams(location.search);
  state.asOf = query.get('asOf') || new Date().toISOString().slice(0, 10);
  state.knownAt = query.get('knownAt') || '';
  $('as-of').value = state.asOf;
  $('known-at').value = state.knownAt;
  $('as-of').addEventListener('change', () => { if ($('as-of').value) { state.asOf = $('as-of').value; refresh(); } });
  $('known-at').addEventListener('change', () => { state.knownAt = $('known-at').value; refresh(); });
  // no figure before the ledger can answer: a half-loaded ledger would show too few, not none
  ledgerReady().then(refresh);
});
