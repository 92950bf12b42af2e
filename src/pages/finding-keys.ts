import type { MessageKey } from '../shared/locale';

// Message keys use underscores where finding ids have hyphens: no-login → finding_no_login_headline.
export function findingKey(prefix: string, findingId: string, suffix = ''): MessageKey {
  return `${prefix}${findingId.replace(/-/g, '_')}${suffix}` as MessageKey;
}
