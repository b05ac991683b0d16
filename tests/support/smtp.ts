import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../scripts/lib/free-port';

/**
 * A real SMTP server on a free loopback port (`smtp-server`) that parses every message it is
 * given (`mailparser`). `refuse = true` makes it answer 451 to each message (a server refusing);
 * `stop()` closes it (a server down).
 *
 *   const smtp = await startSmtpCatcher();  // SMTP_URL = smtp.url
 *   await smtp.waitFor(3);  smtp.messages[0].subject
 */
export type SmtpCatcher = {
  url: string;
  port: number;
  messages: ParsedMail[];
  refuse: boolean;
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  stop(): Promise<void>;
};

export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const port = await freePort();
  const messages: ParsedMail[] = [];
  const catcher = { refuse: false } as SmtpCatcher;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          if (catcher.refuse) return callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
          messages.push(parsed);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return Object.assign(catcher, {
    url: `smtp://user:secret-password@127.0.0.1:${port}`,
    port,
    messages,
    async waitFor(count: number, timeoutMs = 20_000) {
      const giveUpAt = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > giveUpAt) throw new Error(`expected ${count} messages, got ${messages.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return messages;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
