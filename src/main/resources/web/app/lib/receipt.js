// An erasure receipt and whether its JWS verifies against Lethe's public JWKS (WebCrypto).
import { html, nothing } from 'lit';
import { Page } from './base.js';
import { gql } from './api.js';
import { when } from './format.js';

const RECEIPT = `query Receipt($id: ID!) { erasureReceipt(jobId: $id) { jobId requestId subjectHash finishedAt transcriptsRedacted
  messagesRedacted formValuesRedacted filesDestroyed visitorsErased exportLinksRevoked retainedOnHold residueFound auditHash jws } }`;

function b64urlBytes(s) {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

function algorithm(alg, jwk) {
  switch (alg) {
    case 'RS256': return { imp: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, ver: { name: 'RSASSA-PKCS1-v1_5' } };
    case 'PS256': return { imp: { name: 'RSA-PSS', hash: 'SHA-256' }, ver: { name: 'RSA-PSS', saltLength: 32 } };
    case 'ES256': return { imp: { name: 'ECDSA', namedCurve: 'P-256' }, ver: { name: 'ECDSA', hash: 'SHA-256' } };
    case 'ES384': return { imp: { name: 'ECDSA', namedCurve: 'P-384' }, ver: { name: 'ECDSA', hash: 'SHA-384' } };
    case 'EdDSA': return { imp: { name: jwk.crv || 'Ed25519' }, ver: { name: jwk.crv || 'Ed25519' } };
    default: return null;
  }
}

/**
 * Verifies a compact JWS with the key set at /receipts/jwks.json; the signed payload must also
 * name the same job and subject hash as the receipt shown. Resolves to {ok, reason}.
 */
export async function verifyReceipt(receipt) {
  const parts = String(receipt.jws || '').split('.');
  if (parts.length !== 3) return { ok: false, reason: 'The signature is not a compact JWS.' };
  let header;
  let payload;
  try {
    header = JSON.parse(new TextDecoder().decode(b64urlBytes(parts[0])));
    payload = JSON.parse(new TextDecoder().decode(b64urlBytes(parts[1])));
  } catch {
    return { ok: false, reason: 'The signature cannot be read.' };
  }
  let jwks;
  try {
    const response = await fetch('/receipts/jwks.json', { credentials: 'omit', headers: { Accept: 'application/json' } });
    if (!response.ok) return { ok: false, reason: 'Lethe did not serve its public keys (GET /receipts/jwks.json).' };
    jwks = await response.json();
  } catch {
    return { ok: false, reason: 'Lethe\'s public keys could not be fetched. Check your connection and reload.' };
  }
  const keys = Array.isArray(jwks.keys) ? jwks.keys : [];
  const jwk = keys.find((k) => header.kid && k.kid === header.kid) || (keys.length === 1 ? keys[0] : null);
  if (!jwk) return { ok: false, reason: 'No public key of Lethe matches the key that signed this receipt.' };
  const alg = algorithm(header.alg, jwk);
  if (!alg) return { ok: false, reason: `The signature uses ${header.alg}, which this page cannot verify.` };
  try {
    const key = await crypto.subtle.importKey('jwk', jwk, alg.imp, false, ['verify']);
    const signed = new TextEncoder().encode(`${parts[0]}.${parts[1]}`);
    const valid = await crypto.subtle.verify(alg.ver, key, b64urlBytes(parts[2]), signed);
    if (!valid) return { ok: false, reason: 'The signature does not match: the receipt was altered or not signed by this Lethe.' };
  } catch {
    return { ok: false, reason: 'The key or signature is malformed.' };
  }
  if (payload.jobId !== receipt.jobId || payload.subjectHash !== receipt.subjectHash) {
    return { ok: false, reason: 'The signature is valid but covers a different receipt.' };
  }
  return { ok: true, reason: `Signed by Lethe (${header.alg}${header.kid ? `, key ${header.kid}` : ''}).` };
}

export class ErasureReceipt extends Page {
  static properties = { jobId: { attribute: 'job-id' }, receipt: { state: true }, check: { state: true } };

  constructor() {
    super();
    this.receipt = undefined;
    this.check = null;
  }

  updated(changed) {
    if (changed.has('jobId') && this.jobId) this.load();
  }

  async load() {
    const data = await this.run(() => gql(RECEIPT, { id: this.jobId }));
    if (!data) return;
    this.receipt = data.erasureReceipt;
    if (this.receipt) this.check = await verifyReceipt(this.receipt);
  }

  render() {
    const r = this.receipt;
    return html`<section class="receipt" aria-label="Erasure receipt">
      <h3>Erasure receipt</h3>
      ${this.renderError()}
      ${r === null ? html`<p class="muted">No receipt yet: Lethe issues it once the erasure job has succeeded.</p>` : nothing}
      ${r ? html`
        <p>${this.check ? html`<span class="badge ${this.check.ok ? 'ok' : 'bad'}">${this.check.ok ? 'Signature verifies' : 'Signature does not verify'}</span> ${this.check.reason}` : 'Checking the signature…'}</p>
        <dl class="counts">
          <div><dt>Finished</dt><dd>${when(r.finishedAt)}</dd></div>
          <div><dt>Transcripts redacted</dt><dd>${r.transcriptsRedacted}</dd></div>
          <div><dt>Messages redacted</dt><dd>${r.messagesRedacted}</dd></div>
          <div><dt>Form values redacted</dt><dd>${r.formValuesRedacted}</dd></div>
          <div><dt>Files destroyed</dt><dd>${r.filesDestroyed}</dd></div>
          <div><dt>Visitors erased</dt><dd>${r.visitorsErased}</dd></div>
          <div><dt>Export links revoked</dt><dd>${r.exportLinksRevoked}</dd></div>
          <div><dt>Kept on legal hold</dt><dd>${r.retainedOnHold.length}</dd></div>
          <div><dt>Residue found</dt><dd>${r.residueFound === 0 ? 'none' : r.residueFound}</dd></div>
        </dl>
        <p class="mono small">Subject hash ${r.subjectHash}<br>Audit event hash ${r.auditHash}</p>` : nothing}
    </section>`;
  }
}
customElements.define('erasure-receipt', ErasureReceipt);
