// Declares a statscope metric and counts; with the preload it is scraped from /metrics and pushed
// over OTLP. Stays up until stdin closes (the test closes it after scraping), then exits normally.
const { defineStats, counter, withSpan } = require(process.env.STATSCOPE_LIB || 'statscope');

const stats = defineStats('fixture', { jobs: counter({ description: 'Jobs done' }) });
withSpan('job', () => stats.jobs.inc());
stats.jobs.inc();
console.log('ready');
process.stdin.resume();
process.stdin.on('end', () => {
  process.stdin.pause();
  console.log('bye');
});
