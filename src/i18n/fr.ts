/**
 * Every human-facing text of the reports, in French. Typed by the English catalogue: a key or a
 * parameter missing here is a compile error. French typography: a no-break space before
 * « : ; ? ! » and inside « guillemets ».
 */
import type { Verdict } from '../model/index.js';
import type { Messages } from './en.js';
import { longDateTime } from './format.js';
import { frFix } from './fr-fix.js';
import { nbsp as _, date, f, q } from './fr-format.js';
import { frHtml } from './fr-html.js';
import { linkMessage } from './fr-links.js';

/** Singular and plural of each verdict, as an adjective after a count ("3 morts"). */
const VERDICT_FORMS: Record<Verdict, [string, string]> = {
  ok: ['ok', 'ok'],
  redirected: ['déplacé', 'déplacés'],
  dead: ['mort', 'morts'],
  error: ['en erreur', 'en erreur'],
  blocked: ['bloqué', 'bloqués'],
  skipped: ['ignoré', 'ignorés'],
};

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

  html: frHtml,

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

  fix: frFix,
};
