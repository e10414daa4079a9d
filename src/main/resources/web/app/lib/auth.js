// Who is signed in. The token lives in this module's memory only (never localStorage,
// sessionStorage, cookies or the URL): a reload signs the user out.
const listeners = new Set();

export const session = {
  token: null,
  tenant: null,
  subject: null,
  roles: [],
  expiresAt: 0,
  notice: null,
};

export const ROLES = ['privacy-admin', 'agent', 'auditor', 'ingest'];

export function onSessionChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit() {
  listeners.forEach((l) => l(session));
}

function base64UrlDecode(part) {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Reads (does not verify: the service does) the claims the page needs to decide what to show. */
export function readClaims(token) {
  const parts = String(token || '').trim().split('.');
  if (parts.length !== 3) throw new Error('That is not a JSON Web Token: it needs three dot-separated parts.');
  let claims;
  try {
    claims = JSON.parse(base64UrlDecode(parts[1]));
  } catch {
    throw new Error('That token cannot be read: its middle part is not base64url-encoded JSON.');
  }
  if (typeof claims.tenant !== 'string') throw new Error('That token has no `tenant` claim; ask for a Lethe token.');
  if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) throw new Error('That token has expired; get a new one.');
  return claims;
}

export function signIn(token) {
  const claims = readClaims(token);
  session.token = String(token).trim();
  session.tenant = claims.tenant;
  session.subject = typeof claims.sub === 'string' ? claims.sub : null;
  session.roles = Array.isArray(claims.groups) ? claims.groups.filter((g) => typeof g === 'string') : [];
  session.expiresAt = typeof claims.exp === 'number' ? claims.exp * 1000 : 0;
  session.notice = null;
  emit();
}

export function signOut(reason) {
  if (!session.token) return;
  session.token = null;
  session.tenant = null;
  session.subject = null;
  session.roles = [];
  session.expiresAt = 0;
  session.notice = reason === 'expired' ? 'Your sign-in expired or was refused by Lethe. Sign in again.' : null;
  emit();
}

export function hasRole(...roles) {
  return roles.some((r) => session.roles.includes(r));
}

let config = null;

/** The public dashboard configuration: whether dev sign-in exists and the OIDC settings. */
export async function dashboardConfig() {
  if (!config) {
    try {
      const response = await fetch('/dashboard/config', { headers: { Accept: 'application/json' }, credentials: 'omit' });
      config = response.ok ? await response.json() : { devSignIn: false, oidc: null };
    } catch {
      config = { devSignIn: false, oidc: null };
    }
  }
  return config;
}

/** Dev and test profiles only: a signed token for any tenant and roles. */
export async function devSignIn(tenant, roles) {
  const q = new URLSearchParams({ tenant, roles: roles.join(',') });
  let response;
  try {
    response = await fetch(`/dev/token?${q}`, { credentials: 'omit', cache: 'no-store' });
  } catch {
    throw new Error('Lethe could not be reached. Check that it is running, then try again.');
  }
  const text = await response.text();
  if (!response.ok) {
    let message = 'The development sign-in was refused. Check the tenant name and roles.';
    try {
      const body = JSON.parse(text);
      const m = body.message || (body.errors && body.errors[0] && body.errors[0].message);
      if (m) message = `The development sign-in was refused: ${m}`;
    } catch {
      /* not JSON: keep the sentence */
    }
    throw new Error(message);
  }
  signIn(text);
}

// --- OIDC authorization code flow with PKCE (RFC 7636), all in the browser with WebCrypto ---
const PKCE_KEY = 'lethe.oidc.pending';

function randomString(bytes) {
  const a = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...a)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function s256(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function discovery(issuer) {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let response;
  try {
    response = await fetch(url, { credentials: 'omit' });
  } catch {
    throw new Error('The identity provider could not be reached. Check LETHE_OIDC_ISSUER_URL or paste a token instead.');
  }
  if (!response.ok) throw new Error('The identity provider did not describe itself (no OpenID configuration). Paste a token instead.');
  return response.json();
}

function redirectUri() {
  return `${location.origin}/`;
}

export async function startOidcSignIn() {
  const { oidc } = await dashboardConfig();
  if (!oidc) throw new Error('Single sign-on is not configured on this Lethe. Paste a token instead.');
  const meta = await discovery(oidc.issuer);
  const verifier = randomString(48);
  const state = randomString(16);
  // only the one-time PKCE verifier and state survive the redirect, never a token
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: redirectUri(),
    scope: oidc.scopes,
    state,
    code_challenge: await s256(verifier),
    code_challenge_method: 'S256',
  });
  location.assign(`${meta.authorization_endpoint}?${q}`);
}

/** On return from the identity provider: exchanges the code for a token and cleans the address bar. */
export async function completeOidcSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return false;
  const pending = sessionStorage.getItem(PKCE_KEY);
  sessionStorage.removeItem(PKCE_KEY);
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
  if (params.has('error')) throw new Error('The identity provider refused the sign-in. Try again or paste a token.');
  const { verifier, state } = pending ? JSON.parse(pending) : {};
  if (!verifier || state !== params.get('state')) throw new Error('That sign-in answer does not belong to this page. Sign in again.');
  const { oidc } = await dashboardConfig();
  const meta = await discovery(oidc.issuer);
  const response = await fetch(meta.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: redirectUri(),
      client_id: oidc.clientId,
      code_verifier: verifier,
    }),
    credentials: 'omit',
  });
  if (!response.ok) throw new Error('The identity provider did not issue a token. Sign in again.');
  const body = await response.json();
  signIn(body.access_token);
  return true;
}
