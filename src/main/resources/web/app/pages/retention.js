// Retention windows with a dry-run preview before saving, and the tenant's privacy settings.
import { html, nothing } from 'lit';
import { Page, errorBox } from '../lib/base.js';
import { gql } from '../lib/api.js';
import { when, plural } from '../lib/format.js';
import '../lib/jobs.js';

const LOAD = `query Retention { retentionPolicy { redactAfterDays destroyFilesAfterDays forgetIpAfterDays } }`;
const SETTINGS_FIELDS = 'phoneRegions placeholderStyle detectPaymentCards truncateIpAddresses eraseOnConsentWithdrawal processingPurposes';
const SETTINGS = `query Settings { privacySettings { ${SETTINGS_FIELDS} } }`;
const PREVIEW = `query Preview($in: RetentionPolicyInput) { previewRetention(input: $in) { asOf transcriptsToRedact transcriptsHeld
  filesToDestroy visitorsWithIpToForget oldestActivityAt samples { transcriptId seq before after } } }`;
const SAVE = `mutation SavePolicy($in: RetentionPolicyInput!) { setRetentionPolicy(input: $in) { redactAfterDays destroyFilesAfterDays forgetIpAfterDays } }`;
const APPLY = `mutation Apply { applyRetentionPolicy { id } }`;
const UPDATE = `mutation SaveSettings($in: PrivacySettingsInput!) { updatePrivacySettings(input: $in) { ${SETTINGS_FIELDS} } }`;

const WINDOWS = [
  ['redactAfterDays', 'Redact whole transcripts', 'every message, form value and file of a transcript'],
  ['destroyFilesAfterDays', 'Destroy uploaded files', 'the files only; the text stays'],
  ['forgetIpAfterDays', 'Forget IP addresses', 'the visitor\'s stored IP and IP addresses in messages'],
];

function list(text) {
  return String(text || '').split(',').map((s) => s.trim()).filter(Boolean);
}

class Retention extends Page {
  static properties = {
    policy: { state: true }, draft: { state: true }, preview: { state: true }, previewed: { state: true },
    settings: { state: true }, settingsError: { state: true }, settingsNotice: { state: true }, jobId: { state: true },
  };

  constructor() {
    super();
    this.policy = null;
    this.preview = null;
    this.previewed = null;
    this.settings = null;
    this.jobId = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    const data = await this.run(() => gql(LOAD));
    if (data) {
      this.policy = data.retentionPolicy;
      this.draft = { ...this.policy };
    }
    try {
      this.settings = (await gql(SETTINGS)).privacySettings;
    } catch (e) {
      this.settingsError = e;
    }
  }

  readDraft(form) {
    const d = {};
    for (const [k] of WINDOWS) {
      const days = form.querySelector(`[name=${k}]`).value.trim();
      d[k] = days === '' ? null : Number(days);
    }
    return d;
  }

  changed(e) {
    this.draft = this.readDraft(e.currentTarget);
    this.preview = null;
    this.previewed = null;
  }

  async runPreview(e) {
    e.preventDefault();
    const draft = this.readDraft(e.target);
    const data = await this.run(() => gql(PREVIEW, { in: draft }));
    if (data) {
      this.preview = data.previewRetention;
      this.previewed = JSON.stringify(draft);
    }
  }

  async save() {
    const data = await this.run(() => gql(SAVE, { in: this.draft }));
    if (data) {
      this.policy = data.setRetentionPolicy;
      this.notice = 'Retention policy saved. The next sweep applies it; "Run a sweep now" starts one at once.';
      this.preview = null;
      this.previewed = null;
    }
  }

  async apply() {
    const data = await this.run(() => gql(APPLY));
    if (data) this.jobId = data.applyRetentionPolicy.id;
  }

  async saveSettings(e) {
    e.preventDefault();
    const f = new FormData(e.target);
    const input = {
      phoneRegions: list(f.get('phoneRegions')).map((r) => r.toUpperCase()),
      placeholderStyle: f.get('placeholderStyle'),
      detectPaymentCards: f.get('detectPaymentCards') === 'on',
      truncateIpAddresses: f.get('truncateIpAddresses') === 'on',
      eraseOnConsentWithdrawal: list(f.get('eraseOnConsentWithdrawal')),
      processingPurposes: list(f.get('processingPurposes')),
    };
    this.settingsError = null;
    this.settingsNotice = null;
    try {
      this.settings = (await gql(UPDATE, { in: input })).updatePrivacySettings;
      this.settingsNotice = 'Privacy settings saved.';
    } catch (err) {
      this.settingsError = err;
    }
  }

