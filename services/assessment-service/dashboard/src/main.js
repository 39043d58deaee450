import * as echarts from 'echarts/core';
import { RadarChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { accessToken, claims, logout } from './auth.js';
import { LABELS, pick } from './i18n.js';
import './style.css';

echarts.use([RadarChart, LegendComponent, TooltipComponent, CanvasRenderer]);

// The radar's two series: what the plant scores now over the target level's clauses, and the pass threshold.
export const CURRENT_COLOUR = '#1565c0';
export const TARGET_COLOUR = '#ef6c00';

const state = {
  lang: localStorage.getItem('brain.lang') || (navigator.language.startsWith('zh') ? 'zh-CN' : 'en'),
  evaluation: null, gaps: [], selected: null, token: null, config: null, radar: null,
  profile: null, pending: [], snapshots: [], user: '', roles: [], notice: null,
};
const $ = (id) => document.getElementById(id);
const t = (key) => LABELS[state.lang][key];
const pct = (v) => (v * 100).toFixed(1) + '%';
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => (k === 'class' ? (e.className = v) : e.setAttribute(k, v)));
  children.flat().forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(String(c ?? ''))));
  return e;
};

async function api(path, init = {}) {
  const response = await fetch(path, { ...init, headers: { ...(init.headers || {}), Authorization: 'Bearer ' + state.token } });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(response.status + ' ' + (problem.detail || problem.title || response.statusText));
  }
  return response;
}

function levelName(id) {
  const level = state.evaluation.levels.find((l) => l.id === id);
  return level ? pick(state.lang, level.zh, level.en) : id;
}

function renderSummary() {
  const e = state.evaluation;
  const c = e.counts;
  $('summary').replaceChildren(
    el('div', { class: 'kpi' }, el('span', {}, t('level')), el('strong', { id: 'level' }, e.level ? levelName(e.level) : t('none'))),
    el('div', { class: 'kpi' }, el('span', {}, t('target')), el('strong', {}, levelName(e.target))),
    el('div', { class: 'kpi' }, el('span', {}, t('score')), el('strong', { id: 'score' }, pct(e.score))),
    el('div', { class: 'kpi' }, el('span', {}, t('range')), el('strong', {}, pct(e.range.low) + ' – ' + pct(e.range.high))),
    el('div', { class: 'kpi' }, el('span', {}, t('counts')), el('strong', { id: 'counts' }, c.items + ' ' + t('items')),
      el('small', {}, `${t('automatic')} ${c.automatic} · ${t('attestationOnly')} ${c.attestationOnly} · ${t('met')} ${c.met} · ${t('unknown')} ${c.unknown}`)),
    el('small', { class: 'when' }, `${e.plant} · ${new Date(e.evaluatedAt).toLocaleString(state.lang)} · ${t('evaluatedIn')} ${e.durationMs} ms`
      + (e.evidenceAt ? ` · ${t('evidenceAt')} ${new Date(e.evidenceAt).toLocaleTimeString(state.lang)}` : '')),
  );
}

function renderLadder() {
  const e = state.evaluation;
  // highest level on top, as a ladder is climbed
  const steps = [...e.levels].reverse().map((l) => el('li', {
    class: ['step', l.attained ? 'attained' : l.passed ? 'passed' : 'open', l.id === e.target ? 'target' : ''].join(' '),
    'data-level': l.id,
  },
  el('b', {}, pick(state.lang, l.zh, l.en)),
  el('span', { class: 'bar' }, el('i', { style: `width:${Math.round(l.score * 100)}%` })),
  el('span', {}, pct(l.score)),
  el('em', {}, l.attained ? t('attained') : l.passed ? t('passed') : t('notPassed'))));
  $('ladder').replaceChildren(...steps);
}

function renderRadar() {
  const e = state.evaluation;
  if (!state.radar) {
    state.radar = echarts.init($('radar'), null, { renderer: 'canvas' });
  }
  state.radar.setOption({
    animation: false,
    tooltip: {},
    legend: { bottom: 0, data: [t('current'), t('targetSeries')] },
    radar: {
      radius: '62%',
      indicator: e.scenarios.map((s) => ({ name: s.id + ' ' + pick(state.lang, s.zh, s.en), max: 1 })),
    },
    series: [{
      type: 'radar',
      data: [
        { name: t('current'), value: e.scenarios.map((s) => s.atTarget), lineStyle: { color: CURRENT_COLOUR, width: 2 },
          itemStyle: { color: CURRENT_COLOUR }, areaStyle: { color: CURRENT_COLOUR, opacity: 0.25 } },
        { name: t('targetSeries'), value: e.scenarios.map(() => e.passThreshold), lineStyle: { color: TARGET_COLOUR, type: 'dashed', width: 2 },
          itemStyle: { color: TARGET_COLOUR } },
      ],
    }],
  }, true);
}

