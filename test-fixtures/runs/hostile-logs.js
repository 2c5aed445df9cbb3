// A program whose log lines and metric label values carry HTML, for tests that check the Logs and
// Metrics panels render program data as text. Never part of the demo.
'use strict';

const { counter, defineStats, log, withSpan } = require('statscope');

const stats = defineStats('hostile_logs', {
  events: counter({ description: 'Events whose label values are hostile', labels: ['kind'] }),
});

withSpan('hostile log span', () => {
  log.warn('<script>alert(5)</script>', { payload: '<img src=x onerror=alert(6)>' });
});
stats.events.labels({ kind: '<script>alert(7)</script>' }).inc();
