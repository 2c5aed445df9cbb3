// One GET to the port in argv, then idle until stdin closes (the test lets exports happen meanwhile).
const http = require('node:http');

http.get({ host: '127.0.0.1', port: Number(process.argv[2]), path: '/own' }, (res) => {
  res.resume();
  res.on('end', () => console.log('requested', res.statusCode));
});
process.stdin.resume();
process.stdin.on('end', () => process.stdin.pause());
