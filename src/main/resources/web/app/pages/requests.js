// Data-subject requests: filter by status or overdue, open a new case.
import { html, nothing } from 'lit';
import { Page, statusBadge } from '../lib/base.js';
import { gql } from '../lib/api.js';
import { hasRole } from '../lib/auth.js';
import { href, go } from '../lib/router.js';
import { day, isOverdue, plural, fromLocalInput } from '../lib/format.js';

export const CASE_FIELDS = `id type status subject receivedAt dueAt completedAt retainedOnHold
  jobs { id kind status } exports { id format transcriptCount downloadPath }`;
const LIST = `query Cases($s: RequestStatus, $o: Boolean, $after: String) {
  dataSubjectRequests(status: $s, overdue: $o, first: 50, after: $after) {
    totalCount edges { node { id type status subject receivedAt dueAt completedAt } } pageInfo { hasNextPage endCursor } } }`;
const OPEN = `mutation OpenCase($in: DataSubjectRequestInput!) { openDataSubjectRequest(input: $in) { ${CASE_FIELDS} } }`;
const TYPES = [
  ['ACCESS', 'Access: export their data'],
  ['ERASURE', 'Erasure: erase their data'],
  ['RECTIFICATION', 'Rectification: correct their data'],
  ['RESTRICTION', 'Restriction: restrict processing'],
  ['OBJECTION', 'Objection to processing'],
];
const STATUSES = ['OPEN', 'IN_PROGRESS', 'COMPLETED', 'REJECTED'];

const remembered = { status: '', overdue: false };

// the case openDataSubjectRequest answered, handed to the case page once (memory only, never the URL)
let opened = null;

export function takeOpenedCase(id) {
  const c = opened && opened.id === id ? opened : null;
  opened = null;
  return c;
}

class Requests extends Page {
  static properties = { rows: { state: true }, total: { state: true }, pageInfo: { state: true }, opening: { state: true } };

  constructor() {
    super();
    this.rows = null;
    this.opening = false;
  }

  connectedCallback() {
    super.connectedCallback();
    this.fetchPage(null);
  }

  async fetchPage(after) {
    const vars = { s: remembered.status || null, o: remembered.overdue ? true : null, after };
    const data = await this.run(() => gql(LIST, vars));
    if (!data) return;
    const c = data.dataSubjectRequests;
    this.rows = after ? [...this.rows, ...c.edges.map((e) => e.node)] : c.edges.map((e) => e.node);
    this.total = c.totalCount;
    this.pageInfo = c.pageInfo;
  }

  filter(e) {
    e.preventDefault();
    const f = new FormData(e.target);
    remembered.status = f.get('status');
    remembered.overdue = f.get('overdue') === 'on';
    this.fetchPage(null);
  }

  async open(e) {
    e.preventDefault();
    const f = Object.fromEntries(new FormData(e.target).entries());
    const input = { type: f.type, email: f.email.trim() };
    if (f.receivedAt) input.receivedAt = fromLocalInput(f.receivedAt);
    if (f.note) input.note = f.note;
    const data = await this.run(() => gql(OPEN, { in: input }));
    if (data) {
      opened = data.openDataSubjectRequest;
      go('requests', opened.id);
    }
  }

  render() {
    const admin = hasRole('privacy-admin');
    return html`<h1 tabindex="-1">Data-subject requests</h1>
      ${this.renderError()}
      <form class="filters card" @submit=${(e) => this.filter(e)} aria-label="Filter requests">
        <div class="fields">
          <label>Status<select name="status" .value=${remembered.status}>
            <option value="">Any</option>${STATUSES.map((s) => html`<option value=${s}>${s}</option>`)}</select></label>
          <label class="check"><input type="checkbox" name="overdue" .checked=${remembered.overdue}> Overdue only</label>
        </div>
        <button type="submit" ?disabled=${this.loading}>Show</button>
      </form>
      ${admin ? (this.opening ? html`<form class="card" @submit=${(e) => this.open(e)} aria-labelledby="new-h">
          <h2 id="new-h">Open a case</h2>
          <div class="fields">
            <label>Type of request<select name="type">${TYPES.map(([t, label]) => html`<option value=${t}>${label}</option>`)}</select></label>
            <label>Email of the data subject<input name="email" type="email" required autocomplete="off"></label>
            <label>Received on<input name="receivedAt" type="datetime-local" aria-describedby="recv-hint"><span id="recv-hint" class="muted small">leave empty for now; the deadline is one month later</span></label>
          </div>
          <label>Note for the file<textarea name="note" rows="2" maxlength="2000"></textarea></label>
          <p class="muted">Access: Lethe prepares a CSV and a JSON export at once and completes the case. Erasure: the erasure job starts at once and the case completes when it succeeds. Other types stay open until you close them.</p>
          <button type="submit" class="primary" ?disabled=${this.loading}>Open case</button>
          <button type="button" @click=${() => { this.opening = false; }}>Cancel</button>
        </form>` : html`<p><button type="button" class="primary" @click=${() => { this.opening = true; }}>Open a case…</button></p>`) : nothing}
      ${this.rows ? html`<p role="status">${plural(this.total, 'case')}.</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Cases">
        <table><thead><tr><th scope="col">Case</th><th scope="col">Status</th><th scope="col">Received</th><th scope="col">Due</th></tr></thead>
        <tbody>${this.rows.map((r) => html`<tr>
          <td><a href=${href('requests', r.id)}>${r.type} · ${r.subject}</a></td>
          <td>${statusBadge(r.status)}${isOverdue(r) ? html` <span class="badge overdue">Overdue</span>` : nothing}</td>
          <td>${day(r.receivedAt)}</td><td>${day(r.dueAt)}</td></tr>`)}</tbody></table></div>
        ${this.pageInfo.hasNextPage ? html`<button type="button" @click=${() => this.fetchPage(this.pageInfo.endCursor)}>Load more</button>` : nothing}` : nothing}`;
  }
}
customElements.define('lethe-requests', Requests);
