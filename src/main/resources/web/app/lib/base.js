// Shared base for the dashboard's elements: light DOM (one global stylesheet), a loading flag
// and an error shown as a sentence. Text from the service is always bound as text.
import { LitElement, html, nothing } from 'lit';
import { ApiError } from './api.js';

export class Page extends LitElement {
  static properties = {
    loading: { state: true },
    error: { state: true },
    notice: { state: true },
  };

  createRenderRoot() {
    return this;
  }

  constructor() {
    super();
    this.loading = false;
    this.error = null;
    this.notice = null;
  }

  /** Runs an async action with the loading flag; failures become `this.error`. */
  async run(action) {
    this.loading = true;
    this.error = null;
    try {
      return await action();
    } catch (e) {
      this.error = e;
      return undefined;
    } finally {
      this.loading = false;
    }
  }

  /**
   * Shows one keyset page of a connection in `rows`, `total` and `pageInfo`, and keeps them in
   * `remembered` (so the page comes back as it was): the first page replaces the rows, a later one
   * ("load more", `after` set) appends them and moves focus to the first new row's link.
   */
  async showPage(connection, after, remembered) {
    const nodes = connection.edges.map((edge) => edge.node);
    this.rows = after ? [...this.rows, ...nodes] : nodes;
    this.total = connection.totalCount;
    this.pageInfo = connection.pageInfo;
    Object.assign(remembered, { rows: this.rows, total: this.total, pageInfo: this.pageInfo });
    await this.updateComplete;
    if (after) {
      const next = this.querySelector(`tbody tr:nth-child(${this.rows.length - nodes.length + 1}) a`);
      if (next) next.focus();
    }
  }

  renderError() {
    return errorBox(this.error);
  }

  renderNotice() {
    return this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing;
  }
}

export function errorBox(error) {
  if (!error) return nothing;
  const sentence = error instanceof ApiError ? error.sentence : error.message || String(error);
  const detail = error instanceof ApiError && error.detail ? error.detail : '';
  return html`<div class="error" role="alert"><p>${sentence}</p>${detail ? html`<p class="detail">Lethe said: ${detail}</p>` : nothing}</div>`;
}

export function statusBadge(status) {
  return html`<span class="badge status-${String(status).toLowerCase()}">${status}</span>`;
}
