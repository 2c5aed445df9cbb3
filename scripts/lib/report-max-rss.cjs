// Preloaded by the real-world lint bench: writes the process's peak RSS (KiB) to file descriptor 3 at exit.
const { writeSync } = require('node:fs');

process.on('exit', () => {
  try {
    writeSync(3, String(process.resourceUsage().maxRSS));
  } catch {
    // fd 3 is not open when run by hand.
  }
});
