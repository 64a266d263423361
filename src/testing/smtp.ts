/**
 * A real SMTP server on 127.0.0.1 for tests of e-mail: it accepts every message without TLS or
 * authentication and keeps what it received, in order.
 *
 * @example
 * const smtp = await startSmtpServer();
 * await runReminders({ db, today, smtpUrl: smtp.url });
 * assert.deepEqual(smtp.mails.map((m) => m.to), [['sato@tsunagu-pay.test']]);
 * await smtp.close();
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message as it arrived: its envelope recipients and its raw text (headers and body). */
export interface ReceivedMail {
  to: string[];
  data: string;
}

export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port>, for TSUNAGU_SMTP_URL or a use case's smtpUrl. */
  url: string;
  /** Every message received so far; the same array throughout, so a test may keep a reference. */
  mails: ReceivedMail[];
  close(): Promise<void>;
}

/** Starts a server on a free port of 127.0.0.1. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      let data = '';
      stream.on('data', (c: Buffer) => (data += c.toString('utf8')));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    mails,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
