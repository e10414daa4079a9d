// One case: its jobs with progress, exports, transcripts kept on hold, receipts, closing.
import { html, nothing } from 'lit';
import { Page, statusBadge } from '../lib/base.js';
import { gql, download } from '../lib/api.js';
import { hasRole } from '../lib/auth.js';
import { href } from '../lib/router.js';
import { when, day, isOverdue, daysLeft, plural, jobLabel } from '../lib/format.js';
import { CASE_FIELDS } from './requests.js';
import '../lib/jobs.js';
import '../lib/receipt.js';

// the contract has no single-case query: find the case by paging the tenant's list
const FIND = `query FindCase($after: String) { dataSubjectRequests(first: 200, after: $after) {
  edges { node { ${CASE_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
const CLOSE = `mutation Close($id: ID!, $s: RequestStatus!, $note: String) { closeDataSubjectRequest(id: $id, status: $s, note: $note) { ${CASE_FIELDS} } }`;

class RequestPage extends Page {
  static properties = { requestId: {}, r: { state: true }, done: { state: true } };

  constructor() {
    super();
    this.r = null;
    this.done = [];
  }

  updated(changed) {
    if (changed.has('requestId')) this.load();
  }

  async load() {
    await this.run(async () => {
      let after = null;
      for (let page = 0; page < 50; page++) {
        const c = (await gql(FIND, { after })).dataSubjectRequests;
        const hit = c.edges.find((e) => e.node.id === this.requestId);
        if (hit) {
          this.r = hit.node;
          return;
        }
        if (!c.pageInfo.hasNextPage) break;
        after = c.pageInfo.endCursor;
      }
      throw new Error('This case does not exist or belongs to another tenant. Go back to the list.');
    });
  }

  async close(e) {
    e.preventDefault();
    const f = new FormData(e.target);
    const data = await this.run(() => gql(CLOSE, { id: this.r.id, s: f.get('status'), note: f.get('note') || null }));
    if (data) {
      this.r = data.closeDataSubjectRequest;
      this.notice = `Case closed as ${this.r.status}.`;
    }
  }

  async file(x) {
    this.error = null;
    try {
      await download(x.downloadPath, `lethe-case-${this.r.id}.${x.format.toLowerCase()}`);
    } catch (err) {
      this.error = err;
    }
  }

  render() {
    const r = this.r;
    if (!r) return html`<h1 tabindex="-1">Case</h1>${this.renderError()}${this.loading ? html`<p>Loading…</p>` : nothing}`;
    const open = r.status === 'OPEN' || r.status === 'IN_PROGRESS';
    return html`<h1 tabindex="-1">${r.type} request · ${r.subject}</h1>
      <p><a href=${href('requests')}>Back to the requests</a></p>
      ${this.renderError()}${this.renderNotice()}
      <div class="grid">
        <section class="card" aria-labelledby="case-h"><h2 id="case-h">Case</h2>
          <dl class="facts">
            <dt>Status</dt><dd>${statusBadge(r.status)} ${isOverdue(r) ? html`<span class="badge overdue">Overdue</span>` : nothing}</dd>
            <dt>Received</dt><dd>${when(r.receivedAt)}</dd>
            <dt>Due</dt><dd>${day(r.dueAt)}${open && !isOverdue(r) ? ` (${plural(daysLeft(r.dueAt), 'day')} left)` : ''}</dd>
            <dt>Completed</dt><dd>${r.completedAt ? when(r.completedAt) : '—'}</dd>
            ${r.type === 'ERASURE' ? html`<dt>Kept on legal hold</dt><dd>${plural(r.retainedOnHold, 'transcript')}${r.retainedOnHold ? ' (erased automatically when the hold is lifted)' : ''}</dd>` : nothing}
          </dl>
        </section>
        <section class="card" aria-labelledby="exp-h"><h2 id="exp-h">Exports</h2>
          ${r.exports.length ? html`<ul class="rows">${r.exports.map((x) => html`<li><button type="button" class="link" @click=${() => this.file(x)}>Download ${x.format}</button>
            <span class="muted">${plural(x.transcriptCount, 'transcript')}</span></li>`)}</ul>` : html`<p class="muted">No exports.</p>`}
        </section>
        <section class="card wide" aria-labelledby="jobs-h"><h2 id="jobs-h">Jobs</h2>
          ${r.jobs.length ? r.jobs.map((j) => html`<div class="job-block"><job-progress job-id=${j.id} @job-finished=${(e) => { if (e.detail.status === 'SUCCEEDED') this.done = [...this.done, j.id]; }}></job-progress>
            ${j.kind === 'ERASURE' && (j.status === 'SUCCEEDED' || this.done.includes(j.id)) ? html`<erasure-receipt job-id=${j.id}></erasure-receipt>` : nothing}</div>`)
            : html`<p class="muted">No jobs belong to this case.</p>`}
        </section>
        ${open && hasRole('privacy-admin') ? html`<section class="card" aria-labelledby="close-h"><h2 id="close-h">Close the case</h2>
          <form @submit=${(e) => this.close(e)}>
            <label>Outcome<select name="status"><option value="COMPLETED">Completed</option><option value="REJECTED">Rejected</option></select></label>
            <label>Note<textarea name="note" rows="2"></textarea></label>
            <button type="submit" class="primary" ?disabled=${this.loading}>Close case</button>
          </form></section>` : nothing}
      </div>`;
  }
}
customElements.define('lethe-request', RequestPage);
