/**
 * Every human-facing text of the reports, in French. Typed by the English catalogue: a key or a
 * parameter missing here is a compile error. French typography: a no-break space before
 * « : ; ? ! » and inside « guillemets ».
 */
import type { HttpReason, ReasonCode, Verdict } from '../model/index.js';
import type { LinkFacts, Messages } from './en.js';
import { formatters, longDate, longDateTime } from './format.js';

const f = formatters('fr');
/** "1er janvier 2020": French writes the first of the month as an ordinal, Intl does not. */
const long = longDate('fr-FR');
const date = (iso: string) => long(iso).replace(/^1 /, '1er ');
/** No-break space, before the high punctuation marks. */
const _ = '\u00a0';
const q = (s: string) => `\u00ab${_}${s}${_}\u00bb`;

/** Singular and plural of each verdict, as an adjective after a count ("3 morts"). */
const VERDICT_FORMS: Record<Verdict, [string, string]> = {
  ok: ['ok', 'ok'],
  redirected: ['déplacé', 'déplacés'],
  dead: ['mort', 'morts'],
  error: ['en erreur', 'en erreur'],
  blocked: ['bloqué', 'bloqués'],
  skipped: ['ignoré', 'ignorés'],
};

const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
};

/** "Premier échec." or "3 échecs consécutifs depuis le 14 novembre 2026." */
function streak(link: LinkFacts): string {
  if (link.consecutiveFailures <= 1 || !link.failingSince) return ' Premier échec.';
  return ` ${f.number(link.consecutiveFailures)} échecs consécutifs depuis le ${date(link.failingSince)}.`;
}

function httpMessage(link: LinkFacts, code: number): string {
  const answered = `Le serveur a répondu ${code}`;
  switch (link.status) {
    case 'dead':
      return `${answered}${_}: le document n’est plus à cette adresse.`;
    case 'blocked':
      if (code === 401)
        return `${answered}${_}: le document demande une connexion${_}; à vérifier à la main.`;
      if (code === 429)
        return `${answered}${_}: il nous a ralentis${_}; à revoir plus tard ou à la main.`;
      if (code === 451)
        return `${answered}${_}: le document est retenu pour notre région (souvent un blocage régional), il n’a pas disparu${_}; à vérifier à la main.`;
      return `${answered}${_}: il refuse les accès automatisés${_}; à vérifier à la main.`;
    default:
      if (code >= 500)
        return `${answered}${_}: échec cette fois, le document existe peut-être encore.${streak(link)}`;
      if (code >= 300 && code <= 399)
        return `${answered} sans en-tête Location utilisable.${streak(link)}`;
      return `${answered}, ce qui veut souvent dire qu’il a refusé la requête plutôt que perdu le document${_}: à vérifier à la main.${streak(link)}`;
  }
}

