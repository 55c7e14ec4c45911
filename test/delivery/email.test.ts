import { afterEach, describe, expect, it } from 'vitest';
import { resolveEmail, sendEmail } from '../../src/delivery/email.js';
import { emailConfigSchema } from '../../src/worker/config.js';
import { startSmtp } from './servers.js';

let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers) await c();
  closers = [];
});

const digest = {
  subject: '[rotwatch] Link report 2026-W48: 1 dead, 1 new, 0 fixed',
  markdown: '# Link report\n\nOne dead link: https://example.org/gone\n',
  html: '<!doctype html><html><body><h1>Link report</h1><p>One dead link</p></body></html>',
};

describe('email delivery', () => {
  it('sends the Markdown digest as text and the HTML report as HTML to every recipient, password from env', async () => {
    const smtp = await startSmtp({ user: 'bot', password: 's3cret' });
    closers.push(smtp.close);
    const cfg = emailConfigSchema.parse({
      host: smtp.host,
      port: smtp.port,
      security: 'none',
      user: 'bot',
      from: 'rotwatch@example.org',
      to: ['a@example.org', 'b@example.org'],
    });
    const resolved = resolveEmail(cfg, { ROTWATCH_SMTP_PASSWORD: 's3cret' });
    if (!resolved.ok) throw new Error(resolved.message);
    const result = await sendEmail(resolved.email, digest);
    expect(result).toMatchObject({ channel: 'email', status: 'sent', code: null });
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.user).toBe('bot');
    expect(mail.from).toBe('rotwatch@example.org');
    expect(mail.to).toEqual(['a@example.org', 'b@example.org']);
    expect(mail.raw).toMatch(/^Subject: \[rotwatch\] Link report 2026-W48/m);
    const parts = mail.raw.split(/^--[^\r\n]+$/m);
    const text = parts.find((p) => /Content-Type: text\/plain/i.test(p));
    const html = parts.find((p) => /Content-Type: text\/html/i.test(p));
    expect(text).toContain('One dead link: https://example.org/gone');
    expect(html).toContain('<h1>Link report</h1>');
  });

  it('fails (and says why) when the password is wrong, without throwing', async () => {
    const smtp = await startSmtp({ user: 'bot', password: 's3cret' });
    closers.push(smtp.close);
    const resolved = resolveEmail(
      emailConfigSchema.parse({
        host: smtp.host,
        port: smtp.port,
        security: 'none',
        user: 'bot',
        from: 'r@example.org',
        to: ['a@example.org'],
      }),
      { ROTWATCH_SMTP_PASSWORD: 'wrong' },
    );
    if (!resolved.ok) throw new Error(resolved.message);
    const result = await sendEmail(resolved.email, digest);
    expect(result.status).toBe('failed');
    expect(result.code).toBe('smtp-535');
    expect(smtp.mails).toHaveLength(0);
  });

  it('reads settings from the environment when the file leaves them out; never the password from the file', () => {
    const env = {
      ROTWATCH_SMTP_HOST: 'smtp.example.org',
      ROTWATCH_SMTP_PORT: '2525',
      ROTWATCH_SMTP_USER: 'u',
      ROTWATCH_SMTP_FROM: 'f@example.org',
      ROTWATCH_SMTP_TO: 'x@example.org, y@example.org',
      ROTWATCH_SMTP_PASSWORD: 'pw',
    };
    const r = resolveEmail(undefined, env);
    expect(r).toMatchObject({
      ok: true,
      email: {
        host: 'smtp.example.org',
        port: 2525,
        user: 'u',
        password: 'pw',
        to: ['x@example.org', 'y@example.org'],
      },
    });
    expect(resolveEmail(undefined, {}).ok).toBe(false);
    expect(() => emailConfigSchema.parse({ host: 'h', password: 'in-file' })).toThrow();
  });
});
