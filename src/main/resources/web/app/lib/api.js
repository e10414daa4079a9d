// The dashboard's only way to the service: the public GraphQL API, the public REST routes
// (/attachments, /exports, /audit-log, /receipts/jwks.json) and the graphql-transport-ws
// subscription, each with the signed-in user's bearer token.
import { createClient } from 'graphql-ws';
import { session, signOut } from './auth.js';

/** An error to show: `sentence` says what happened and what to do; never raw JSON. */
export class ApiError extends Error {
  constructor(code, sentence, detail) {
    super(sentence);
    this.code = code;
    this.sentence = sentence;
    this.detail = detail;
  }
}

const SENTENCES = {
  UNAUTHENTICATED: 'Your sign-in is no longer valid. Sign in again.',
  FORBIDDEN: 'Your roles do not allow this. Ask an administrator for the role it needs.',
  NOT_FOUND: 'This item does not exist (it may have been removed). Go back to the list and reload it.',
  BAD_USER_INPUT: 'The input was not accepted. Correct it and try again.',
  CONFLICT: 'This item changed or is in a state that does not allow this. Reload it and try again.',
  UNAVAILABLE: 'The database is unreachable right now. Wait a moment, then try again.',
  PAYLOAD_TOO_LARGE: 'That is larger than the service accepts. Use a smaller file.',
  GONE: 'This file or download is no longer available: it was destroyed or its link expired. Prepare a new export if you need one.',
  INTERNAL: 'Something went wrong inside Lethe. Try again; if it keeps happening, tell your operator the time it happened.',
  NETWORK: 'Lethe could not be reached. Check your connection, then try again.',
};

/** Server messages are written for people and never carry personal data; raw bodies are never shown. */
function fromCode(code, message) {
  const known = SENTENCES[code] ? code : 'INTERNAL';
  const detail = typeof message === 'string' && message.length < 400 && !message.trim().startsWith('{') ? message : '';
  return new ApiError(known, SENTENCES[known], detail);
}

function authHeaders() {
  const token = session.token;
  return token ? { Authorization: `Bearer ${token}` } : {};
}

async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function statusCode(status) {
  return { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT', 410: 'GONE', 413: 'PAYLOAD_TOO_LARGE', 400: 'BAD_USER_INPUT', 503: 'UNAVAILABLE' }[status] || 'INTERNAL';
}

/** Runs one GraphQL operation; resolves to `data`, rejects with an ApiError. */
export async function gql(query, variables = {}) {
  let response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...authHeaders() },
      body: JSON.stringify({ query, variables }),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw fromCode('NETWORK');
  }
  const body = await readJson(response);
  const first = body && Array.isArray(body.errors) && body.errors.length ? body.errors[0] : null;
  if (response.status === 401 || (first && first.extensions && first.extensions.code === 'UNAUTHENTICATED')) {
    signOut('expired');
    throw fromCode('UNAUTHENTICATED', first && first.message);
  }
  if (first) {
    throw fromCode(first.extensions && first.extensions.code, first.message);
  }
  if (!response.ok || !body || !body.data) {
    throw fromCode(statusCode(response.status));
  }
  return body.data;
}

/** GETs a REST route with the bearer token (never in the URL). */
export async function getRest(path, accept) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: accept || '*/*', ...authHeaders() }, credentials: 'omit', cache: 'no-store' });
  } catch {
    throw fromCode('NETWORK');
  }
  if (!response.ok) {
    const body = await readJson(response);
    if (response.status === 401) signOut('expired');
    throw fromCode(body && body.code ? body.code : statusCode(response.status), body && body.message);
  }
  return response;
}

/** Downloads a protected file: fetch with the token, then save the blob; the token never enters a URL. */
export async function download(path, fileName) {
  const response = await getRest(path);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName || 'download';
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
  return blob.size;
}

let wsClient = null;
let wsToken = null;

function ws() {
  if (!wsClient || wsToken !== session.token) {
    if (wsClient) wsClient.dispose();
    wsToken = session.token;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    // browsers cannot set headers on a WebSocket: the token goes in connection_init
    wsClient = createClient({
      url: `${scheme}://${location.host}/graphql`,
      connectionParams: () => ({ Authorization: `Bearer ${session.token}` }),
      lazy: true,
      retryAttempts: 2,
    });
  }
  return wsClient;
}

export function closeSubscriptions() {
  if (wsClient) wsClient.dispose();
  wsClient = null;
  wsToken = null;
}

/**
 * Subscribes over graphql-transport-ws; `onData(data)` for each event, `onDone(error?)` once.
 * Returns a function that unsubscribes.
 */
export function subscribe(query, variables, onData, onDone) {
  let finished = false;
  const done = (error) => {
    if (!finished) {
      finished = true;
      onDone(error);
    }
  };
  const stop = ws().subscribe({ query, variables }, {
    next: (message) => {
      if (message.errors && message.errors.length) {
        const e = message.errors[0];
        done(fromCode(e.extensions && e.extensions.code, e.message));
      } else if (message.data) {
        onData(message.data);
      }
    },
    error: (e) => done(Array.isArray(e) && e[0] ? fromCode(e[0].extensions && e[0].extensions.code, e[0].message) : fromCode('NETWORK')),
    complete: () => done(null),
  });
  return () => {
    finished = true;
    stop();
  };
}
