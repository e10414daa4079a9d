// The application shell: sign-in, navigation by role, and the page for the current route.
import { html, nothing } from 'lit';
import { Page } from './lib/base.js';
import { session, onSessionChange, signOut, hasRole } from './lib/auth.js';
import { closeSubscriptions } from './lib/api.js';
import { currentRoute, onRouteChange, href } from './lib/router.js';
import './pages/signin.js';
import './pages/overview.js';
import './pages/transcripts.js';
import './pages/transcript.js';
import './pages/visitors.js';
import './pages/visitor.js';
import './pages/requests.js';
import './pages/request.js';
import './pages/retention.js';
import './pages/jobs.js';
import './pages/audit.js';

const ADMIN = 'privacy-admin';
const AGENT = 'agent';
const AUDITOR = 'auditor';

/** Each page and the roles that may open it (the service enforces the same rules). */
export const PAGES = [
  { page: 'overview', label: 'Overview', roles: [ADMIN, AGENT, AUDITOR] },
  { page: 'transcripts', label: 'Transcripts', roles: [ADMIN, AGENT] },
  { page: 'visitors', label: 'Visitors', roles: [ADMIN, AGENT] },
  { page: 'requests', label: 'Requests', roles: [ADMIN, AUDITOR] },
  { page: 'retention', label: 'Retention & settings', roles: [ADMIN] },
  { page: 'jobs', label: 'Jobs', roles: [ADMIN, AUDITOR] },
  { page: 'audit', label: 'Audit', roles: [ADMIN, AUDITOR] },
];
const DETAIL = { visitors: 'visitors', transcripts: 'transcripts', requests: 'requests' };

class LetheApp extends Page {
  static properties = { route: { state: true }, signedIn: { state: true } };

  constructor() {
    super();
    this.route = currentRoute();
    this.signedIn = !!session.token;
    onRouteChange((route) => {
      this.route = route;
    });
    onSessionChange(() => {
      this.signedIn = !!session.token;
      if (!session.token) closeSubscriptions();
      this.requestUpdate();
    });
  }

  async updated(changed) {
    if (changed.has('route') || changed.has('signedIn')) {
      // the page element renders after the shell: wait for it, then move focus to its heading
      const pageEl = this.querySelector('main > *');
      if (pageEl && pageEl.updateComplete) await pageEl.updateComplete;
      const heading = this.querySelector('main h1');
      if (heading && changed.get('route') !== undefined) heading.focus();
      document.title = `${heading ? heading.textContent.trim() : 'Sign in'} · Lethe`;
    }
  }

  pageFor(route) {
    const nav = PAGES.find((p) => p.page === (route.id ? DETAIL[route.page] || route.page : route.page));
    if (!nav) return html`<section><h1 tabindex="-1">Page not found</h1><p>There is no such page. Use the navigation above.</p></section>`;
    if (!hasRole(...nav.roles)) {
      return html`<section><h1 tabindex="-1">Not available with your roles</h1>
        <p>This page needs one of the roles ${nav.roles.join(', ')}; you are signed in with ${session.roles.join(', ') || 'no roles'}. Sign in with another role or ask an administrator.</p></section>`;
    }
    switch (route.page) {
      case 'overview': return html`<lethe-overview></lethe-overview>`;
      case 'transcripts': return route.id ? html`<lethe-transcript .transcriptId=${route.id}></lethe-transcript>` : html`<lethe-transcripts></lethe-transcripts>`;
      case 'visitors': return route.id ? html`<lethe-visitor .visitorId=${route.id}></lethe-visitor>` : html`<lethe-visitors></lethe-visitors>`;
      case 'requests': return route.id ? html`<lethe-request .requestId=${route.id}></lethe-request>` : html`<lethe-requests></lethe-requests>`;
      case 'retention': return html`<lethe-retention></lethe-retention>`;
      case 'jobs': return html`<lethe-jobs></lethe-jobs>`;
      case 'audit': return html`<lethe-audit></lethe-audit>`;
      default: return nothing;
    }
  }

  render() {
    if (!this.signedIn) {
      return html`<header class="top"><span class="brand">Lethe</span></header>
        <main id="main"><lethe-signin></lethe-signin></main>`;
    }
    const active = this.route.id ? DETAIL[this.route.page] || this.route.page : this.route.page;
    return html`<a class="skip" href="#main" @click=${this.skip}>Skip to content</a>
      <header class="top">
        <span class="brand">Lethe</span>
        <nav aria-label="Main">
          <ul>
            ${PAGES.filter((p) => hasRole(...p.roles)).map((p) => html`<li><a href=${href(p.page)} aria-current=${p.page === active ? 'page' : 'false'}>${p.label}</a></li>`)}
          </ul>
        </nav>
        <div class="who">
          <span>${session.tenant} · ${session.roles.join(', ') || 'no roles'}</span>
          <button type="button" class="link" @click=${() => signOut()}>Sign out</button>
        </div>
      </header>
      <main id="main" tabindex="-1">${this.pageFor(this.route)}</main>`;
  }

  skip(e) {
    // the hash is the route: move focus without touching it
    e.preventDefault();
    this.querySelector('main').focus();
  }
}
customElements.define('lethe-app', LetheApp);
