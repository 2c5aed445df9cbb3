import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, sep } from 'node:path';
import * as vscode from 'vscode';
import type { Config } from '../config';
import { log } from '../log';
import type { LaunchVariables } from './launch-config';
import { choosePythonInterpreter, findExecutableOnPath } from './python-interpreter';
import type { RunnerContext } from './runners';

const versions = new Map<string, Promise<string | undefined>>();

/** The Python extension, whose public API says which interpreter the user selected. */
const PYTHON_EXTENSION_ID = 'ms-python.python';

/** The {@link RunnerContext} of this window: settings, workspace folders, the Node.js and Python found. */
export function createRunnerContext(config: Config): RunnerContext {
  const nodePath = config.nodePath;
  return {
    nodePath,
    platform: process.platform,
    folderOf: (path) => vscode.workspace.getWorkspaceFolder(vscode.Uri.file(path))?.uri.fsPath ?? dirname(path),
    launchConfigurations: (folder) => config.launchConfigurations(vscode.Uri.file(folder)),
    launchVariables: (folder): LaunchVariables => ({
      workspaceFolder: folder,
      file: activeFilePath(),
      env: process.env,
      userHome: homedir(),
      pathSeparator: sep,
    }),
    nodeVersion: () => nodeVersion(nodePath),
    pythonInterpreter: (path) =>
      choosePythonInterpreter({
        pythonExtension: async () => {
          const extension = vscode.extensions.getExtension<unknown>(PYTHON_EXTENSION_ID);
          if (extension === undefined) return undefined;
          return extension.isActive ? extension.exports : extension.activate();
        },
        resource: vscode.Uri.file(path),
        setting: config.pythonPath,
        findOnPath: (name) => findExecutableOnPath(name, process.env, process.platform, isFile),
        warn: (message) => log().warn(message),
      }),
    hasTsx: (dir) => {
      try {
        require.resolve('tsx', { paths: [dir] });
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** The file of the active text editor, when it is on disk. */
export function activeFilePath(): string | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri?.scheme === 'file' ? uri.fsPath : undefined;
}

/** `process.versions.node` of an executable (cached per path; undefined when it does not run). */
function nodeVersion(nodePath: string): Promise<string | undefined> {
  let version = versions.get(nodePath);
  if (version === undefined) {
    version = new Promise((resolve) => {
      execFile(nodePath, ['-p', 'process.versions.node'], { timeout: 10_000, windowsHide: true }, (error, stdout) => resolve(error ? undefined : stdout.trim()));
    });
    versions.set(nodePath, version);
  }
  return version;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
