/**
 * The `rotwatch.config.yaml` of a test that runs the command on a loopback web: private
 * addresses allowed (the web is on 127.0.0.0/8), archives off (they would be looked up on the
 * internet), and the check options the test sets, written as they are (`formats: '[json]'`).
 * `more` is YAML appended as it is (a `worker:` or `delivery:` section).
 */
export function loopbackConfig(
  check: Record<string, string | number | boolean>,
  more: readonly string[] = [],
): string {
  const lines = Object.entries(check).map(([key, value]) => `  ${key}: ${value}`);
  return [
    'check:',
    '  allowPrivateAddresses: true',
    ...lines,
    'archive:',
    '  enabled: false',
    ...more,
    '',
  ].join('\n');
}
