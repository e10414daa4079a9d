// One transcript as a chat thread: messages, form, files, consent notes, redaction and hold.
import { html, nothing } from 'lit';
import { Page } from '../lib/base.js';
import { gql, download } from '../lib/api.js';
import { hasRole } from '../lib/auth.js';
import { href } from '../lib/router.js';
import { when, bytes } from '../lib/format.js';
import '../lib/jobs.js';

const READ = `query Transcript($id: ID!) { transcript(id: $id) {
  id startedAt endedAt redactedAt legalHold legalHoldReason lastActivityAt
  visitor { id visitorKey name email processingRestricted }
  messages { id seq sender senderName body sentAt }
  formFields { name value }
  attachments { id fileName contentType size destroyed } } }`;
const REDACT = `mutation Redact($id: ID!) { redactTranscript(id: $id) { id } }`;
const HOLD = `mutation Hold($id: ID!, $hold: Boolean!, $reason: String) { setLegalHold(transcriptId: $id, hold: $hold, reason: $reason) { id legalHold legalHoldReason } }`;

const SENDER = { VISITOR: 'Visitor', OPERATOR: 'Operator', BOT: 'Bot', SYSTEM: 'System note' };

class TranscriptPage extends Page {
  static properties = { transcriptId: {}, t: { state: true }, jobId: { state: true }, confirmRedact: { state: true } };

  constructor() {
    super();
    this.t = null;
    this.jobId = null;
    this.confirmRedact = false;
  }

  updated(changed) {
    if (changed.has('transcriptId')) this.load();
  }

  async load() {
    const data = await this.run(() => gql(READ, { id: this.transcriptId }));
    if (data) {
      this.t = data.transcript;
      if (!this.t) this.error = new Error('This transcript does not exist (it may belong to another tenant). Go back to the search.');
    }
  }

  async redact() {
    this.confirmRedact = false;
    const data = await this.run(() => gql(REDACT, { id: this.t.id }));
    if (data) this.jobId = data.redactTranscript.id;
  }

  async hold(e, on) {
    e.preventDefault();
    const reason = on ? String(new FormData(e.target).get('reason') || '').trim() : null;
    const data = await this.run(() => gql(HOLD, { id: this.t.id, hold: on, reason: reason || null }));
    if (data) {
      this.t = { ...this.t, ...data.setLegalHold };
      this.notice = on ? 'Legal hold is on: retention and erasure skip this transcript.' : 'Legal hold lifted.';
    }
  }

  async file(a) {
    this.error = null;
    try {
      await download(`/attachments/${encodeURIComponent(a.id)}`, a.fileName);
    } catch (e) {
      this.error = e;
    }
  }

  renderMessage(m) {
    return html`<li class="msg sender-${m.sender.toLowerCase()}">
      <p class="meta"><span class="who">${m.senderName || SENDER[m.sender]}</span>
        ${m.senderName ? html`<span class="muted">(${SENDER[m.sender]})</span>` : nothing}
        <time datetime=${m.sentAt}>${when(m.sentAt)}</time></p>
      <p class="body">${m.body}</p></li>`;
  }

  render() {
    const t = this.t;
    const admin = hasRole('privacy-admin');
    if (!t) return html`<h1 tabindex="-1">Transcript</h1><p><a href=${href('transcripts')}>Back to the search</a></p>${this.renderError()}${this.loading ? html`<p>Loading…</p>` : nothing}`;
    return html`<h1 tabindex="-1">Transcript of ${when(t.startedAt)}</h1>
      <p><a href=${href('transcripts')}>Back to the search</a></p>
      ${this.renderError()}${this.renderNotice()}
      <div class="two-col">
        <section aria-labelledby="thread-h" class="thread-wrap">
          <h2 id="thread-h">Conversation</h2>
          ${t.messages.length ? html`<ol class="thread">${t.messages.map((m) => this.renderMessage(m))}</ol>` : html`<p class="muted">No messages.</p>`}
        </section>
        <aside class="side">
          <section class="card" aria-labelledby="about-h">
            <h2 id="about-h">About this transcript</h2>
            <dl class="facts">
              <dt>Visitor</dt><dd><a href=${href('visitors', t.visitor.id)}>${t.visitor.name || t.visitor.visitorKey}</a>${t.visitor.email ? html`<br><span class="muted">${t.visitor.email}</span>` : nothing}</dd>
              <dt>Started</dt><dd>${when(t.startedAt)}</dd>
              <dt>Ended</dt><dd>${t.endedAt ? when(t.endedAt) : 'still open'}</dd>
              <dt>Last activity</dt><dd>${when(t.lastActivityAt)}</dd>
              <dt>Redaction</dt><dd>${t.redactedAt ? html`<span class="badge redacted">Redacted</span> ${when(t.redactedAt)}` : 'Not redacted'}</dd>
              <dt>Legal hold</dt><dd>${t.legalHold ? html`<span class="badge hold">On hold</span> ${t.legalHoldReason || ''}` : 'No'}</dd>
            </dl>
          </section>
          <section class="card" aria-labelledby="form-h">
            <h2 id="form-h">Pre-chat form</h2>
            ${t.formFields.length ? html`<dl class="facts">${t.formFields.map((f) => html`<dt>${f.name}</dt><dd>${f.value}</dd>`)}</dl>` : html`<p class="muted">No form was submitted.</p>`}
          </section>
          <section class="card" aria-labelledby="files-h">
            <h2 id="files-h">Files</h2>
            ${t.attachments.length ? html`<ul class="rows">${t.attachments.map((a) => html`<li>
                ${a.destroyed ? html`<span class="muted">File destroyed</span> <span class="badge redacted">Destroyed</span>`
                  : html`<button type="button" class="link" @click=${() => this.file(a)}>Download ${a.fileName}</button> <span class="muted">${bytes(a.size)}${a.contentType ? `, ${a.contentType}` : ''}</span>`}</li>`)}</ul>`
              : html`<p class="muted">No files.</p>`}
          </section>
          ${admin ? html`<section class="card" aria-labelledby="act-h">
            <h2 id="act-h">Privacy actions</h2>
            ${this.jobId ? html`<job-progress job-id=${this.jobId} @job-finished=${() => this.load()}></job-progress>` : nothing}
            ${t.redactedAt ? nothing : this.confirmRedact
              ? html`<div class="confirm" role="group" aria-label="Confirm redaction">
                  <p>Redact this transcript now? Every email, phone number, IP address, form value and the visitor's identifiers in it are replaced with a placeholder, and its ${t.attachments.length} file(s) are destroyed. This cannot be undone.${t.legalHold ? ' It is on legal hold, so the job will skip it.' : ''}</p>
                  <button type="button" class="danger" @click=${() => this.redact()}>Yes, redact it</button>
                  <button type="button" @click=${() => { this.confirmRedact = false; }}>Cancel</button></div>`
              : html`<button type="button" class="danger" @click=${() => { this.confirmRedact = true; }}>Redact now…</button>`}
            ${t.legalHold
              ? html`<form @submit=${(e) => this.hold(e, false)}><button type="submit" ?disabled=${this.loading}>Lift legal hold</button></form>`
              : html`<form @submit=${(e) => this.hold(e, true)} class="hold-form">
                  <label for="hold-reason">Reason for the legal hold</label>
                  <input id="hold-reason" name="reason" maxlength="500" required autocomplete="off">
                  <button type="submit" ?disabled=${this.loading}>Put on legal hold</button></form>`}
          </section>` : nothing}
        </aside>
      </div>`;
  }
}
customElements.define('lethe-transcript', TranscriptPage);
