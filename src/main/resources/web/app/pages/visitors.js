// Visitor search (by email or visitor key) with keyset "load more". Like the transcript search,
// the terms live in memory only: they never reach the address bar or the history.
import { html, nothing } from 'lit';
import { Page } from '../lib/base.js';
import { gql } from '../lib/api.js';
import { href } from '../lib/router.js';
import { when, plural } from '../lib/format.js';

const SEARCH = `query Visitors($f: VisitorFilter, $after: String) {
  visitors(filter: $f, first: 50, after: $after) {
    totalCount
    edges { node { id visitorKey name email lastSeenAt redactedAt processingRestricted } }
    pageInfo { hasNextPage endCursor }
  } }`;

// kept across visits within this tab, so coming back from a visitor shows the same results
const remembered = { form: {}, rows: null, total: 0, pageInfo: null };

function filterFrom(form) {
  const f = {};
  if (form.email && form.email.trim()) f.email = form.email.trim();
  if (form.visitorKey && form.visitorKey.trim()) f.visitorKey = form.visitorKey.trim();
  return Object.keys(f).length ? f : null;
}

class Visitors extends Page {
  static properties = { rows: { state: true }, total: { state: true }, pageInfo: { state: true } };

  constructor() {
    super();
    this.rows = remembered.rows;
    this.total = remembered.total;
    this.pageInfo = remembered.pageInfo;
  }

  async search(e) {
    e.preventDefault();
    remembered.form = Object.fromEntries(new FormData(e.target).entries());
    await this.fetchPage(null);
  }

  async fetchPage(after) {
    const data = await this.run(() => gql(SEARCH, { f: filterFrom(remembered.form), after }));
    if (!data) return;
    await this.showPage(data.visitors, after, remembered);
  }

  render() {
    const f = remembered.form;
    return html`<h1 tabindex="-1">Visitors</h1>
      <p class="muted">Find the person a request is about, then open their page to see their consent, export, correct, restrict or erase their data.</p>
      <form class="filters card" @submit=${(e) => this.search(e)} role="search" aria-label="Find a visitor">
        <div class="fields">
          <label>Email address<input name="email" type="email" .value=${f.email || ''} autocomplete="off"
            aria-describedby="vs-email-hint"><span id="vs-email-hint" class="muted small">the whole address; upper or lower case does not matter</span></label>
          <label>Visitor key<input name="visitorKey" .value=${f.visitorKey || ''} autocomplete="off"
            aria-describedby="vs-key-hint"><span id="vs-key-hint" class="muted small">the chat widget's visitor ID, exactly</span></label>
        </div>
        <button type="submit" class="primary" ?disabled=${this.loading}>Find visitors</button>
        <span class="muted small">Leave both empty to list every visitor.</span>
      </form>
      ${this.renderError()}
      ${this.rows ? html`<p role="status" class="result-count">${plural(this.total, 'visitor')} found${this.rows.length < this.total ? `, ${this.rows.length} shown` : ''}.</p>
        ${this.rows.length ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="Visitors found">
        <table class="visitors">
          <thead><tr><th scope="col">Visitor</th><th scope="col">Email</th><th scope="col">Last seen</th><th scope="col">State</th></tr></thead>
          <tbody>${this.rows.map((v) => html`<tr>
            <td><a href=${href('visitors', v.id)}>${v.name || v.visitorKey}</a></td>
            <td>${v.email || '—'}</td>
            <td>${when(v.lastSeenAt)}</td>
            <td>${v.redactedAt ? html`<span class="badge redacted">Erased</span>` : nothing}
              ${v.processingRestricted ? html`<span class="badge hold">Processing restricted</span>` : nothing}</td>
          </tr>`)}</tbody>
        </table></div>` : html`<p class="muted">No visitor matches. Check the spelling of the whole email address; a visitor whose processing is restricted is hidden from agents.</p>`}
        ${this.pageInfo && this.pageInfo.hasNextPage ? html`<button type="button" @click=${() => this.fetchPage(this.pageInfo.endCursor)} ?disabled=${this.loading}>Load more</button>` : nothing}`
        : this.loading ? html`<p>Searching…</p>` : nothing}`;
  }
}
customElements.define('lethe-visitors', Visitors);
