// Service A of the HTTP hop: calls service B with http.get and with fetch inside spans.
const http = require('node:http');
const { withSpan } = require(process.env.STATSCOPE_LIB || 'statscope');
const port = Number(process.argv[2]);

function get(path) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    }).on('error', reject);
  });
}

withSpan('client.call', async () => {
  const a = await get('/first');
  const b = await withSpan('client.fetch', async () => (await fetch(`http://127.0.0.1:${port}/last`)).status);
  console.log('statuses', a, b);
});
