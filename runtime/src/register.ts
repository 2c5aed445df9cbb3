/** Preload entry: `node --require statscope/register app.js`. */
export {};
