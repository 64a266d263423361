/** `tsunagu serve` / `npm start`: open the database, migrate, load reference data, listen. */
import type { Io } from '../cli/support.js';
import { t, type Lang } from '../cli/i18n.js';
import { openReady } from '../db/open-ready.js';
import { resolveOpenOptions } from '../db/database.js';
import { buildApp } from './app.js';
import { runReminders } from '../modules/assessment/index.js';

export async function startServer(opts: { host: string; port: number; lang: Lang; io: Io }) {
  const { io, lang } = opts;
  const database = await openReady(resolveOpenOptions());
  if (database.referenceLoaded) io.err(t(lang, '参照データを読み込みました（data/reference）\n', 'loaded the reference data (data/reference)\n'));
  if (database.firstAdmin) {
    // Printed once: the only place this password ever appears. It is not logged.
    io.err(
      t(
        lang,
        `\n事務局の最初の管理者を作成しました。\n  メールアドレス: ${database.firstAdmin.email}\n  パスワード:     ${database.firstAdmin.password}\nこのパスワードは二度と表示されません。サインイン後、二要素認証を登録してください。\n\n`,
        `\nCreated the secretariat's first admin.\n  e-mail:   ${database.firstAdmin.email}\n  password: ${database.firstAdmin.password}\nThis password is not shown again. Enrol MFA after signing in.\n\n`,
      ),
    );
  }
  const app = await buildApp({ db: database.db, logger: process.env.TSUNAGU_LOG === '1' });
  const address = await app.listen({ host: opts.host, port: opts.port });
  io.err(t(lang, `Tsunagu を起動しました: ${address}（データベース: ${database.kind} ${database.location}）\n`, `Tsunagu is running at ${address} (database: ${database.kind} ${database.location})\n`));
  // Due-date reminders (回答期限の通知): at start and then hourly. Safe with several processes on one
  // PostgreSQL (each reminder is created once and e-mailed once); TSUNAGU_REMINDER_INTERVAL_MS=0 turns it off.
  const every = Number(process.env.TSUNAGU_REMINDER_INTERVAL_MS ?? 3_600_000);
  const remind = async () => {
    try {
      const r = await runReminders({ db: database.db });
      if (r.created || r.sent) io.err(t(lang, `回答期限の通知: ${r.created} 件作成、${r.sent} 通のメールを送信\n`, `due-date reminders: ${r.created} created, ${r.sent} e-mails sent\n`));
    } catch (e) {
      io.err(t(lang, `回答期限の通知に失敗しました: ${(e as Error).message}\n`, `due-date reminders failed: ${(e as Error).message}\n`));
    }
  };
  const timer = every > 0 ? setInterval(() => void remind(), every) : null;
  timer?.unref();
  if (every > 0) void remind();
  const stop = async () => {
    if (timer) clearInterval(timer);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return app;
}
