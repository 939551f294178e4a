/**
 * Kubeconfigs for the connection tests in a real VS Code (test/extension/suite/08-connection): one file per
 * context, all against one test API server — a token, an exec plugin that answers, one that hangs, a device-code
 * login that prints its prompt and waits, one that is not installed, one that fails, a legacy auth-provider command, and a plain-http server address. The suite sets
 * `kubewise.metrics.kubeconfig` to all of them (joined as KUBECONFIG joins files) and reads each plugin's folder
 * to count its runs and check that none of its processes is left.
 */
import { delimiter } from 'node:path';
import { kubeconfigYaml, writeTemp, type Auth, type FakeApiServer } from './fake-apiserver';
import { makePlugin } from './fake-plugins';

export interface ConnectionContexts {
  /** `kubewise.metrics.kubeconfig`: every file, joined with the path delimiter. */
  readonly kubeconfig: string;
  /** Context name → the folder of its plugin (`pids`, `runs`). */
  readonly plugins: Record<string, string>;
}

export function connectionContexts(s: FakeApiServer): ConnectionContexts {
  const plugins: Record<string, string> = {};
  const files: string[] = [];
  const add = (context: string, auth: Auth, server = s.url) => {
    files.push(writeTemp('config', kubeconfigYaml({ server, caPem: s.pki.caCert, auth, context })));
  };
  add('conn-token', { token: s.token });
  const ok = makePlugin({ kind: 'token', token: s.token, expiresInSec: 3600 });
  plugins['conn-exec'] = ok.dir;
  add('conn-exec', { exec: { command: ok.command, args: ok.args } });
  const hung = makePlugin({ kind: 'hang' });
  plugins['conn-hung'] = hung.dir;
  add('conn-hung', { exec: { command: hung.command, args: hung.args } });
  // A device-code login: prints where to log in on stderr and waits (for longer than the suite's time limit).
  const device = makePlugin({
    kind: 'device-code',
    stderr:
      'To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code KWTEST-42 to authenticate.\n',
  });
  plugins['conn-device'] = device.dir;
  add('conn-device', { exec: { command: device.command, args: device.args } });
  add('conn-missing', {
    exec: {
      command: 'kubewise-test-login-plugin',
      args: ['get-token'],
      installHint: 'kubewise-test-login-plugin is installed with: npm install -g kubewise-test-login-plugin',
    },
  });
  const failing = makePlugin({
    kind: 'fail',
    stderr: 'error: SSO session expired, run "sso login"\nusage: …\n',
    code: 2,
  });
  plugins['conn-failing'] = failing.dir;
  add('conn-failing', { exec: { command: failing.command, args: failing.args } });
  const gcp = makePlugin({ kind: 'auth-provider', token: s.token, expiresInSec: 3600 });
  plugins['conn-gcp'] = gcp.dir;
  add('conn-gcp', {
    authProvider: {
      name: 'gcp',
      config: {
        'cmd-path': gcp.command,
        'cmd-args': gcp.args.join(' '),
        'token-key': '{.credential.access_token}',
        'expiry-key': '{.credential.token_expiry}',
      },
    },
  });
  add('conn-http', { token: s.token }, `http://127.0.0.1:${s.port}`);
  return { kubeconfig: files.join(delimiter), plugins };
}
