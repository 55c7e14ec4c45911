/*
 * Host names as the rules compare them. Each was written out in several modules before: the
 * site without its `www.` (the name readers give it), an IPv6 literal without its brackets.
 */

const WWW_PREFIX = /^www\d?\./;
const IPV6_BRACKETS = /^\[|\]$/g;

/** A host name in lower case without its `www.` or `www2.` label: "lemonde.fr" for all three. */
export function siteHost(hostname: string): string {
  return hostname.toLowerCase().replace(WWW_PREFIX, '');
}

/** A URL's hostname without the brackets of an IPv6 literal ("::1" for "[::1]"); others as given. */
export function unbracketed(hostname: string): string {
  return hostname.replace(IPV6_BRACKETS, '');
}
