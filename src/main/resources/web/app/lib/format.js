// Display helpers. Everything here returns plain strings: templates bind them as text.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function when(iso) {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

export function day(iso) {
  return iso ? dateOnly.format(new Date(iso)) : '—';
}

export function isOverdue(request) {
  return !request.completedAt && (request.status === 'OPEN' || request.status === 'IN_PROGRESS') && new Date(request.dueAt) < new Date();
}

export function daysLeft(iso) {
  const ms = new Date(iso) - new Date();
  return Math.round(ms / 86400000);
}

export function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1048576) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1048576).toFixed(1)} MiB`;
}

export function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many || `${one}s`}`;
}

/** An HTML datetime-local value (local time) to an ISO instant, or null. */
export function fromLocalInput(value) {
  return value ? new Date(value).toISOString() : null;
}

export function jobLabel(kind) {
  return { RETENTION: 'Retention sweep', ERASURE: 'Erasure', TRANSCRIPT: 'Transcript redaction' }[kind] || kind;
}

export const FINISHED = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
