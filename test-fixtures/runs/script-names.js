// A program whose span names are HTML script tags, for the Compare panel's test that program data is
// rendered as text. Never part of the demo.
'use strict';

const { withSpan } = require('statscope');

for (let i = 0; i < 5; i++) {
  withSpan('<script>alert(1)</script>', () => {
    withSpan('predict', () => undefined);
  });
}
console.log('script-names: done');
