/**
 * Each link's message in French, rendered from its reason code and its fields at report time
 * (the checker writes the English sentence as it goes).
 */
import type { HttpReason, ReasonCode } from '../model/index.js';
import { hostnameOf } from '../text/parsed-url.js';
import type { LinkFacts } from './en.js';
import { nbsp as _, date, f } from './fr-format.js';

const hostOf = (url: string): string => hostnameOf(url) ?? url;

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

const HTTP_STATUS_VERDICT = /^http-(\d+)$/;

/** The French message of a link, from its reason code and fields (exhaustive over the codes). */
export function linkMessage(link: LinkFacts): string | null {
  const code = link.httpStatus ?? 0;
  const host = hostOf(link.url);
  const target = link.suggestedUrl ?? link.finalUrl ?? '';
  const http = HTTP_STATUS_VERDICT.exec(link.reason ?? '');
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
