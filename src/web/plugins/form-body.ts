// Urlencoded forms through @fastify/formbody, with every value cleaned of control characters
// (src/web/form-text.ts), and a form declared in another charset than UTF-8 refused with 415
// rather than read as UTF-8 and stored garbled.
import fastifyFormbody from '@fastify/formbody';
import fp from 'fastify-plugin';
import { isUtf8Form, parseFormBody } from '../form-text.js';

class UnsupportedCharset extends Error {
  readonly statusCode = 415;
  readonly code = 'unsupported_charset';
}

export default fp(async (app, options: { bodyLimit: number }) => {
  await app.register(fastifyFormbody, { bodyLimit: options.bodyLimit, parser: parseFormBody });
  app.addHook('preParsing', (request, _reply, payload, done) => {
    const type = request.headers['content-type'];
    if (type?.toLowerCase().startsWith('application/x-www-form-urlencoded') && !isUtf8Form(type))
      return done(new UnsupportedCharset('form not in UTF-8'));
    done(null, payload);
  });
});
