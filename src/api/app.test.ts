import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MarsadError } from '../model/errors.js';
import type { MarsadStore } from '../store/store.js';
import { createApi } from './app.js';
import { expectProblem, filledStore, jsonOf, postJson, quickFetcher, TOKEN } from './api.testkit.js';
import { serveApi } from './serve.js';

describe('API application', () => {
  let store: MarsadStore;
  let app: OpenAPIHono;
  before(async () => {
    store = await filledStore();
    app = createApi({ store, token: TOKEN, fetcher: quickFetcher() });
  });
  after(() => store.close());

  describe('/openapi.json', () => {
    it('is an OpenAPI 3 document listing every route with its methods', async () => {
      const doc = await jsonOf(await app.request('/openapi.json'));
      assert.match(doc.openapi, /^3\./);
      assert.equal(doc.info.title, 'Marsad API');
      const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      );
      assert.deepEqual(routes.sort(), [
        'GET /api/articles',
        'GET /api/articles/{id}',
        'GET /api/dyad',
        'GET /api/entities',
        'GET /api/entities/{id}',
        'GET /api/events',
        'GET /api/export',
        'GET /api/jobs/{id}',
        'GET /api/network',
        'GET /api/queue',
        'GET /api/quotes',
        'GET /api/search',
        'GET /api/stats',
        'GET /api/stories',
        'GET /api/stories/{id}',
        'GET /api/timeline',
        'POST /api/entities/{id}/merge',
        'POST /api/entities/{id}/split',
        'POST /api/ingest',
      ]);
    });

    it('describes parameters, bodies, problems and the bearer scheme from the validating schemas', async () => {
      const doc = await jsonOf(await app.request('/openapi.json'));
      const search = doc.paths['/api/search'].get;
      assert.deepEqual(search.parameters.map((p: { name: string }) => p.name).sort(), ['cursor', 'limit', 'q']);
      const limit = search.parameters.find((p: { name: string }) => p.name === 'limit');
      assert.equal(limit.schema.maximum, 200);
      assert.ok(search.responses['400'].content['application/problem+json']);
      const ingest = doc.paths['/api/ingest'].post;
      assert.deepEqual(Object.keys(ingest.requestBody.content).sort(), ['application/json', 'multipart/form-data']);
      assert.deepEqual(ingest.security, [{ bearerAuth: [] }]);
      assert.equal(doc.components.securitySchemes.bearerAuth.scheme, 'bearer');
      for (const name of ['Problem', 'Article', 'Entity', 'Quote', 'Job', 'Stats']) assert.ok(doc.components.schemas[name], name);
      const type = doc.paths['/api/entities'].get.parameters.find((p: { name: string }) => p.name === 'type');
      assert.equal(type.schema.allOf[0].$ref, '#/components/schemas/EntityType');
      assert.deepEqual(doc.components.schemas.EntityType.enum, ['PERSON', 'ORG', 'LOCATION']);
    });
  });

  describe('problems', () => {
    it('answers an unknown route with a 404 problem', async () => {
      const body = await expectProblem(await app.request('/api/nothing-here'), 404, 'ROUTE_NOT_FOUND', null);
      assert.match(body.detail, /GET \/api\/nothing-here/);
    });

    it('answers a wrong method with a 404 problem too', async () => {
      await expectProblem(await app.request('/api/stats', { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } }), 404, 'ROUTE_NOT_FOUND');
    });

    it('names the offending parameter of a failed validation, and lists every failure', async () => {
      const body = await expectProblem(await app.request('/api/articles?limit=0&cursor=%%%'), 400, 'BAD_ARGUMENT');
      assert.deepEqual(body.errors.map((e: { param: string }) => e.param).sort(), ['cursor', 'limit']);
      assert.ok(['cursor', 'limit'].includes(body.param));
      assert.match(body.detail, new RegExp(`^${body.param}: `));
    });

    it('refuses a JSON body over the limit with 413', async () => {
      const big = postJson({ from: 'x'.repeat(70_000) });
      await expectProblem(await app.request('/api/entities/cia/merge', big), 413, 'INPUT_TOO_LARGE', 'body');
    });

    it('refuses an upload over the operator’s limit with 413, without reading it', async () => {
      const small = createApi({ store, token: TOKEN, maxUploadBytes: 1000 });
      const form = new FormData();
      form.append('file', new File(['x'.repeat(5000)], 'big.html'));
      const res = await small.request('/api/ingest', { method: 'POST', body: form, headers: { authorization: `Bearer ${TOKEN}` } });
      await expectProblem(res, 413, 'INPUT_TOO_LARGE', 'body');
    });

    it('refuses a streamed body (no Content-Length) over the limit with 413', async () => {
      const stream = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(10_000)));
          controller.close();
        },
      });
      const res = await app.request('/api/entities/cia/merge', {
        method: 'POST',
        body: stream,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        duplex: 'half',
      } as RequestInit);
      await expectProblem(res, 413, 'INPUT_TOO_LARGE', 'body');
    });

    it('answers malformed JSON with a 400 problem naming the body', async () => {
      const res = await app.request('/api/entities/cia/merge', { ...postJson({}), body: '{"from": ' });
      await expectProblem(res, 400, 'BAD_ARGUMENT', 'body');
    });
  });

  describe('bearer token for writes', () => {
    it('leaves reads open without a token', async () => {
      await jsonOf(await app.request('/api/stats'));
    });

    it('refuses a write without a token with 401 and WWW-Authenticate', async () => {
      const res = await app.request('/api/entities/cia/merge', postJson({ from: 'dgsn' }, {}));
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
      await expectProblem(res, 401, 'UNAUTHORIZED', 'Authorization');
    });

    it('refuses a write with a wrong token', async () => {
      const res = await app.request('/api/ingest', postJson({ urls: ['https://example.org/a'] }, { authorization: 'Bearer wrong' }));
      const body = await expectProblem(res, 401, 'UNAUTHORIZED', 'Authorization');
      assert.match(body.detail, /does not match/);
    });

    it('checks the token before validating the body', async () => {
      await expectProblem(await app.request('/api/entities/cia/split', postJson({}, {})), 401, 'UNAUTHORIZED');
    });

    it('refuses every write with 403 when no token is configured, saying how to set one', async () => {
      const open = createApi({ store });
      for (const path of ['/api/entities/cia/merge', '/api/entities/cia/split', '/api/ingest']) {
        const body = await expectProblem(await open.request(path, postJson({}, { authorization: 'Bearer anything' })), 403, 'WRITES_DISABLED', 'Authorization');
        assert.match(body.detail, /token/);
      }
      await jsonOf(await open.request('/api/stats'));
    });
  });

  describe('serveApi', () => {
    it('serves the API on a free port of localhost', async () => {
      const server = await serveApi({ store, port: 0 });
      try {
        assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.ok(server.port > 0);
        const stats = await jsonOf(await fetch(`${server.url}/api/stats`));
        assert.equal(stats.articles, 4);
        await expectProblem(await fetch(`${server.url}/api/nope`), 404, 'ROUTE_NOT_FOUND');
      } finally {
        await server.close();
      }
      await assert.rejects(fetch(`${server.url}/api/stats`));
    });

    it('refuses a port already in use with BAD_ARGUMENT naming it', async () => {
      const first = await serveApi({ store, port: 0 });
      try {
        await assert.rejects(serveApi({ store, port: first.port }), (err: MarsadError) => {
          assert.equal(err.code, 'BAD_ARGUMENT');
          assert.equal(err.input, `127.0.0.1:${first.port}`);
          return true;
        });
      } finally {
        await first.close();
      }
    });
  });
});
