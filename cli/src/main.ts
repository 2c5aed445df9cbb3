/**
 * The `statscope` command line: a small dispatcher over subcommands.
 *   statscope lint [paths…] [--format stylish|json|sarif] [--max-warnings N] [--config file]
 *   statscope run [options] -- <command> [args…]
 *   statscope view <run file> [--format tree|otlp-json] [--out file] [--filter query]
 *   statscope diff <base run file> <head run file> [--fail-on rules] [--json|--markdown]
 *   statscope generate <grafana|prometheus-rules|collector> [paths…] [--out file]
 * Each subcommand resolves to its exit code; usage errors exit 2.
 */
import { diffCommand } from './diff/diff-command';
import { generateCommand } from './generate/generate-command';
import { lintCommand } from './lint/lint-command';
import { runCommand } from './run/run-command';
import { viewCommand } from './view/view-command';

/** A subcommand: takes the arguments after its name, resolves to the exit code. */
type Command = (argv: readonly string[]) => Promise<number>;

const COMMANDS: Readonly<Record<string, { readonly run: Command; readonly summary: string }>> = {
  lint: { run: (argv) => lintCommand(argv), summary: 'lint metric and trace usage (CI: --format sarif)' },
  run: { run: (argv) => runCommand(argv), summary: 'run a program with tracing and print its span tree' },
  view: { run: (argv) => viewCommand(argv), summary: 'print a run file\'s span tree, or convert it (--format otlp-json)' },
  diff: { run: (argv) => diffCommand(argv), summary: 'compare two run files; --fail-on p95:+20% gates CI on regressions' },
  generate: { run: (argv) => generateCommand(argv), summary: 'a Grafana dashboard, Prometheus rules or a Collector config from the declarations' },
};

const USAGE = `Usage: statscope <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`)
  .join('\n')}

Run 'statscope <command> --help' for a command's options.
`;

/** Dispatches `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    process.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (name === '-v' || name === '--version') {
    process.stdout.write('0.1.0\n');
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`statscope: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  return command.run(rest);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`statscope: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
