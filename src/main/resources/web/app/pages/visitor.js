// A visitor: profile, consent per purpose with history, transcripts, and the data-subject rights.
import { html, nothing } from 'lit';
import { Page, errorBox } from '../lib/base.js';
import { gql, download } from '../lib/api.js';
import { hasRole } from '../lib/auth.js';
import { href } from '../lib/router.js';
import { when, plural } from '../lib/format.js';
import '../lib/jobs.js';
import '../lib/receipt.js';

const VISITOR = `query Visitor($id: ID!) {
  visitor(id: $id) { id visitorKey name email phone ipAddress firstSeenAt lastSeenAt redactedAt processingRestricted }
  transcripts(filter: { visitorId: $id }, first: 100) { totalCount edges { node { id startedAt redactedAt legalHold attachments { id destroyed } } } } }`;
const CONSENTS = `query Consents($id: ID!) { consentEvents(visitorId: $id) { id transcriptId purpose granted consentText consentVersion occurredAt } }`;
const EXPORT = `mutation Export($email: String!, $format: ExportFormat) { exportVisitorData(email: $email, format: $format) { id format transcriptCount downloadPath } }`;
const RECTIFY = `mutation Rectify($id: ID!, $in: RectifyVisitorInput!) { rectifyVisitor(id: $id, input: $in) { id name email phone } }`;
const RESTRICT = `mutation Restrict($id: ID!, $r: Boolean!) { restrictProcessing(visitorId: $id, restricted: $r) { id processingRestricted } }`;
const ERASE = `mutation Erase($in: ErasureInput!) { requestErasure(input: $in) { id status } }`;

class VisitorPage extends Page {
  static properties = {
    visitorId: {}, v: { state: true }, transcripts: { state: true }, consents: { state: true },
    consentError: { state: true }, erasing: { state: true }, jobId: { state: true }, finished: { state: true },
  };

  constructor() {
    super();
    this.v = null;
    this.erasing = null;
    this.jobId = null;
    this.finished = null;
  }

  updated(changed) {
    if (changed.has('visitorId')) this.load();
  }

  async load() {
    const data = await this.run(() => gql(VISITOR, { id: this.visitorId }));
    if (!data) return;
    if (!data.visitor) {
      this.error = new Error('This visitor does not exist, is hidden from you (processing restricted), or belongs to another tenant.');
      return;
    }
    this.v = data.visitor;
    this.transcripts = data.transcripts;
    if (hasRole('privacy-admin', 'auditor')) {
      try {
        this.consents = (await gql(CONSENTS, { id: this.visitorId })).consentEvents;
      } catch (e) {
        this.consentError = e;
      }
    }
  }

  async exportAs(format) {
    await this.run(async () => {
      const d = (await gql(EXPORT, { email: this.v.email, format })).exportVisitorData;
      await download(d.downloadPath, `lethe-export-${this.v.id}.${format.toLowerCase()}`);
      this.notice = `Export downloaded: ${plural(d.transcriptCount, 'transcript')} as ${format}.`;
    });
  }

  async rectify(e) {
    e.preventDefault();
    const form = Object.fromEntries(new FormData(e.target).entries());
    const input = {};
    for (const k of ['name', 'email', 'phone']) if (form[k] !== (this.v[k] || '')) input[k] = form[k];
    if (!Object.keys(input).length) {
      this.notice = 'Nothing changed.';
      return;
    }
    const data = await this.run(() => gql(RECTIFY, { id: this.v.id, in: input }));
    if (data) {
      this.v = { ...this.v, ...data.rectifyVisitor };
      this.notice = 'Profile corrected.';
    }
  }

  async restrict(on) {
    const data = await this.run(() => gql(RESTRICT, { id: this.v.id, r: on }));
    if (data) {
      this.v = { ...this.v, ...data.restrictProcessing };
      this.notice = on ? 'Processing restricted: agents no longer see this visitor.' : 'Restriction lifted.';
    }
  }