function renderGaps() {
  const head = el('tr', {}, ...['clause', 'titleCol', 'levelCol', 'satisfaction', 'priority', 'blocks', 'toClose'].map((k) => el('th', {}, t(k))));
  const rows = state.gaps.map((g) => el('tr', { class: g.blocksNextLevel ? 'blocks' : '', 'data-clause': g.id },
    el('td', {}, el('a', { href: '#' + g.id }, g.id)),
    el('td', {}, g.title),
    el('td', {}, g.levels.map(levelName).join(', ')),
    el('td', {}, g.satisfaction.toFixed(2)),
    el('td', {}, el('span', { class: 'bar' }, el('i', { style: `width:${Math.min(100, g.priority * 66)}%` })), g.priority.toFixed(2)),
    el('td', {}, g.blocksNextLevel ? t('yes') : t('no')),
    el('td', {}, g.toClose.map((ev) => pick(state.lang, ev.zh, ev.en)).join('；'))));
  $('gaps').replaceChildren(el('thead', {}, head), el('tbody', {}, ...rows));
  $('gaps').querySelectorAll('a').forEach((a) => a.addEventListener('click', (ev) => {
    ev.preventDefault();
    select(a.textContent);
  }));
}

function renderTree() {
  const e = state.evaluation;
  const bySub = new Map();
  e.items.forEach((i) => bySub.set(i.subScenario, [...(bySub.get(i.subScenario) || []), i]));
  const tree = e.scenarios.map((s) => el('details', { open: '' },
    el('summary', {}, `${s.id} ${pick(state.lang, s.zh, s.en)} — ${pct(s.score)}`),
    ...s.subScenarios.map((sub) => el('div', { class: 'sub' },
      el('h4', {}, `${sub.id} ${pick(state.lang, sub.zh, sub.en)} — ${pct(sub.score)}`),
      ...(bySub.get(sub.id) || []).map((i) => {
        const row = el('button', { class: 'clause s' + Math.round(i.satisfaction * 10) + (i.unknown ? ' unknown' : ''), 'data-clause': i.id },
          el('code', {}, i.id), ' ', state.lang === 'en' ? i.title : i.text.slice(0, 38) + (i.text.length > 38 ? '…' : ''),
          el('span', { class: 'sat' }, i.satisfaction.toFixed(1)));
        row.addEventListener('click', () => select(i.id));
        return row;
      })))));
  $('tree').replaceChildren(...tree);
}

function renderDetail() {
  const i = state.evaluation.items.find((x) => x.id === state.selected);
  if (!i) {
    $('detail').replaceChildren(el('p', { class: 'hint' }, t('pick')));
    return;
  }
  const evidence = i.evidence.map((ev) => el('li', { class: 'ev ' + ev.status },
    el('b', {}, ev.rule || t('attestation')), ` · ${ev.status} · ${t('value')} ${ev.value.toFixed(2)}`,
    el('div', {}, pick(state.lang, ev.zh, ev.en)),
    ev.reason ? el('div', { class: 'reason' }, t('reason') + ': ' + ev.reason) : '',
    ev.facts && Object.keys(ev.facts).length ? el('pre', {}, JSON.stringify(ev.facts, null, 1)) : ''));
  $('detail').replaceChildren(
    el('h3', { id: 'detail-id' }, i.id + ' · ' + i.title),
    el('p', { class: 'text', lang: 'zh-CN' }, i.text),
    el('p', {}, `${t('levelCol')}: ${i.levels.map(levelName).join(', ')} · ${t('satisfaction')}: ${i.satisfaction.toFixed(2)} (${pick(state.lang, i.scaleZh, i.scaleEn)})`),
    el('h4', {}, t('evidence')), el('ul', {}, ...evidence),
    i.evidence.some((ev) => ev.kind === 'attestation') && mayAttest() ? attestForm(i) : '',
    state.notice ? el('p', { id: 'notice', role: 'status' }, state.notice) : '');
}

const mayAttest = () => state.roles.includes('manager') || state.roles.includes('admin');

