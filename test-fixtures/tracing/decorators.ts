// @traced on a TypeScript class. The test compiles this file twice with esbuild (standard TS 5
// decorators and legacy experimentalDecorators), with inline source maps, and runs it with
// --enable-source-maps: code.filepath/code.lineno must point back here.
const { traced, withSpan } = require(process.env.STATSCOPE_LIB || 'statscope') as typeof import('../../runtime/src/index');

class Checkout {
  constructor(private readonly currency: string) {}

  @traced('checkout.total')
  async total(prices: number[]): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    const sum = this.round(this.add(prices));
    return withSpan('checkout.format', () => `${sum.toFixed(2)} ${this.currency}`);
  }

  @traced
  round(value: number): number {
    return Math.round(value * 100) / 100;
  }

  @traced()
  add(prices: number[]): number {
    return prices.reduce((a, b) => a + b, 0);
  }
}

new Checkout('EUR').total([1.5, 2]).then((text) => console.log('total', text));
