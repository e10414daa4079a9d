// Overview: open cases with deadlines, running jobs with live progress, retention, audit chain.
import { html, nothing } from 'lit';
import { Page, errorBox, statusBadge } from '../lib/base.js';
import { gql } from '../lib/api.js';
import { hasRole } from '../lib/auth.js';
import { href } from '../lib/router.js';
import { day, isOverdue, daysLeft, plural } from '../lib/format.js';
import '../lib/jobs.js';

const CASES = `query OpenCases($s: RequestStatus) { dataSubjectRequests(status: $s, first: 50) { totalCount edges { node { id type status subject receivedAt dueAt completedAt } } } }`;
const RUNNING = `query Running { running: redactionJobs(status: RUNNING, first: 20) { totalCount edges { node { id } } }
  queued: redactionJobs(status: QUEUED, first: 1) { totalCount } }`;
const POLICY = `query Policy { retentionPolicy { redactAfterDays destroyFilesAfterDays forgetIpAfterDays } }`;
const CHAIN = `query Chain { auditChainValid }`;

function days(n) {
  return n == null ? 'off' : `after ${plural(n, 'day')}`;
}

class Overview extends Page {
  static properties = { sections: { state: true } };

  constructor() {
    super();
    this.sections = {};
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async section(name, fetcher) {
    // await before spreading: a spread taken before the await would drop sections that
    // finished in the meantime, leaving them "Loading…" for good
    let result;
    try {
      result = { data: await fetcher() };
    } catch (error) {
      result = { error };
    }
    this.sections = { ...this.sections, [name]: result };
  }

  load() {
    const admin = hasRole('privacy-admin');
    const auditor = hasRole('auditor');
    if (admin || auditor) {
      this.section('cases', async () => {
        const [open, progress] = await Promise.all([gql(CASES, { s: 'OPEN' }), gql(CASES, { s: 'IN_PROGRESS' })]);
        const nodes = [...open.dataSubjectRequests.edges, ...progress.dataSubjectRequests.edges].map((e) => e.node);
        nodes.sort((a, b) => new Date(a.dueAt) - new Date(b.dueAt));
        return { nodes, total: open.dataSubjectRequests.totalCount + progress.dataSubjectRequests.totalCount };
      });
      this.section('jobs', () => gql(RUNNING));
      this.section('chain', () => gql(CHAIN));
    }
    if (admin) this.section('policy', () => gql(POLICY));
  }

  block(name, title, body) {
    const s = this.sections[name];
    return html`<section class="card" aria-labelledby="ov-${name}">
      <h2 id="ov-${name}">${title}</h2>
      ${!s ? html`<p class="muted">Loading…</p>` : s.error ? errorBox(s.error) : body(s.data)}
    </section>`;
  }

  render() {
    const admin = hasRole('privacy-admin');
    const auditor = hasRole('auditor');
    return html`<h1 tabindex="-1">Overview</h1>
      ${!admin && !auditor ? html`<p>You are signed in as an agent: open <a href=${href('transcripts')}>Transcripts</a> to search conversations.</p>` : nothing}
      <div class="grid">
      ${admin || auditor ? this.block('cases', 'Open cases', (d) => html`
        <p>${plural(d.total, 'open case')}; ${d.nodes.filter(isOverdue).length} overdue.</p>
        ${d.nodes.length ? html`<ul class="rows">${d.nodes.map((r) => html`<li>
            <a href=${href('requests', r.id)}>${r.type} · ${r.subject}</a>
            ${statusBadge(r.status)}
            ${isOverdue(r) ? html`<span class="badge overdue">Overdue</span>` : nothing}
            <span class="muted">due ${day(r.dueAt)}${isOverdue(r) ? '' : ` (${plural(daysLeft(r.dueAt), 'day')} left)`}</span></li>`)}</ul>`
          : html`<p class="muted">No open cases.</p>`}`) : nothing}
      ${admin || auditor ? this.block('jobs', 'Running jobs', (d) => html`
        <p>${plural(d.running.totalCount, 'job')} running, ${d.queued.totalCount} queued. <a href=${href('jobs')}>All jobs</a></p>
        ${d.running.edges.map((e) => html`<job-progress job-id=${e.node.id}></job-progress>`)}`) : nothing}
      ${admin ? this.block('policy', 'Retention policy', (d) => html`
        <dl class="counts">
          <div><dt>Whole transcripts</dt><dd>${days(d.retentionPolicy.redactAfterDays)}</dd></div>
          <div><dt>Uploaded files</dt><dd>${days(d.retentionPolicy.destroyFilesAfterDays)}</dd></div>
          <div><dt>IP addresses</dt><dd>${days(d.retentionPolicy.forgetIpAfterDays)}</dd></div>
        </dl>
        <p><a href=${href('retention')}>Change retention</a></p>`) : nothing}
      ${admin || auditor ? this.block('chain', 'Audit chain', (d) => html`
        ${d.auditChainValid ? html`<p><span class="badge ok">Intact</span> Every audit event links to the one before it.</p>`
          : html`<p><span class="badge bad">Broken</span> The audit chain does not verify: an event was changed or removed. Download the log and escalate.</p>`}
        <p><a href=${href('audit')}>Audit log</a></p>`) : nothing}
      </div>`;
  }
}
customElements.define('lethe-overview', Overview);
