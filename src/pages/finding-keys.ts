import type { MessageKey } from '../shared/locale';
import type { Finding, Report } from '../shared/report';

// Message keys use underscores where finding ids have hyphens: no-login → finding_no_login_headline.
export function findingKey(prefix: string, findingId: string, suffix = ''): MessageKey {
  return `${prefix}${findingId.replace(/-/g, '_')}${suffix}` as MessageKey;
}

/** Whose texts a finding uses: its id, or id and variant (known-viewer + insecure-setup → known_viewer_insecure_setup). */
export function findingTextId(finding: Pick<Finding, 'id' | 'variant'>): string {
  return finding.variant ? `${finding.id}-${finding.variant}` : finding.id;
}

/** What fills $PRODUCT$ in finding texts: the product's name, and its version when the page showed one. */
export function productLabel(report: Pick<Report, 'product' | 'productVersion'>): string {
  if (!report.product) return '';
  return report.productVersion ? `${report.product} ${report.productVersion}` : report.product;
}
