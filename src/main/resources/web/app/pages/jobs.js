// Redaction jobs by status, with live progress for unfinished ones and cancel.
import { html, nothing } from 'lit';
import { Page, statusBadge } from '../lib/base.js';
import { gql } from '../lib/api.js';
import { hasRole } from '../lib/auth.js';
import { when, jobLabel, plural, FINISHED } from '../lib/format.js';
import { JOB_FIELDS, jobCounts } from '../lib/jobs.js';

const LIST = `query Jobs($s: JobStatus, $after: String) { redactionJobs(status: $s, first: 50, after: $after) {
  totalCount edges { node { ${JOB_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
const CANCEL = `mutation Cancel($id: ID!) { cancelRedactionJob(id: $id) { ${JOB_FIELDS} } }`;
const STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

const remembered = { status: '' };

class Jobs extends Page {
  static properties = { rows: { state: true }, total: { state: true }, pageInfo: { state: true } };

  constructor() {
    super();
    this.rows = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.fetchPage(null);
  }

  async fetchPage(after) {
    const data = await this.run(() => gql(LIST, { s: remembered.status || null, after }));
    if (!data) return;
    const c = data.redactionJobs;
    this.rows = after ? [...this.rows, ...c.edges.map((e) => e.node)] : c.edges.map((e) => e.node);
    this.total = c.totalCount;
    this.pageInfo = c.pageInfo;
  }

  filter(e) {
    e.preventDefault();
    remembered.status = new FormData(e.target).get('status');
    this.fetchPage(null);
  }

  async cancel(job) {
    const data = await this.run(() => gql(CANCEL, { id: job.id }));
    if (data) {
      this.rows = this.rows.map((j) => (j.id === job.id ? data.cancelRedactionJob : j));
      this.notice = 'Job cancelled. Transcripts it already finished stay redacted.';
    }
  }

  render() {
    const admin = hasRole('privacy-admin');
    return html`<h1 tabindex="-1">Jobs</h1>
      ${this.renderError()}${this.renderNotice()}
      <form class="filters card" @submit=${(e) => this.filter(e)} aria-label="Filter jobs">
        <div class="fields"><label>Status<select name="status" .value=${remembered.status}>
          <option value="">Any</option>${STATUSES.map((s) => html`<option value=${s}>${s}</option>`)}</select></label></div>
        <button type="submit" ?disabled=${this.loading}>Show</button>
        <button type="button" @click=${() => this.fetchPage(null)} ?disabled=${this.loading}>Refresh</button>
      </form>
      ${this.rows ? html`<p role="status">${plural(this.total, 'job')}.</p>
        <ul class="jobs">${this.rows.map((j) => html`<li class="card">
          ${FINISHED.includes(j.status) ? html`<p class="job-head">${jobLabel(j.kind)} ${statusBadge(j.status)}
              <span class="muted">requested ${when(j.requestedAt)}${j.finishedAt ? `, finished ${when(j.finishedAt)}` : ''}</span></p>
              ${jobCounts(j)}${j.error ? html`<p class="error-text">The job failed: ${j.error}</p>` : nothing}`
            : html`<job-progress job-id=${j.id} @job-finished=${(e) => { this.rows = this.rows.map((x) => (x.id === j.id ? e.detail : x)); }}></job-progress>
              ${admin ? html`<button type="button" class="danger" @click=${() => this.cancel(j)}>Cancel this job</button>` : nothing}`}
        </li>`)}</ul>
        ${this.pageInfo.hasNextPage ? html`<button type="button" @click=${() => this.fetchPage(this.pageInfo.endCursor)}>Load more</button>` : nothing}` : nothing}`;
  }
}
customElements.define('lethe-jobs', Jobs);