  renderPreview(p) {
    return html`<section class="preview" aria-labelledby="pv-h" aria-live="polite">
      <h3 id="pv-h">What this policy would do now (${when(p.asOf)})</h3>
      <dl class="counts">
        <div><dt>Transcripts to redact</dt><dd>${p.transcriptsToRedact}</dd></div>
        <div><dt>Kept on legal hold</dt><dd>${p.transcriptsHeld}</dd></div>
        <div><dt>Files to destroy</dt><dd>${p.filesToDestroy}</dd></div>
        <div><dt>Visitors whose IP is forgotten</dt><dd>${p.visitorsWithIpToForget}</dd></div>
        <div><dt>Oldest activity affected</dt><dd>${when(p.oldestActivityAt)}</dd></div>
      </dl>
      ${p.samples.length ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="Sample messages before and after">
        <table><caption>${plural(p.samples.length, 'sample message')}: as stored now and as they would read afterwards</caption>
        <thead><tr><th scope="col">Before</th><th scope="col">After</th></tr></thead>
        <tbody>${p.samples.map((s) => html`<tr><td>${s.before}</td><td>${s.after}</td></tr>`)}</tbody></table></div>`
        : html`<p class="muted">No message would change.</p>`}
    </section>`;
  }

  renderSettings() {
    const s = this.settings;
    if (!s) return this.settingsError ? errorBox(this.settingsError) : html`<p class="muted">Loading…</p>`;
    return html`<form @submit=${(e) => this.saveSettings(e)}>
      <label>Phone regions (ISO codes, comma-separated; the first is the default)<input name="phoneRegions" .value=${s.phoneRegions.join(', ')} required autocomplete="off"></label>
      <label>Placeholder style<select name="placeholderStyle" .value=${s.placeholderStyle}>
        <option value="PLAIN">Plain: &lt;redacted&gt;</option><option value="TYPED">Typed: &lt;redacted:email&gt;, &lt;redacted:phone&gt;, …</option></select></label>
      <label class="check"><input type="checkbox" name="detectPaymentCards" .checked=${s.detectPaymentCards}> Redact payment card numbers too</label>
      <label class="check"><input type="checkbox" name="truncateIpAddresses" .checked=${s.truncateIpAddresses}> Truncate IP addresses when they arrive</label>
      <label>Erase when consent is withdrawn for (purposes, comma-separated)<input name="eraseOnConsentWithdrawal" .value=${s.eraseOnConsentWithdrawal.join(', ')} autocomplete="off"></label>
      <label>Processing purposes (listed in access exports)<input name="processingPurposes" .value=${s.processingPurposes.join(', ')} autocomplete="off"></label>
      ${errorBox(this.settingsError)}
      ${this.settingsNotice ? html`<p class="notice" role="status">${this.settingsNotice}</p>` : nothing}
      <button type="submit" class="primary">Save settings</button>
    </form>`;
  }

  render() {
    const d = this.draft;
    const ready = this.previewed !== null && this.previewed === JSON.stringify(d);
    return html`<h1 tabindex="-1">Retention & settings</h1>
      ${this.renderError()}${this.renderNotice()}
      ${d ? html`<section class="card" aria-labelledby="ret-h"><h2 id="ret-h">Retention windows</h2>
        <p class="muted">Ages count from a transcript's last activity. Preview a change before you save it.</p>
        <form @submit=${(e) => this.runPreview(e)} @input=${(e) => this.changed(e)} @change=${(e) => this.changed(e)}>
          <div class="fields">${WINDOWS.map(([k, label, what]) => html`<label>${label} after (days)
            <input type="number" name=${k} min="1" max="36500" inputmode="numeric" .value=${d[k] != null ? String(d[k]) : ''} aria-describedby="${k}-hint">
            <span id="${k}-hint" class="muted small">${what}; empty = off</span></label>`)}</div>
          <button type="submit" ?disabled=${this.loading}>Preview</button>
          <button type="button" class="primary" ?disabled=${!ready || this.loading} @click=${() => this.save()}
            aria-describedby="save-hint">Save policy</button>
          <span id="save-hint" class="muted">${ready ? 'The preview matches these windows.' : 'Preview these windows first.'}</span>
        </form>
        ${this.preview ? this.renderPreview(this.preview) : nothing}
        <p><button type="button" @click=${() => this.apply()} ?disabled=${this.loading}>Run a sweep now</button></p>
        ${this.jobId ? html`<job-progress job-id=${this.jobId}></job-progress>` : nothing}
      </section>` : nothing}
      <section class="card" aria-labelledby="set-h"><h2 id="set-h">Privacy settings</h2>${this.renderSettings()}</section>`;
  }
}
customElements.define('lethe-retention', Retention);
