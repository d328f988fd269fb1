// One HTTP/1.1 request with node:http, for the sign-ins and the Monday mix's drivers (which
// must send a request at its time whether or not earlier ones were answered: autocannon's
// connections wait for each answer).
import http from 'node:http';
import type { RequestData } from 'autocannon';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body when asked for (`keepBody`), else ''. */
  body: string;
}

export interface SendOptions {
  /** A keep-alive agent to reuse connections; Node's global agent when absent. */
  agent?: http.Agent;
  /** The loopback address to send from (127.0.0.0/8), for per-address limits. */
  localAddress?: string;
  keepBody?: boolean;
  timeoutMs?: number;
}

export function send(origin: URL, request: RequestData, options: SendOptions = {}): Promise<Answer> {
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers = body ? { ...request.headers, 'content-length': String(body.length) } : request.headers;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: origin.hostname,
        port: origin.port,
        method: request.method ?? 'GET',
        path: request.path ?? '/',
        headers,
        agent: options.agent,
        localAddress: options.localAddress,
      },
      (res) => {
        const chunks: Buffer[] = [];
        if (options.keepBody) res.on('data', (chunk: Buffer) => chunks.push(chunk));
        else res.resume();
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.setTimeout(options.timeoutMs ?? 10_000, () =>
      req.destroy(Object.assign(new Error('no answer in time'), { code: 'timeout' })),
    );
    req.on('error', reject);
    req.end(body);
  });
}
