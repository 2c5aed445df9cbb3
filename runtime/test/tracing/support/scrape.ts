/** Scrapes a fixture's /metrics endpoint once it is up. */
import { get } from 'node:http';

/** GETs `url` without keep-alive (an open scrape connection would hold the fixture's exit). */
export async function waitForScrape(url: string): Promise<string> {
  for (let i = 0; ; i++) {
    try {
      return await new Promise<string>((resolve, reject) => {
        get(url, { agent: false }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve(body));
        }).on('error', reject);
      });
    } catch (error) {
      if (i > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
