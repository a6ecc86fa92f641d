// The desk's HTTP client: one function per endpoint of the desk API
// (/__unionpress/desk/api/…). Requests that change something send JSON
// (the server checks Origin and Content-Type); an error answer becomes an
// ApiError carrying the status and the server's body, whose `error` is
// already in the catalogue's words.

import { t } from './words.js';

const BASE = '/__unionpress/desk/api/';

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || t(status === 403 ? 'error-forbidden' : 'error-network'));
    this.status = status;
    this.body = body || {};
  }
}

async function request(path, { method = 'GET', json, bytes } = {}) {
  const init = { method, credentials: 'same-origin', headers: {} };
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  } else if (bytes !== undefined) {
    init.headers['Content-Type'] = 'application/octet-stream';
    init.body = bytes;
  }
  let response;
  try {
    response = await fetch(BASE + path, init);
  } catch {
    throw new ApiError(0, null);
  }
  const type = response.headers.get('content-type') || '';
  const body = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

const q = (params) => new URLSearchParams(params).toString();

export const api = {
  site: () => request('site'),
  articles: () => request('articles'),
  article: (path) => request('article?' + q({ path })),
  check: (draft) => request('check', { method: 'POST', json: draft }),
  preview: (draft) => request('preview', { method: 'POST', json: draft }),
  save: (draft) => request('save', { method: 'POST', json: draft }),
  upload: (article, name, bytes) => request('upload?' + q({ article, name }), { method: 'POST', bytes }),
  registry: (entry) => request('registry', { method: 'POST', json: entry }),
  remove: (path) => request('delete', { method: 'POST', json: { path } }),
  trash: () => request('trash'),
  restore: (trashPath) => request('restore', { method: 'POST', json: { trash_path: trashPath } }),
  bulletins: () => request('bulletins'),
  bulletin: (path) => request('bulletin?' + q({ path })),
  saveBulletin: (bulletin) => request('bulletin/save', { method: 'POST', json: bulletin }),
  previewBulletin: (bulletin) => request('bulletin/preview', { method: 'POST', json: bulletin }),
  publish: () => request('publish', { method: 'POST', json: {} }),
  publishState: () => request('publish'),
};