  async erase() {
    const data = await this.run(() => gql(ERASE, { in: { email: this.v.email, idempotencyKey: this.erasing.key, searchAllTranscripts: this.erasing.all } }));
    if (data) {
      this.jobId = data.requestErasure.id;
      this.erasing = null;
    }
  }

  latestConsents() {
    const latest = new Map();
    for (const c of this.consents || []) {
      const prev = latest.get(c.purpose);
      if (!prev || new Date(c.occurredAt) >= new Date(prev.occurredAt)) latest.set(c.purpose, c);
    }
    return [...latest.values()].sort((a, b) => a.purpose.localeCompare(b.purpose));
  }

  renderConsents() {
    if (!hasRole('privacy-admin', 'auditor')) return html`<p class="muted">Consent history needs the privacy-admin or auditor role.</p>`;
    if (this.consentError) return errorBox(this.consentError);
    if (!this.consents) return html`<p class="muted">Loading…</p>`;
    if (!this.consents.length) return html`<p class="muted">No consent was recorded.</p>`;
    return html`<ul class="rows">${this.latestConsents().map((c) => html`<li><strong>${c.purpose}</strong>
        <span class="badge ${c.granted ? 'ok' : 'bad'}">${c.granted ? 'Granted' : 'Withdrawn'}</span> <span class="muted">${when(c.occurredAt)}</span></li>`)}</ul>
      <details><summary>History (${this.consents.length})</summary>
        <ol class="history">${this.consents.map((c) => html`<li><span class="muted">${when(c.occurredAt)}</span> ${c.purpose}:
          ${c.granted ? 'granted' : 'withdrawn'} <q>${c.consentText}</q> <span class="mono small">v ${c.consentVersion.slice(0, 12)}</span></li>`)}</ol>
      </details>`;
  }

  renderErase(v) {
    const list = this.transcripts.edges.map((e) => e.node);
    const held = list.filter((t) => t.legalHold).length;
    const files = list.reduce((n, t) => n + t.attachments.filter((a) => !a.destroyed).length, 0);
    if (this.jobId) {
      return html`<job-progress job-id=${this.jobId} @job-finished=${(e) => { this.finished = e.detail; this.load(); }}></job-progress>
        ${this.finished && this.finished.status === 'SUCCEEDED' ? html`<erasure-receipt job-id=${this.jobId}></erasure-receipt>` : nothing}`;
    }
    if (!v.email) return html`<p class="muted">Erasure and export work by email, and this visitor has none on record. Rectify the profile first if you know it.</p>`;
    if (!this.erasing) {
      return html`<button type="button" class="danger" @click=${() => { this.erasing = { key: `dashboard-${crypto.randomUUID()}`, all: false }; }}>Erase this person…</button>`;
    }
    return html`<div class="confirm" role="group" aria-labelledby="erase-q">
      <p id="erase-q"><strong>Erase everything Lethe holds about ${v.email}?</strong> This goes, and cannot be restored:</p>
      <ul>
        <li>${plural(list.length - held, 'transcript')} of every visitor with this email, redacted: emails, phone numbers, IP addresses, form values and identifiers replaced${held ? html`; <strong>${plural(held, 'transcript')} on legal hold ${held === 1 ? 'is' : 'are'} kept</strong> and erased when the hold is lifted` : ''}</li>
        <li>${plural(files, 'uploaded file')}, destroyed</li>
        <li>the profile: name, email, phone and IP address; the visitor key becomes a placeholder</li>
        <li>download links of earlier exports of this person</li>
      </ul>
      <label class="check"><input type="checkbox" .checked=${this.erasing.all} @change=${(e) => { this.erasing = { ...this.erasing, all: e.target.checked }; }}>
        Also remove this email and phone where other visitors' transcripts mention them</label>
      <p><button type="button" class="danger" @click=${() => this.erase()} ?disabled=${this.loading}>Yes, erase ${v.email}</button>
        <button type="button" @click=${() => { this.erasing = null; }}>Cancel</button></p>
    </div>`;
  }

