/**
 * npm run demo: the dashboard on http://127.0.0.1:3000 (or $PORT) against the built-in Talkover
 * simulator, with no .env needed. Prints the throw-away sign-in once the app answers.
 */
import { demoBanner, startDemoStack } from './lib/demo-stack';

const stack = await startDemoStack({ port: Number(process.env.PORT) || 3000 }).catch((error: Error) => {
  console.error(`demo: ${error.message}`);
  process.exit(1);
});

/**
 * Stops the app and the simulator; nothing else is left to keep this process alive. The first
 * call decides the exit code: the app's own exit during the stop is not a failure.
 */
let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  await stack.stop();
}
// `once`: a second Ctrl+C falls back to Node's default and exits at once.
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));
stack.app.once('exit', (code) => void shutdown(code ?? 1));

console.log(demoBanner(stack));
