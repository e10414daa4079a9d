// Sign-in: development tokens (dev/test profiles), OIDC with PKCE, or a pasted token.
import { html, nothing } from 'lit';
import { Page } from '../lib/base.js';
import { ROLES, session, dashboardConfig, devSignIn, signIn, startOidcSignIn, completeOidcSignIn } from '../lib/auth.js';

class SignIn extends Page {
  static properties = { config: { state: true } };

  constructor() {
    super();
    this.config = null;
  }

  async connectedCallback() {
    super.connectedCallback();
    this.config = await dashboardConfig();
    await this.run(() => completeOidcSignIn());
  }

  async dev(e) {
    e.preventDefault();
    const form = new FormData(e.target);
    const roles = form.getAll('role');
    await this.run(() => devSignIn(String(form.get('tenant')).trim(), roles));
  }

  paste(e) {
    e.preventDefault();
    const token = new FormData(e.target).get('token');
    this.error = null;
    try {
      signIn(token);
    } catch (err) {
      this.error = err;
    }
  }

  render() {
    const c = this.config;
    return html`<section class="signin">
      <h1 tabindex="-1">Sign in to Lethe</h1>
      ${session.notice ? html`<p class="notice" role="status">${session.notice}</p>` : nothing}
      ${this.renderError()}
      ${c && c.oidc ? html`<div class="card">
          <h2>Single sign-on</h2>
          <p>Sign in with your organisation's account.</p>
          <button type="button" class="primary" @click=${() => this.run(() => startOidcSignIn())}>Sign in with single sign-on</button>
        </div>` : nothing}
      ${c && c.devSignIn ? html`<form class="card" @submit=${this.dev} aria-labelledby="dev-title">
          <h2 id="dev-title">Development sign-in</h2>
          <p class="muted">Dev mode only: Lethe mints a token for any tenant and roles.</p>
          <label for="tenant">Tenant</label>
          <input id="tenant" name="tenant" required pattern="[a-z0-9][a-z0-9._\\-]{0,62}" value="acme" autocomplete="off">
          <fieldset>
            <legend>Roles</legend>
            ${ROLES.map((r) => html`<label class="check"><input type="checkbox" name="role" value=${r} ?checked=${r === 'privacy-admin'}> ${r}</label>`)}
          </fieldset>
          <button type="submit" class="primary" ?disabled=${this.loading}>Sign in</button>
        </form>` : nothing}
      <form class="card" @submit=${this.paste} aria-labelledby="paste-title">
        <h2 id="paste-title">Paste a token</h2>
        <p class="muted">A Lethe bearer token (JWT). It is kept in this tab's memory only; reloading the page signs you out.</p>
        <label for="token">Token</label>
        <textarea id="token" name="token" rows="3" required spellcheck="false" autocomplete="off"></textarea>
        <button type="submit">Use this token</button>
      </form>
    </section>`;
  }
}
customElements.define('lethe-signin', SignIn);
