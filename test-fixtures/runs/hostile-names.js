// A program whose telemetry carries HTML and control characters, for tests that check the editor
// renders program data as text. Never part of the demo.
'use strict';

const { defineStats, gauge, withSpan } = require('statscope');

const stats = defineStats('hostile', {
  temperature: gauge({ description: 'A gauge whose label values are hostile', labels: ['sensor'] }),
});

withSpan('<img src=x onerror=alert(1)>', (span) => {
  span.setAttribute('payload', '<script>alert(2)</script>');
  span.setAttribute('multi.line', 'first\nsecond\u0007');
  withSpan('child & <b>bold</b> "quoted"', () => undefined);
});
stats.temperature.labels({ sensor: '<img src=x onerror=alert(3)>' }).set(21.5);
console.log('<img src=x onerror=alert(4)> printed to stdout');
