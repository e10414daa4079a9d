// A redaction job's live progress: the graphql-transport-ws subscription, or polling while the
// socket cannot be opened (e.g. a proxy that drops WebSockets).
import { html, nothing } from 'lit';
import { Page, statusBadge } from './base.js';
import { gql, subscribe } from './api.js';
import { when, jobLabel, FINISHED } from './format.js';

export const JOB_FIELDS = `id kind status requestedAt startedAt finishedAt transcriptsRedacted messagesRedacted
  valuesRedacted filesDestroyed transcriptsSkipped transcriptsTotal transcriptsExamined error`;

const JOB = `query Job($id: ID!) { redactionJob(id: $id) { ${JOB_FIELDS} } }`;
const PROGRESS = `subscription Progress($id: ID!) { redactionJobProgress(id: $id) { ${JOB_FIELDS} } }`;

export function jobCounts(job) {
  return html`<dl class="counts">
    <div><dt>Transcripts examined</dt><dd>${job.transcriptsExamined}${job.transcriptsTotal != null ? html` of ${job.transcriptsTotal}` : nothing}</dd></div>
    <div><dt>Transcripts redacted</dt><dd>${job.transcriptsRedacted}</dd></div>
    <div><dt>Messages redacted</dt><dd>${job.messagesRedacted}</dd></div>
    <div><dt>Values replaced</dt><dd>${job.valuesRedacted}</dd></div>
    <div><dt>Files destroyed</dt><dd>${job.filesDestroyed}</dd></div>
    <div><dt>Skipped (held)</dt><dd>${job.transcriptsSkipped}</dd></div>
  </dl>`;
}

export class JobProgress extends Page {
  static properties = {
    jobId: { attribute: 'job-id' },
    job: { state: true },
    mode: { state: true },
  };

  constructor() {
    super();
    this.job = null;
    this.mode = null;
    this.stop = null;
    this.timer = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.start();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.halt();
  }

  updated(changed) {
    if (changed.has('jobId') && changed.get('jobId') !== undefined) this.start();
  }

  halt() {
    if (this.stop) this.stop();
    this.stop = null;
    clearTimeout(this.timer);
  }

  async start() {
    this.halt();
    if (!this.jobId) return;
    const data = await this.run(() => gql(JOB, { id: this.jobId }));
    if (!data) return;
    this.show(data.redactionJob);
    if (this.job && !FINISHED.includes(this.job.status)) this.live();
  }

  show(job) {
    const was = this.job && this.job.status;
    this.job = job;
    if (job && FINISHED.includes(job.status) && was !== job.status) {
      this.dispatchEvent(new CustomEvent('job-finished', { detail: job, bubbles: true, composed: true }));
    }
  }

  live() {
    this.mode = 'live';
    const id = this.jobId;
    this.stop = subscribe(PROGRESS, { id }, (data) => this.show(data.redactionJobProgress), (error) => {
      this.stop = null;
      if (this.jobId !== id) return;
      if (error || !this.job || !FINISHED.includes(this.job.status)) this.poll();
    });
  }

  poll() {
    this.mode = 'polling';
    const id = this.jobId;
    const tick = async () => {
      try {
        const data = await gql(JOB, { id });
        if (this.jobId !== id || !this.isConnected) return;
        this.show(data.redactionJob);
        if (!FINISHED.includes(this.job.status)) this.timer = setTimeout(tick, 1500);
      } catch (e) {
        this.error = e;
      }
    };
    this.timer = setTimeout(tick, 1000);
  }

  render() {
    const job = this.job;
    if (!job) return html`${this.renderError()}${this.loading ? html`<p>Loading the job…</p>` : nothing}`;
    const max = job.transcriptsTotal || 0;
    return html`<section class="job" aria-label="${jobLabel(job.kind)} job progress">
      <p class="job-head">${jobLabel(job.kind)} ${statusBadge(job.status)}
        <span class="muted">requested ${when(job.requestedAt)}${job.finishedAt ? `, finished ${when(job.finishedAt)}` : ''}</span></p>
      ${FINISHED.includes(job.status) ? nothing : html`<progress max=${max || 1} .value=${max ? job.transcriptsExamined : 0}
          aria-label="Transcripts examined">${job.transcriptsExamined} of ${max}</progress>
        <p class="muted" aria-live="polite">${job.status === 'QUEUED' ? 'Waiting for a worker to pick it up.' : `Examined ${job.transcriptsExamined}${max ? ` of ${max}` : ''} transcripts.`}
          ${this.mode === 'polling' ? ' (Updating every few seconds.)' : ''}</p>`}
      ${jobCounts(job)}
      ${job.error ? html`<p class="error-text">The job failed: ${job.error}</p>` : nothing}
      ${this.renderError()}
    </section>`;
  }
}
customElements.define('job-progress', JobProgress);
