import { z } from 'zod';
import { LANGUAGES } from '../i18n/language.js';

/**
 * The `report:` section of rotwatch.config.yaml: how reports speak to their readers.
 * `language` (en, fr) picks the language of every human text; `--language` on the command
 * line wins over it, and it wins over the language the catalogue declares.
 */
export const reportConfigSchema = z.strictObject({
  language: z.enum(LANGUAGES).optional(),
});

export type ReportConfig = z.infer<typeof reportConfigSchema>;