/** The French message of a link, from its reason code and fields (exhaustive over the codes). */
function linkMessage(link: LinkFacts): string | null {
  const code = link.httpStatus ?? 0;
  const host = hostOf(link.url);
  const target = link.suggestedUrl ?? link.finalUrl ?? '';
  const http = /^http-(\d+)$/.exec(link.reason ?? '');
  if (http) return httpMessage(link, Number(http[1]));
  const reason = link.reason as Exclude<ReasonCode, HttpReason> | null;
  switch (reason) {
    case null:
      if (code === 304)
        return `Non modifié depuis la dernière vérification (304)${_}: le document est là.`;
      if (link.redirected && link.finalUrl && link.finalUrl !== link.url)
        return `Le document est là, atteint par une redirection vers ${link.finalUrl}.`;
      return `Le serveur a répondu ${code}${_}: le document est là.`;
    case 'moved-permanently':
      return `Déplacé définitivement vers ${target}${_}: mettez le catalogue à jour.`;
    case 'redirect-to-home':
      return `Redirigé vers la page d’accueil du site (${target})${_}: le document a disparu.`;
    case 'soft-404':
      return `Le serveur a répondu ${code}, mais la page dit que le document est introuvable${_}: il a disparu.`;
    case 'redirect-to-search':
      return `Renvoyé vers la page de recherche du site${_}: le document a disparu.`;
    case 'parked-domain':
      return `Le domaine ${host} est parqué ou à vendre${_}: le site a disparu.`;
    case 'dns-nxdomain':
      return `Le nom d’hôte ${host} n’existe plus (DNS${_}: domaine inexistant).`;
    case 'persistent-error':
      return link.failingSince
        ? `En échec à ${f.count(link.consecutiveFailures, 'passage consécutif', 'passages consécutifs')} depuis le ${date(link.failingSince)}${_}: considéré comme mort.`
        : `En échec à chaque passage${_}: considéré comme mort.`;
    case 'dns-failure':
      return `Le nom d’hôte ${host} n’a pas pu être résolu cette fois.${streak(link)}`;
    case 'timeout':
      return `Le serveur n’a pas répondu à temps.${streak(link)}`;
    case 'connection-refused':
      return `Le serveur a refusé la connexion.${streak(link)}`;
    case 'connection-reset':
      return `La connexion a été coupée avant la fin de la réponse.${streak(link)}`;
    case 'tls-error':
      return `La connexion sécurisée (TLS) a échoué.${streak(link)}`;
    case 'protocol-error':
      return `Le serveur a envoyé une réponse qui n’est pas du HTTP valide.${streak(link)}`;
    case 'retry-after-exceeded':
      return `Le serveur demande de revenir plus tard que nous ne voulons attendre.${streak(link)}`;
    case 'truncated-body':
      return `La connexion s’est rompue au milieu du document à chaque tentative${_}: il n’a pas pu être lu.${streak(link)}`;
    case 'invalid-redirect':
      return `Le serveur a redirigé vers une adresse inutilisable.${streak(link)}`;
    case 'empty-page':
      return `Le serveur a répondu ${code} avec une page vide${_}: le document n’est pas là cette fois (un script en panne donne la même chose).${streak(link)}`;
    case 'redirect-loop':
      return `Les redirections tournent en boucle${_}: les navigateurs ne peuvent pas l’ouvrir non plus.`;
    case 'too-many-redirects':
      return `Trop de redirections${_}: les navigateurs ne peuvent pas l’ouvrir non plus.`;
    case 'network-down':
      return `Non vérifié de façon concluante${_}: la plupart des hôtes étaient injoignables en même temps, le réseau de rotwatch semble coupé.`;
    case 'interrupted':
      return 'La vérification a été interrompue avant la réponse du serveur.';
    case 'bot-wall':
      return `Un mur anti-robots a répondu à la place de la page (HTTP ${code})${_}: à vérifier à la main.`;
    case 'login-required':
      return `Le document demande une connexion (page d’identification)${_}: à vérifier à la main.`;
    case 'private-address':
      return `Non vérifié${_}: l’adresse est privée, de bouclage ou lien-local.`;
    case 'robots':
      return `Non vérifié${_}: le fichier robots.txt du site l’interdit.`;
    case 'excluded':
      return `Non vérifié${_}: écarté par --include ou --exclude.`;
    case 'host-skipped':
      return `Non vérifié${_}: l’hôte ${host} est écarté par la configuration.`;
    case 'unsupported-scheme':
      return `Non vérifié${_}: seuls les liens http et https sont vérifiés.`;
    case 'invalid-url':
      return `Non vérifié${_}: l’URL n’est pas valide.`;
    default: {
      // A code this version does not know (a newer report): its own message is shown.
      const unknown: never = reason;
      void unknown;
      return null;
    }
  }
}

