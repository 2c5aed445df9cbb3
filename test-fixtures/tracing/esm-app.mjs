// An ESM program (run with --import): imports the library as ESM, serves HTTP with node:http
// and calls itself with fetch, inside a span.
import { createServer } from 'node:http';
const { withSpan } = await import(process.env.STATSCOPE_LIB_ESM);

const server = createServer((req, res) => {
  withSpan('esm.handler', () => {
    res.end('ok');
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

await withSpan('esm.main', async () => {
  const response = await fetch(`http://127.0.0.1:${port}/hello`);
  console.log('status', response.status, await response.text());
});
server.close();
