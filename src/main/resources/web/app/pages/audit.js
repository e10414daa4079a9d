// The audit log: filters, keyset paging, chain status, NDJSON download.
import { html, nothing } from 'lit';
import { Page } from '../lib/base.js';
import { gql, download } from '../lib/api.js';
import { when, plural, fromLocalInput } from '../lib/format.js';

const LOG = `query Audit($f: AuditFilter, $after: String) {
  auditLog(first: 50, after: $after, filter: $f) { totalCount edges { node { id at actor action targetType targetId hash } } pageInfo { hasNextPage endCursor } }
  auditChainValid }`;

const remembered = { form: {} };

function filterFrom(form) {
  const f = {};
  for (const k of ['action', 'actor', 'targetId']) if (form[k]) f[k] = form[k].trim();
  if (form.from) f.from = fromLocalInput(form.from);
  if (form.to) f.to = fromLocalInput(form.to);
  return Object.keys(f).length ? f : null;
}

class Audit extends Page {
  static properties = { rows: { state: true }, total: { state: true }, pageInfo: { state: true }, chain: { state: true } };

  constructor() {
    super();
    this.rows = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.fetchPage(null);
  }

  async fetchPage(after) {
    const data = await this.run(() => gql(LOG, { f: filterFrom(remembered.form), after }));
    if (!data) return;
    const c = data.auditLog;
    this.rows = after ? [...this.rows, ...c.edges.map((e) => e.node)] : c.edges.map((e) => e.node);
    this.total = c.totalCount;
    this.pageInfo = c.pageInfo;
    this.chain = data.auditChainValid;
  }

  filter(e) {
    e.preventDefault();
    remembered.form = Object.fromEntries(new FormData(e.target).entries());
    this.fetchPage(null);
  }

  async ndjson() {
    const f = filterFrom(remembered.form) || {};
    const q = new URLSearchParams();
    if (f.from) q.set('from', f.from);
    if (f.to) q.set('to', f.to);
    await this.run(async () => {
      await download(`/audit-log${q.toString() ? `?${q}` : ''}`, 'lethe-audit-log.ndjson');
      this.notice = 'Audit log downloaded as NDJSON (one event per line, oldest first).';
    });
  }

  render() {
    const f = remembered.form;
    return html`<h1 tabindex="-1">Audit log</h1>
      ${this.renderError()}${this.renderNotice()}
      ${this.chain === undefined ? nothing : this.chain
        ? html`<p class="card"><span class="badge ok">Chain intact</span> Every event links to the one before it by its hash.</p>`
        : html`<p class="card" role="alert"><span class="badge bad">Chain broken</span> An audit event was changed or removed. Download the log and escalate.</p>`}
      <form class="filters card" @submit=${(e) => this.filter(e)} aria-label="Filter the audit log">
        <div class="fields">
          <label>Action<input name="action" .value=${f.action || ''} autocomplete="off" aria-describedby="au-action-hint">
            <span id="au-action-hint" class="muted small">exactly, e.g. dsr.opened, erasure.requested, retention.changed</span></label>
          <label>Actor<input name="actor" .value=${f.actor || ''} autocomplete="off" aria-describedby="au-actor-hint">
            <span id="au-actor-hint" class="muted small">who did it, as shown in the list</span></label>
          <label>Target id<input name="targetId" .value=${f.targetId || ''} autocomplete="off"></label>
          <label>From<input name="from" type="datetime-local" .value=${f.from || ''}></label>
          <label>To<input name="to" type="datetime-local" .value=${f.to || ''}></label>
        </div>
        <button type="submit" ?disabled=${this.loading}>Show</button>
        <button type="button" @click=${() => this.ndjson()} ?disabled=${this.loading} aria-describedby="au-dl-hint">Download NDJSON</button>
        <p id="au-dl-hint" class="muted small">The download is the log itself, one event per line, oldest first, for the From–To range (the whole log when empty); keep it as evidence or check its hash chain offline.</p>
      </form>
      ${this.rows ? html`<p role="status">${plural(this.total, 'event')}.</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Audit events">
        <table><thead><tr><th scope="col">When</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Hash</th></tr></thead>
        <tbody>${this.rows.map((a) => html`<tr><td>${when(a.at)}</td><td>${a.actor}</td><td>${a.action}</td>
          <td>${a.targetType || ''} <span class="mono small">${a.targetId || ''}</span></td><td class="mono small">${a.hash.slice(0, 16)}…</td></tr>`)}</tbody></table></div>
        ${this.pageInfo.hasNextPage ? html`<button type="button" @click=${() => this.fetchPage(this.pageInfo.endCursor)}>Load more</button>` : nothing}` : nothing}`;
  }
}
customElements.define('lethe-audit', Audit);