export const fr: Messages = {
  locale: 'fr',
  number: f.number,
  date,
  dateTime: longDateTime('fr-FR'),
  colon: `${_}: `,
  listSeparator: `${_}; `,
  quote: q,

  verdict: {
    ok: 'ok',
    redirected: 'déplacé',
    dead: 'mort',
    error: 'erreur',
    blocked: 'bloqué',
    skipped: 'ignoré',
  },

  section: {
    new: 'Nouveaux cette semaine',
    'still-broken': 'Toujours cassés',
    fixed: 'Réparés depuis le dernier passage',
    moved: 'Déplacés (mettre l’URL à jour)',
  },
  noChange: 'Sans changement',

  failingFor: {
    today: 'depuis aujourd’hui',
    days: (n) => `depuis ${f.count(n, 'jour', 'jours')}`,
    weeks: (n) => `depuis ${f.count(n, 'semaine', 'semaines')}`,
    months: (n) => `depuis ${f.number(n)} mois`,
    years: (n) => `depuis ${f.count(n, 'an', 'ans')}`,
  },

  archiveMiss: {
    'no-capture': 'aucune capture trouvée',
    'only-error-captures': 'seulement des captures de pages d’erreur',
    'only-captures-before-publication': 'seulement des captures antérieures à la publication',
    'archive-throttled': 'l’archive a freiné la recherche',
    'archive-down': 'l’archive n’a pas répondu',
    'archive-excluded': 'l’archive exclut ce site',
    'archive-disabled': 'recherche d’archives désactivée',
  },
  archiveInCatalogue: 'dans le catalogue',

  notChecked: (n) => `${f.number(n)} ${f.plural(n, 'non vérifié', 'non vérifiés')} (réseau coupé)`,
  notCheckedLabel: 'non vérifiés (réseau coupé)',
  interrupted: `Passage interrompu${_}: seuls les liens vérifiés avant l’arrêt figurent dans le rapport.`,
  networkDown: (unreachable, checked) =>
    `Le réseau du vérificateur semblait coupé (${f.number(unreachable)} hôtes injoignables sur ${f.number(checked)})${_}: aucun lien n’a été déclaré mort lors de ce passage.`,

  guardHint: (n, total) => {
    const one = n === 1;
    const which =
      n === total
        ? one
          ? 'Le lien a été ignoré'
          : `Les ${f.number(n)} liens ont été ignorés`
        : one
          ? '1 lien a été ignoré'
          : `${f.number(n)} liens ont été ignorés`;
    return (
      `${which}${_}: ${one ? 'son adresse est' : 'leurs adresses sont'} privée${one ? '' : 's'}, de bouclage ou lien-local, ` +
      'ce que rotwatch ne vérifie pas par défaut. Pour vérifier un site local ou un intranet, ' +
      'relancez avec --allow-private-addresses (ou mettez check.allowPrivateAddresses: true dans ' +
      'rotwatch.config.yaml).'
    );
  },

  remedy: {
    newUrl: 'nouvelle URL',
    archived: 'copie archivée',
    captured: 'capturée le',
    noArchive: 'pas de copie archivée',
    lookByHand: 'à examiner à la main',
    noneKnown: 'aucun remède connu pour l’instant',
  },

  drift: {
    status: {
      drifted: 'A dérivé (constaté sur deux passages)',
      changed: 'Modifié à ce passage',
      none: 'Contenu inchangé',
    },
    title: 'Contenu modifié',
    drifted: 'Contenu dérivé',
    changed: 'Contenu modifié',
    titleBefore: 'Titre précédent',
    reason: {
      'title-mismatch': (similarity) =>
        `le titre de la page diffère du titre du catalogue${similarity !== null ? ` (similarité ${similarity.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })})` : ''}`,
      'title-changed': () => 'le titre de la page a changé',
      'pages-mismatch': (pages, cataloguePages) =>
        `le PDF a ${pages} pages, le catalogue en indique ${cataloguePages}`,
      'pages-changed': (before, now) => `pages du PDF${_}: ${before} \u2192 ${now}`,
      'type-changed': (before, now) => `type de document${_}: ${before} \u2192 ${now}`,
      'content-changed': (bits) => `le texte a changé (${bits} bits d’empreinte sur 64 diffèrent)`,
    },
    since: (since, runs) =>
      `dérive depuis le ${date(since)} (${f.count(runs, 'passage', 'passages')})`,
    thisRunOnly: `modifié à ce passage seulement${_}; compté si cela se confirme au prochain passage`,
  },

  metadata: {
    field: { creators: 'auteurs', date: 'année', container: 'revue ou collection' },
    difference: (field, catalogue, page) =>
      `${field}${_}: catalogue ${q(catalogue)}, page ${q(page)}`,
    title: 'Métadonnées divergentes (page comparée au catalogue)',
    differs: 'métadonnées divergentes',
    differsLabel: 'Diffère',
  },

  html: {
    title: (d) => `État des liens, ${d}`,
    runLine: (id, from, to, version, files) =>
      `Passage ${id}, du ${from} au ${to}, rotwatch ${version}, ${f.count(files, 'fichier catalogue', 'fichiers catalogue')}.`,
    total: 'total',
    broken: 'cassés',
    contentDrifted: 'contenu dérivé',
    chartTitle: 'État des liens au fil des passages',
    legendNotChecked: `non vérifiés (réseau coupé${_}: barre en pointillés)`,
    wasNow: (was, now) => `était ${was}, maintenant ${now}`,
    links: 'Liens',
    rows: (n) => `${f.count(n, 'ligne', 'lignes')}`,
    rowsShownTemplate: '{shown} lignes affichées sur {total}',
    filter: {
      status: 'État',
      change: 'Évolution',
      section: 'Rubrique',
      host: 'Hôte',
      text: 'Texte',
      all: 'tous',
      none: '(aucune)',
      noHost: '(URL invalide)',
      placeholder: 'titre, identifiant, URL, raison',
    },
    column: {
      status: 'État',
      change: 'Évolution',
      entry: 'Notice',
      section: 'Rubrique',
      fileLine: 'Fichier:ligne',
      host: 'Hôte',
      url: 'URL',
      reason: 'Raison',
      remedy: 'Remède',
      brokenFor: 'Cassé depuis',
    },
    page: 'page',
    pageTitle: 'Titre de la page',
    noEntry: '(aucune notice)',
    now: 'désormais',
    chart: {
      label: (runs) => `État des liens sur ${f.count(runs, 'passage', 'passages')}`,
      thisRun: 'ce passage',
      networkDown: 'réseau coupé',
      interrupted: 'interrompu',
      noLinks: 'aucun lien',
    },
    summarised: {
      heading: 'Liens sans rien à faire (comptés, non listés)',
      intro: (links, rows, limit) =>
        `${f.count(links, 'lien', 'liens')} (${f.count(rows, 'ligne', 'lignes')}) ont répondu normalement ou ont été ignorés${_}: au-delà de ${f.number(limit)} tels liens, la page les compte au lieu de les lister.`,
      byStatus: (parts) => `Par état${_}: ${parts}.`,
      fullList: 'Chaque lien, avec ses lignes, figure dans',
      and: 'et',
      bySection: 'Par section du catalogue (lignes)',
      byHost: 'Par hôte (liens)',
      count: 'Nombre',
      otherSections: (n) => f.count(n, 'autre section', 'autres sections'),
      otherHosts: (n) => f.count(n, 'autre hôte', 'autres hôtes'),
    },
  },

  digest: {
    title: (d) => `Bilan de vérification des liens, ${d}`,
    intro: (p) =>
      `Passage ${p.run}${_}: ${f.count(p.total, 'lien vérifié', 'liens vérifiés')} dans ${f.count(p.files, 'fichier catalogue', 'fichiers catalogue')}, ` +
      `${f.count(p.broken, 'cassé', 'cassés')}, ${p.notChecked ? `${p.notChecked}, ` : ''}${f.count(p.moved, 'déplacé', 'déplacés')}, ${f.count(p.fixed, 'réparé', 'réparés')} depuis le dernier passage` +
      (p.drifted
        ? `, ${f.count(p.drifted, 'lien dont le contenu a dérivé', 'liens dont le contenu a dérivé')}.`
        : '.'),
    interrupted: `**Passage interrompu${_}:** seuls les liens vérifiés avant l’arrêt figurent dans le bilan.`,
    networkDown: (unreachable, checked) =>
      `**Le réseau du vérificateur semblait coupé** (${f.number(unreachable)} hôtes injoignables sur ${f.number(checked)})${_}: aucun lien n’a été déclaré mort lors de ce passage.`,
    table: { status: 'État', links: 'Liens', since: 'Depuis le dernier passage', total: 'total' },
    trend: (runs, counts) =>
      `Liens cassés sur les ${f.count(runs, 'dernier passage', 'derniers passages')}${_}: ${counts} (ce passage en gras).`,
    trendDown: (notChecked) =>
      `réseau coupé, ${f.number(notChecked)} ${f.plural(notChecked, 'non vérifié', 'non vérifiés')}`,
    trendInterrupted: 'interrompu',
    none: 'Aucun.',
    more: (n) => `... et ${f.number(n)} de plus${_}: voir le rapport HTML ou la liste CSV.`,
    noEntry: '*(aucune notice du catalogue)*',
    untitled: '(sans titre)',
    from: 'cité en',
    andMore: (n) => `et ${f.number(n)} de plus`,
    url: 'URL',
    pageTitle: 'Titre de la page',
    was: 'auparavant',
    why: 'Pourquoi',
    remedy: 'Remède',
    broken: (duration) => `cassé ${duration}`,
    runsInARow: (n) => `${f.number(n)} passages de suite`,
    wasNow: (was, now) => `Était ${was}, maintenant ${now}.`,
  },

  summary: {
    headline: (total, counts) =>
      `rotwatch${_}: ${f.count(total, 'lien vérifié', 'liens vérifiés')}${counts ? `${_}: ${counts}` : ''}`,
    count: (n, status) => {
      const forms = VERDICT_FORMS[status as Verdict];
      return `${f.number(n)} ${forms ? f.plural(n, forms[0], forms[1]) : status}`;
    },
    broken: (n) => `${f.number(n)} ${f.plural(n, 'cassé', 'cassés')}`,
    interrupted: `Passage interrompu${_}: seuls les liens vérifiés jusque-là figurent dans le rapport.`,
    noNetwork: `rotwatch${_}: pas de réseau${_}: la plupart des hôtes étaient injoignables en même temps. Aucun lien n’a été déclaré mort lors de ce passage.`,
    networkDown: (unreachable, checked) =>
      `Le réseau semblait coupé (${f.number(unreachable)} hôtes injoignables sur ${f.number(checked)})${_}: aucun lien n’a été déclaré mort.`,
    brokenLinks: `Liens cassés${_}:`,
    failingLinks: `Liens en échec${_}:`,
    newMark: '[nouveau]',
    citedIn: 'dans',
    more: (n) => `... et ${f.number(n)} de plus`,
    moved: (n) => `${f.plural(n, 'Lien déplacé', 'Liens déplacés')} (mettre l’URL à jour)${_}:`,
    fixed: (n) => `${f.count(n, 'lien réparé', 'liens réparés')} depuis le dernier passage.`,
    drifted: (n) =>
      `${f.count(n, 'lien dont le contenu a dérivé', 'liens dont le contenu a dérivé')} (il répond, mais ce n’est plus la page citée)${_}: voir le bilan.`,
  },

  csv: {
    status: 'état',
    reason: 'raison',
    message: 'explication',
    id: 'identifiant',
    fileLine: 'fichier:ligne',
    section: 'rubrique',
    catalogueTitle: 'titre au catalogue',
    pageTitle: 'titre de la page',
    currentUrl: 'URL actuelle',
    suggestedUrl: 'URL proposée',
    archiveUrl: 'URL de la copie archivée',
    archiveDate: 'date de l’archive',
    drift: 'dérive',
    driftReasons: 'raisons de la dérive',
    metadataDiffers: 'métadonnées divergentes',
  },

  email: {
    subject: (week, dead, fresh, fixed, complete) =>
      `Rapport des liens ${week}${_}: ${f.count(dead, 'mort', 'morts')}, ${f.count(fresh, 'nouveau', 'nouveaux')}, ${f.count(fixed, 'réparé', 'réparés')}${complete ? '' : ' (incomplet)'}`,
  },

  linkMessage,
};
