// One case: its jobs with progress, exports, transcripts kept on hold, receipts, closing.
import { html, nothing } from 'lit';
import { Page, statusBadge } from '../lib/base.js';
import { gql, download } from '../lib/api.js';
import { hasRole } from '../lib/auth.js';
import { href } from '../lib/router.js';
import { when, day, isOverdue, daysLeft, plural, jobLabel } from '../lib/format.js';
import { CASE_FIELDS, takeOpenedCase } from './requests.js';
import '../lib/jobs.js';
import '../lib/receipt.js';

// The contract has no single-case query. Scanning the list with every field of each case would
// exceed the query cost limit at the maximum page size, so the scan reads ids and cursors only and
// then reads the case itself with its full fields, starting at the cursor just before it.
const SCAN = `query ScanCases($after: String) { dataSubjectRequests(first: 200, after: $after) {
  edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`;
const READ = `query ReadCase($after: String) { dataSubjectRequests(first: 5, after: $after) { edges { node { ${CASE_FIELDS} } } } }`;
const CLOSE = `mutation Close($id: ID!, $s: RequestStatus!, $note: String) { closeDataSubjectRequest(id: $id, status: $s, note: $note) { ${CASE_FIELDS} } }`;

const WHAT = {
  ACCESS: 'Access (Art. 15): Lethe prepared a CSV and a JSON export when the case opened, so it is completed at once. Download them below and send them to the person.',
  ERASURE: 'Erasure (Art. 17): the erasure job started when the case opened; the case completes by itself when the job succeeds.',
  RECTIFICATION: 'Rectification (Art. 16): correct the data on the visitor\'s page, then close the case.',
  RESTRICTION: 'Restriction (Art. 18): restrict processing on the visitor\'s page, then close the case.',
  OBJECTION: 'Objection (Art. 21): act on the objection, then close the case.',
};

/** The case with this id, or null: ids are scanned page by page, then the case is read in full. */
async function findCase(id) {
  let after = null;
  for (let page = 0; page < 100; page++) {
    const c = (await gql(SCAN, { after })).dataSubjectRequests;
    const at = c.edges.findIndex((e) => e.node.id === id);
    if (at >= 0) {
      const before = at > 0 ? c.edges[at - 1].cursor : after;
      const edges = (await gql(READ, { after: before })).dataSubjectRequests.edges;
      const hit = edges.find((e) => e.node.id === id);
      if (hit) return hit.node;
    }
    if (!c.pageInfo.hasNextPage) return null;
    after = c.pageInfo.endCursor;
  }
  return null;
}

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
    const id = this.requestId;
    // a case just opened on this tab shows at once; it is re-read below all the same
    const known = takeOpenedCase(id);
    if (known) this.r = known;
    await this.run(async () => {
      const found = await findCase(id);
      if (this.requestId !== id) return;
      if (!found) throw new Error('This case does not exist or belongs to another tenant. Go back to the list of requests and open it from there.');
      this.r = found;
    });
  }

  jobFinished(job, finished) {
    if (finished.status === 'SUCCEEDED') this.done = [...this.done, job.id];
    // an open case completes (and its subject is masked) when its erasure job succeeds: read it again
    if (this.r && (this.r.status === 'OPEN' || this.r.status === 'IN_PROGRESS')) this.load();
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
        <section class="card" aria-labelledby="case-h"><h2 id="case-h">Case details</h2>
          <p class="muted">${WHAT[r.type] || ''}</p>
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
          ${r.jobs.length ? r.jobs.map((j) => html`<div class="job-block"><job-progress job-id=${j.id} @job-finished=${(e) => this.jobFinished(j, e.detail)}></job-progress>
            ${j.kind === 'ERASURE' && (j.status === 'SUCCEEDED' || this.done.includes(j.id)) ? html`<erasure-receipt job-id=${j.id}></erasure-receipt>` : nothing}</div>`)
            : html`<p class="muted">No jobs belong to this case.</p>`}
        </section>
        ${open && hasRole('privacy-admin') ? html`<section class="card" aria-labelledby="close-h"><h2 id="close-h">Close the case</h2>
          <form @submit=${(e) => this.close(e)}>
            <label>Outcome<select name="status"><option value="COMPLETED">Completed</option><option value="REJECTED">Rejected</option></select></label>
            <label>Note for the file<textarea name="note" rows="2" maxlength="2000"></textarea></label>
            <button type="submit" class="primary" ?disabled=${this.loading}>Close case</button>
          </form></section>` : nothing}
      </div>`;
  }
}
customElements.define('lethe-request', RequestPage);
