/**
 * npm run demo: the dashboard on http://localhost:3000 (or $PORT) against the built-in Talkover
 * simulator, with no .env needed. Prints the throw-away sign-in once the app answers.
 */
import { startDemoStack } from './lib/demo-stack';

const stack = await startDemoStack({ port: Number(process.env.PORT) || 3000 }).catch((error: Error) => {
  console.error(`demo: ${error.message}`);
  process.exit(1);
});

async function shutdown(code: number) {
  await stack.stop();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
stack.app.on('exit', (code) => void shutdown(code ?? 1));

console.log(
  [
    '',
    '  Callback Stats demo (figures from the built-in Talkover simulator, not from Talkover)',
    `  Open      ${stack.appUrl}`,
    `  Email     ${stack.email}`,
    `  Password  ${stack.password}`,
    '  Stop with Ctrl+C.',
    '',
  ].join('\n'),
);
