// Service B of the HTTP hop: prints its port, handles one request inside a span, then exits.
const http = require('node:http');
const { withSpan } = require(process.env.STATSCOPE_LIB || 'statscope');

const server = http.createServer((req, res) => {
  withSpan('server.work', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2));
    withSpan('server.inner', () => undefined, { level: 'operation' });
    res.end('served');
  }).then(() => {
    if (req.url === '/last') server.close();
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
