// Transcript search with keyset "load more". The search lives in memory only (never the URL).
import { html, nothing } from 'lit';
import { Page } from '../lib/base.js';
import { gql } from '../lib/api.js';
import { href } from '../lib/router.js';
import { when, fromLocalInput, plural } from '../lib/format.js';

const SEARCH = `query Transcripts($f: TranscriptFilter, $after: String) {
  transcripts(filter: $f, first: 50, after: $after) {
    totalCount
    edges { node { id startedAt endedAt lastActivityAt redactedAt legalHold visitor { id visitorKey name email } } }
    pageInfo { hasNextPage endCursor }
  } }`;

// kept across visits to the page within this tab, so "back to results" works without the URL
const remembered = { form: {}, rows: null, total: 0, pageInfo: null };

function filterFrom(form) {
  const f = {};
  if (form.email) f.email = form.email;
  if (form.text) f.text = form.text;
  if (form.startedAfter) f.startedAfter = fromLocalInput(form.startedAfter);
  if (form.startedBefore) f.startedBefore = fromLocalInput(form.startedBefore);
  if (form.redacted) f.redacted = form.redacted === 'yes';
  if (form.legalHold) f.legalHold = form.legalHold === 'yes';
  return f;
}

class Transcripts extends Page {
  static properties = { rows: { state: true }, total: { state: true }, pageInfo: { state: true } };

  constructor() {
    super();
    this.rows = remembered.rows;
    this.total = remembered.total;
    this.pageInfo = remembered.pageInfo;
  }

  connectedCallback() {
    super.connectedCallback();
    if (!this.rows) this.search();
  }

  async search(e) {
    if (e) {
      e.preventDefault();
      remembered.form = Object.fromEntries(new FormData(e.target).entries());
    }
    await this.fetchPage(null);
  }

  async fetchPage(after) {
    const data = await this.run(() => gql(SEARCH, { f: filterFrom(remembered.form), after }));
    if (!data) return;
    await this.showPage(data.transcripts, after, remembered);
    // lets a browser test measure response-to-screen time without instrumenting anything else
    requestAnimationFrame(() => performance.mark('lethe:transcripts-rendered', { detail: { rows: this.rows.length } }));
  }

  render() {
    const f = remembered.form;
    return html`<h1 tabindex="-1">Transcripts</h1>
      <form class="filters card" @submit=${(e) => this.search(e)} role="search" aria-label="Search transcripts">
        <div class="fields">
          <label>Visitor email<input name="email" type="email" .value=${f.email || ''} autocomplete="off"></label>
          <label>Text in messages<input name="text" type="search" .value=${f.text || ''} autocomplete="off"></label>
          <label>Started after<input name="startedAfter" type="datetime-local" .value=${f.startedAfter || ''}></label>
          <label>Started before<input name="startedBefore" type="datetime-local" .value=${f.startedBefore || ''}></label>
          <label>Redacted<select name="redacted" .value=${f.redacted || ''}>
            <option value="">Either</option><option value="yes">Redacted</option><option value="no">Not redacted</option></select></label>
          <label>Legal hold<select name="legalHold" .value=${f.legalHold || ''}>
            <option value="">Either</option><option value="yes">On hold</option><option value="no">Not on hold</option></select></label>
        </div>
        <button type="submit" class="primary" ?disabled=${this.loading}>Search</button>
      </form>
      ${this.renderError()}
      ${this.rows ? html`<p role="status" class="result-count">${plural(this.total, 'transcript')} found${this.rows.length < this.total ? `, ${this.rows.length} shown` : ''}.</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Transcripts found">
        <table class="transcripts">
          <thead><tr><th scope="col">Started</th><th scope="col">Visitor</th><th scope="col">Last activity</th><th scope="col">State</th></tr></thead>
          <tbody>${this.rows.map((t) => html`<tr>
            <td><a href=${href('transcripts', t.id)}>${when(t.startedAt)}</a></td>
            <td>${t.visitor.name || t.visitor.visitorKey}${t.visitor.email ? html`<br><span class="muted">${t.visitor.email}</span>` : nothing}</td>
            <td>${when(t.lastActivityAt)}</td>
            <td>${t.redactedAt ? html`<span class="badge redacted">Redacted</span>` : nothing}
              ${t.legalHold ? html`<span class="badge hold">On hold</span>` : nothing}
              ${!t.endedAt ? html`<span class="badge live">Open</span>` : nothing}</td>
          </tr>`)}</tbody>
        </table></div>
        ${this.pageInfo && this.pageInfo.hasNextPage ? html`<button type="button" @click=${() => this.fetchPage(this.pageInfo.endCursor)} ?disabled=${this.loading}>Load more</button>` : nothing}`
        : this.loading ? html`<p>Searching…</p>` : nothing}`;
  }
}
customElements.define('lethe-transcripts', Transcripts);
