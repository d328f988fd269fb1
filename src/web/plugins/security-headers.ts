// Security headers on every response (CSP, frame-ancestors, nosniff, referrer policy, HSTS
// over HTTPS, ...). helmet decides what they are; it runs once at start-up against a
// recording response, and each request then gets the same precomputed set. @fastify/helmet
// rebuilt helmet's middleware, CSP parsing included, on every request (see bench/README.md).
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/** The headers helmet would set for `options`, as lowercase name → value. */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let called = false;
  // helmet's middleware is synchronous: it sets every header, then calls next.
  helmet(options)({} as never, recorder as never, (err?: unknown) => {
    if (err) throw err;
    called = true;
  });
  if (!called) throw new Error('helmet did not finish synchronously');
  return headers;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The headers every answer carries, also those given before any hook ran. */
    securityHeaders: Readonly<Record<string, string>>;
  }
}

export default fp<{ https: boolean }>(async (app, options) => {
  const headers = helmetHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    strictTransportSecurity: options.https,
    // Not helmet's no-referrer: under it a browser sends "Origin: null" with our own forms, and
    // the Origin check (plugins/csrf.ts) needs their real origin. Other sites still get nothing.
    referrerPolicy: { policy: 'same-origin' },
  });
  app.decorate('securityHeaders', headers);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
});
