// Prints where statscope and @opentelemetry/api resolve for this program, without loading them.
console.log(JSON.stringify({ statscope: import.meta.resolve('statscope'), api: import.meta.resolve('@opentelemetry/api') }));