  render() {
    const v = this.v;
    if (!v) return html`<h1 tabindex="-1">Visitor</h1>${this.renderError()}${this.loading ? html`<p>Loading…</p>` : nothing}`;
    const admin = hasRole('privacy-admin');
    return html`<h1 tabindex="-1">Visitor ${v.name || v.visitorKey}</h1>
      ${this.renderError()}${this.renderNotice()}
      <div class="grid">
        <section class="card" aria-labelledby="prof-h"><h2 id="prof-h">Profile</h2>
          <dl class="facts">
            <dt>Visitor key</dt><dd class="mono">${v.visitorKey}</dd>
            <dt>Name</dt><dd>${v.name || '—'}</dd>
            <dt>Email</dt><dd>${v.email || '—'}</dd>
            <dt>Phone</dt><dd>${v.phone || '—'}</dd>
            <dt>IP address</dt><dd>${v.ipAddress || '—'}</dd>
            <dt>First seen</dt><dd>${when(v.firstSeenAt)}</dd>
            <dt>Last seen</dt><dd>${when(v.lastSeenAt)}</dd>
            <dt>State</dt><dd>${v.redactedAt ? html`<span class="badge redacted">Erased</span> ${when(v.redactedAt)}` : 'Active'}
              ${v.processingRestricted ? html`<span class="badge hold">Processing restricted</span>` : nothing}</dd>
          </dl>
        </section>
        <section class="card" aria-labelledby="cons-h"><h2 id="cons-h">Consent</h2>${this.renderConsents()}</section>
        <section class="card" aria-labelledby="vt-h"><h2 id="vt-h">Transcripts (${this.transcripts.totalCount})</h2>
          <ul class="rows">${this.transcripts.edges.map(({ node: t }) => html`<li><a href=${href('transcripts', t.id)}>${when(t.startedAt)}</a>
            ${t.redactedAt ? html`<span class="badge redacted">Redacted</span>` : nothing}${t.legalHold ? html`<span class="badge hold">On hold</span>` : nothing}</li>`)}</ul>
        </section>
        ${admin ? html`
        <section class="card" aria-labelledby="exp-h"><h2 id="exp-h">Export (access request)</h2>
          ${v.email ? html`<p>Everything about ${v.email}, as a file.</p>
            <button type="button" @click=${() => this.exportAs('CSV')} ?disabled=${this.loading}>Download CSV</button>
            <button type="button" @click=${() => this.exportAs('JSON')} ?disabled=${this.loading}>Download JSON</button>`
            : html`<p class="muted">Exports work by email, and this visitor has none on record.</p>`}
        </section>
        <section class="card" aria-labelledby="rect-h"><h2 id="rect-h">Rectify</h2>
          <form @submit=${(e) => this.rectify(e)}>
            <label>Name<input name="name" .value=${v.name || ''} autocomplete="off"></label>
            <label>Email<input name="email" type="email" .value=${v.email || ''} autocomplete="off"></label>
            <label>Phone<input name="phone" type="tel" .value=${v.phone || ''} autocomplete="off"></label>
            <button type="submit" ?disabled=${this.loading}>Save corrections</button>
          </form>
        </section>
        <section class="card" aria-labelledby="rest-h"><h2 id="rest-h">Restrict processing</h2>
          <p>${v.processingRestricted ? 'Processing is restricted: agents cannot see this visitor or their transcripts.' : 'Restricting hides this visitor and their transcripts from agents.'}</p>
          <button type="button" @click=${() => this.restrict(!v.processingRestricted)} ?disabled=${this.loading}>${v.processingRestricted ? 'Lift the restriction' : 'Restrict processing'}</button>
        </section>
        <section class="card wide" aria-labelledby="erase-h"><h2 id="erase-h">Erase</h2>${this.renderErase(v)}</section>` : nothing}
      </div>`;
  }
}
customElements.define('lethe-visitor', VisitorPage);
