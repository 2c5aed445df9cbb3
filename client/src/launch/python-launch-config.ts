/**
 * `launch.json` configurations of type `debugpy` (and the older `python`) as a command line, the way
 * the debugger would start them, without the debugger (pure): the interpreter (`python`, else the one
 * Run with Tracing chose), `pythonArgs`, then `program` or `module` (`-m`), then `args`; `cwd`, `env`,
 * `envFile` and `preLaunchTask` as for Node.js configurations. `${command:python.interpreterPath}`
 * resolves to the chosen interpreter.
 */
import { optionalString, resolveLaunch, stringList } from './launch-config';
import type { LaunchResult, LaunchVariables } from './launch-config';

const PYTHON_TYPES = new Set(['debugpy', 'python']);

/** Whether a configuration type is a Python one. */
export function isPythonLaunchType(type: string): boolean {
  return PYTHON_TYPES.has(type);
}

/** Resolves a Python configuration with `interpreter` as the default `python`. */
export function resolvePythonLaunchConfig(config: Readonly<Record<string, unknown>>, vars: LaunchVariables, interpreter: string): LaunchResult {
  const withInterpreter: LaunchVariables = { ...vars, pythonInterpreter: interpreter };
  return resolveLaunch(config, withInterpreter, {
    typeNames: 'debugpy or python',
    isType: isPythonLaunchType,
    processOf: (c, v) => {
      const program = optionalString(c, 'program', v);
      const module = optionalString(c, 'module', v);
      if (program === undefined && module === undefined) return { problem: 'has neither a program nor a module.' };
      if (program !== undefined && module !== undefined) return { problem: 'has both a program and a module; the debugger takes one.' };
      const target = program !== undefined ? [program] : ['-m', module ?? ''];
      // `python` is a path, or a command line as a list (`["python3", "-X", "dev"]`).
      const [python = interpreter, ...pythonOptions] = stringList(c, 'python', v).filter((part) => part !== '');
      return { command: python, args: [...pythonOptions, ...stringList(c, 'pythonArgs', v), ...target, ...stringList(c, 'args', v)], program: program ?? module };
    },
  });
}