/** The form a manager fills for what the platform cannot observe: statement, scale value, expiry, a file. */
function attestForm(item) {
  const scale = el('select', { id: 'attest-satisfaction' }, ...state.profile.scale.map((step) =>
    el('option', { value: String(step.value) }, `${step.value} · ${pick(state.lang, step.zh, step.en)}`)));
  const statement = el('textarea', { id: 'attest-statement', rows: '3', maxlength: '4000' });
  const expires = el('input', { id: 'attest-expires', type: 'date' });
  const file = el('input', { id: 'attest-file', type: 'file' });
  const submit = el('button', { id: 'attest-submit', type: 'submit' }, t('submit'));
  const form = el('form', { id: 'attest-form', class: 'attest' }, el('h4', {}, t('attest')),
    el('label', {}, t('statement'), statement), el('label', {}, t('satisfaction'), scale),
    el('label', {}, t('expiresAt'), expires), el('label', {}, t('attachment'), file), submit);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    const metadata = { plant: state.evaluation.plant, clause: item.id, statement: statement.value,
      satisfaction: Number(scale.value) };
    if (expires.value) {
      metadata.expiresAt = new Date(expires.value + 'T23:59:59').toISOString();
    }
    const body = new FormData();
    body.append('metadata', new Blob([JSON.stringify(metadata)], { type: 'application/json' }));
    if (file.files.length) {
      body.append('attachment', file.files[0]);
    }
    try {
      const a = await (await api('/api/v1/assessment/attestations', { method: 'POST', body })).json();
      state.notice = `${t('submitted')} (#${a.id})`;
      await load();
    } catch (err) {
      showError(err);
      submit.disabled = false;
    }
  });
  return form;
}

function renderReviews() {
  if (!state.pending.length) {
    $('reviews').replaceChildren(el('tbody', {}, el('tr', {}, el('td', {}, t('noPending')))));
    return;
  }
  const head = el('tr', {}, ...['clause', 'statement', 'satisfaction', 'submittedBy', 'submittedAt', 'attachment', 'comment', '']
    .map((k) => el('th', {}, k ? t(k) : '')));
  const rows = state.pending.map((a) => {
    const own = a.submittedBy === state.user;
    const comment = el('input', { class: 'comment', size: '16' });
    const decide = (decision) => async () => {
      try {
        await api(`/api/v1/assessment/attestations/${a.id}/review`, { method: 'POST',
          headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ decision, comment: comment.value }) });
        state.notice = `${t('reviewed')} #${a.id}: ${t(decision === 'approved' ? 'approve' : 'reject')}`;
        await load();
      } catch (err) {
        showError(err);
      }
    };
    const approve = el('button', { class: 'approve' }, t('approve'));
    const reject = el('button', { class: 'reject' }, t('reject'));
    approve.addEventListener('click', decide('approved'));
    reject.addEventListener('click', decide('rejected'));
    [approve, reject].forEach((b) => {
      if (own || !mayAttest()) {
        b.disabled = true;
        b.title = t('own');
      }
    });
    const link = el('a', { href: '#' + a.clause }, a.clause);
    link.addEventListener('click', (ev) => {
      ev.preventDefault();
      select(a.clause);
    });
    let attachment = '';
    if (a.attachmentName) {
      attachment = el('button', { class: 'attachment' }, a.attachmentName);
      attachment.addEventListener('click', () => download(`/api/v1/assessment/attestations/${a.id}/attachment`,
        a.attachmentName).catch(showError));
    }
    return el('tr', { 'data-attestation': String(a.id), 'data-clause': a.clause },
      el('td', {}, link), el('td', {}, a.statement), el('td', {}, a.satisfaction.toFixed(1)), el('td', {}, a.submittedBy),
      el('td', {}, new Date(a.submittedAt).toLocaleString(state.lang)), el('td', {}, attachment), el('td', {}, comment),
      el('td', {}, approve, ' ', reject));
  });
  $('reviews').replaceChildren(el('thead', {}, head), el('tbody', {}, ...rows));
}

