// The JSON API (docs/http-api.md). Every failure arrives as {"error": {code, message, field}}.

export interface ApiErrorBody {
  code: string;
  message: string;
  field: string | null;
}

export class ApiError extends Error {
  constructor(
    public status: number,
    public body: ApiErrorBody,
    public all: ApiErrorBody[] = [],
  ) {
    super(body.message);
  }
}

const BASE = '/api/v1';

async function parse<T>(res: Response): Promise<T> {
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(res.status, { code: 'bad_response', message: `HTTP ${res.status}`, field: null });
  }
  if (!res.ok) {
    const d = data as { error?: ApiErrorBody; errors?: ApiErrorBody[] } | null;
    const err = d?.error ?? { code: 'http_error', message: `HTTP ${res.status}`, field: null };
    throw new ApiError(res.status, err, d?.errors ?? [err]);
  }
  return data as T;
}

export async function get<T>(path: string): Promise<T> {
  return parse<T>(await fetch(BASE + path, { headers: { Accept: 'application/json' } }));
}

export async function getText(path: string): Promise<string> {
  const res = await fetch(BASE + path);
  if (!res.ok) await parse(res);
  return res.text();
}

export async function post<T>(path: string, body: unknown): Promise<T> {
  return parse<T>(
    await fetch(BASE + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

export async function put<T>(path: string, body: unknown): Promise<T> {
  return parse<T>(
    await fetch(BASE + path, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

/// Uploads one file as the raw body, reporting progress (fetch cannot, XHR can).
export async function patch<T>(path: string, body: unknown): Promise<T> {
  return parse<T>(
    await fetch(BASE + path, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

export function upload<T>(file: File, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${BASE}/imports?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'network', message: 'upload failed', field: null }));
    xhr.onload = () => {
      const res = new Response(xhr.responseText, { status: xhr.status });
      parse<T>(res).then(resolve, reject);
    };
    xhr.send(file);
  });
}
