/** Parked and for-sale domains: marketplaces, landers, parking services and sale wordings. */
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/index.js';
import { parkedEvidence } from '../../src/classify/parked.js';
import { extractMeta } from '../../src/extract/index.js';
import { answered, page } from './build.js';

describe('parked domains', () => {
  it('knows a redirect to a domain marketplace and a parking lander', () => {
    const toSale = answered('https://old-site.example/report', 200, {
      hops: [[302, 'https://sedo.com/search/details/?domain=old-site.example']],
    });
    expect(parkedEvidence(toSale, page({ title: 'Domain for sale' }))).toContain('sedo.com');
    const lander = answered('https://old-site.example/report', 200, {
      hops: [[302, 'https://old-site.example/lander']],
    });
    expect(parkedEvidence(lander, page())).toContain('lander');
    // The marketplace itself, cited: its pages are what was cited.
    const cited = answered('https://sedo.com/about', 200);
    expect(parkedEvidence(cited, page({ text: 'This domain is for sale.' }))).toBeNull();
  });

  it('reads a parking service script from the page', () => {
    const body =
      '<html><head><title>old-site.example</title><script src="https://www.parkingcrew.net/px.js"></script></head><body><div id="c"></div></body></html>';
    const outcome = answered('https://old-site.example/', 200, { body });
    const meta = extractMeta(outcome.response!);
    expect(meta.signals?.parkingService).toBe('parkingcrew.net');
    expect(classify({ outcome, meta })).toMatchObject({ status: 'dead', reason: 'parked-domain' });
  });

  it('reads the landers that name the domain, the website for sale and the ads disclaimer', () => {
    const at = (url: string, title: string, text: string) =>
      parkedEvidence(answered(url, 200), page({ title, text }));
    // Dan.com, HugeDomains: the domain's own name offered for sale.
    expect(
      at(
        'https://old-site.example/about',
        'old-site.example',
        'old-site.example is for sale. Buy now for $2,495.',
      ),
    ).toContain('old site example is for sale');
    expect(
      at('https://www.old-site.example/', 'Old-Site.example may be for sale', ''),
    ).not.toBeNull();
    // GoDaddy's lander.
    expect(
      at(
        'https://old-site.example/contact',
        'old-site.example',
        'This website is for sale! old-site.example is your first and best source.',
      ),
    ).not.toBeNull();
    // Bodis, ParkingCrew, Sedo: the disclaimer under the sponsored links.
    expect(
      at(
        'https://old-site.example/blog',
        'old-site.example',
        'Related searches. Disclaimer: The Sponsored Listings displayed above are served automatically by a third party. Neither the service provider nor the domain owner maintain any relationship with the advertisers.',
      ),
    ).not.toBeNull();
    // A domain under a two-part suffix.
    expect(
      at('https://example.co.uk/x', 'example.co.uk', 'The domain name example.co.uk is for sale.'),
    ).not.toBeNull();
  });

  it('leaves advice about domains for sale ok', () => {
    const at = (text: string) =>
      parkedEvidence(
        answered('https://blog.example.org/buy-domain', 200),
        page({ title: 'How to buy a domain', text }),
      );
    expect(
      at('If the domain is for sale, make an offer through a broker. Check the whois first.'),
    ).toBeNull();
    expect(at('Wenn die Domain zum Verkauf steht, fragen Sie den Inhaber.')).toBeNull();
    expect(at('Our blog example.org is the best source for news.')).toBeNull();
  });

  it('knows the numbered lander host of Bodis and ParkingCrew, not a site of its own ww2 server', () => {
    const lander = answered('https://old-courier.example/track', 200, {
      hops: [[302, 'http://ww25.old-courier.example/?subid1=20230706-1756-1900-a6cd-de029c64d04c']],
    });
    expect(parkedEvidence(lander, page({ title: 'old-courier.example' }))).toContain('lander');
    const server = answered('https://www.real-site.example/docs/guide', 200, {
      hops: [[301, 'https://ww2.real-site.example/docs/guide']],
    });
    expect(parkedEvidence(server, page({ title: 'Guide' }))).toBeNull();
  });

  it("reads a registrar's page over an expired domain, in five languages", () => {
    const at = (text: string) =>
      parkedEvidence(
        answered('https://old-site.example/rapport-2019.html', 200),
        page({ title: 'old-site.example', text }),
      );
    for (const text of [
      'This domain has expired. If you owned this domain, contact your registrar to renew it.',
      'This domain name expired on 2023-01-05. Renew it now.',
      'Ce nom de domaine a expiré. Contactez votre bureau d’enregistrement.',
      'Diese Domain ist abgelaufen.',
      'Este dominio ha caducado.',
      'Questo dominio è scaduto.',
    ]) {
      expect([text, at(text)]).toEqual([text, expect.stringContaining('the page says')]);
    }
    // News and advice about expiring domains stay ok.
    for (const text of [
      "The city's domain expired on Monday and the site was down for a day.",
      'If this domain has expired, renew it from your account.',
      'Le domaine de la mairie a expiré la semaine dernière.',
    ]) {
      expect([text, at(text)]).toEqual([text, null]);
    }
  });

  it('leaves an article about buying domains ok', () => {
    const text = Array.from(
      { length: 60 },
      () => 'When a domain is for sale, buyers compare prices across marketplaces.',
    ).join(' ');
    const outcome = answered('https://blog.example.org/buying-domains', 200);
    expect(parkedEvidence(outcome, page({ title: 'How to buy a domain', text }))).toBeNull();
  });
});