function renderSnapshots() {
  if (!state.snapshots.length) {
    $('snapshots').replaceChildren(el('tbody', {}, el('tr', {}, el('td', {}, t('noSnapshots')))));
    return;
  }
  const head = el('tr', {}, ...['takenAt', 'takenBy', 'level', 'score', 'report'].map((k) => el('th', {}, t(k))));
  const rows = state.snapshots.map((s) => {
    const buttons = ['pdf', 'xlsx'].map((format) => {
      const b = el('button', { class: 'snapshot-' + format }, format.toUpperCase());
      b.addEventListener('click', () => download(`/api/v1/assessment/snapshots/${s.id}/report?format=${format}&lang=${state.lang}`,
        `snapshot-${s.id}.${format}`).catch(showError));
      return b;
    });
    return el('tr', { 'data-snapshot': String(s.id) }, el('td', {}, new Date(s.takenAt).toLocaleString(state.lang)),
      el('td', {}, s.takenBy), el('td', {}, s.level ? levelName(s.level) : t('none')), el('td', {}, pct(s.score)),
      el('td', {}, ...buttons));
  });
  $('snapshots').replaceChildren(el('thead', {}, head), el('tbody', {}, ...rows));
}

function showError(err) {
  $('error').textContent = err.message;
  $('error').hidden = false;
}

function select(id) {
  state.selected = id;
  renderDetail();
  $('detail').scrollIntoView({ block: 'nearest' });
}

function renderStatic() {
  document.documentElement.lang = state.lang;
  document.title = t('title') + ' · Enterprise Brain';
  $('title').textContent = '企业大脑 · ' + t('title');
  document.querySelectorAll('[data-t]').forEach((n) => (n.textContent = t(n.dataset.t)));
  $('lang').textContent = t('other');
}

function render() {
  renderStatic();
  if (!state.evaluation) {
    return;
  }
  renderSummary();
  renderLadder();
  renderRadar();
  renderGaps();
  renderTree();
  renderDetail();
  renderReviews();
  renderSnapshots();
}

async function load() {
  document.body.dataset.ready = 'false';
  $('error').hidden = true;
  try {
    const plant = encodeURIComponent($('plant').value.trim());
    const [evaluation, gaps, profile, pending, snapshots] = await Promise.all([
      api('/api/v1/assessment/evaluation?plant=' + plant).then((r) => r.json()),
      api('/api/v1/assessment/gaps?limit=15&plant=' + plant).then((r) => r.json()),
      api('/api/v1/assessment/profile').then((r) => r.json()),
      api('/api/v1/assessment/attestations?state=pending&plant=' + plant).then((r) => r.json()),
      api('/api/v1/assessment/snapshots?limit=10&plant=' + plant).then((r) => r.json()),
    ]);
    Object.assign(state, { evaluation, gaps, profile, pending, snapshots });
    render();
  } catch (err) {
    showError(err);
  }
  document.body.dataset.ready = 'true';
}

/** Fetches with the token (a plain link would not carry it) and saves under the server's file name. */
async function download(path, fallback) {
  const response = await api(path);
  const name = (response.headers.get('Content-Disposition') || '').match(/filename="?([^";]+)/);
  const link = el('a', { href: URL.createObjectURL(await response.blob()), download: name ? name[1] : fallback });
  document.body.append(link);
  link.click();
  link.remove();
}

async function start() {
  renderStatic();
  state.config = await (await fetch('/assessment/config.json')).json();
  state.token = await accessToken(state.config);
  const who = claims(state.token);
  state.user = who.preferred_username || '';
  state.roles = (who.realm_access && who.realm_access.roles) || [];
  $('user').textContent = state.user;
  $('plant').value = new URLSearchParams(window.location.search).get('plant') || state.config.plant;
  $('refresh').addEventListener('click', load);
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'en' ? 'zh-CN' : 'en';
    localStorage.setItem('brain.lang', state.lang);
    render();
  });
  const report = (format) => () => download(`/api/v1/assessment/report?format=${format}&lang=${state.lang}&plant=`
    + encodeURIComponent($('plant').value.trim()), 'assessment.' + format).catch(showError);
  $('pdf').addEventListener('click', report('pdf'));
  $('xlsx').addEventListener('click', report('xlsx'));
  $('take-snapshot').addEventListener('click', async () => {
    try {
      const s = await (await api('/api/v1/assessment/snapshots?plant=' + encodeURIComponent($('plant').value.trim()),
        { method: 'POST' })).json();
      state.notice = `${t('snapshots')} #${s.id}`;
      await load();
    } catch (err) {
      showError(err);
    }
  });
  $('logout').addEventListener('click', () => logout(state.config));
  window.addEventListener('resize', () => state.radar && state.radar.resize());
  await load();
}

start().catch((err) => {
  showError(err);
  document.body.dataset.ready = 'true';
});
