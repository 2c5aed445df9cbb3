// Follows a file that another process appends to (the in-host runner's live log), like `tail -f`.
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const POLL_MS = 200;

/**
 * Calls `onText` with each new chunk of `path` (the file may not exist yet).
 * @param {string} path
 * @param {(text: string) => void} onText
 * @returns {{ stop: () => void }} `stop` reads what is left, then stops following
 */
export function followFile(path, onText) {
  let offset = 0;
  const buffer = Buffer.alloc(64 * 1024);
  const decoder = new StringDecoder('utf8'); // keeps a multi-byte character split across reads whole
  const readNew = () => {
    let fd;
    try {
      fd = openSync(path, 'r');
    } catch {
      return; // not created yet
    }
    try {
      for (;;) {
        const n = readSync(fd, buffer, 0, buffer.length, offset);
        if (n === 0) break;
        offset += n;
        const text = decoder.write(buffer.subarray(0, n));
        if (text) onText(text);
      }
    } finally {
      closeSync(fd);
    }
  };
  const timer = setInterval(readNew, POLL_MS);
  return {
    stop: () => {
      clearInterval(timer);
      readNew();
    },
  };
}
