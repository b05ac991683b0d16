/**
 * npm run hash-password: reads one line (the password; the trailing newline is dropped) on
 * standard input and prints its hash as the last line, ready for an AUTH_USERS entry:
 *
 *   printf '%s\n' 'correct horse battery staple' | npm run --silent hash-password
 *   AUTH_USERS=ana@example.com:<that hash>
 *
 * At a terminal it asks for the password without echoing it.
 */
import { hashPassword } from '../lib/auth/password';

async function readLine(): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY) {
    process.stderr.write('Password (not shown): ');
    stdin.setRawMode(true);
  }
  let input = '';
  stdin.setEncoding('utf8');
  for await (const chunk of stdin) {
    input += chunk as string;
    if (stdin.isTTY && /[\r\n\u0003\u0004]/.test(input)) break;
    if (!stdin.isTTY && input.includes('\n')) break;
  }
  if (stdin.isTTY) {
    stdin.setRawMode(false);
    process.stderr.write('\n');
    if (input.includes('\u0003')) process.exit(130);
  }
  stdin.pause();
  const line = input.split(/\r?\n|\r|\u0004/)[0] ?? '';
  // In raw mode the terminal does no line editing: apply backspaces ourselves.
  return stdin.isTTY ? [...line].reduce((text, char) => (/[\u0008\u007f]/.test(char) ? text.slice(0, -1) : text + char), '') : line;
}

const password = await readLine();
if (!password) {
  console.error('hash-password: the password is empty: give it on standard input');
  process.exit(1);
}
console.log(await hashPassword(password));
