// A small list of well-known tracking hosts, kept as data. A host matches an entry when it is the entry
// or ends with "." + the entry (www.google-analytics.com matches google-analytics.com).
// Source: Disconnect's tracking protection list (github.com/disconnectme/disconnect-tracking-protection,
// services.json, categories Advertising, Analytics and Social), which Firefox's tracking protection also
// uses; each host here is one of the most common entries there and in DuckDuckGo's Tracker Radar
// (github.com/duckduckgo/tracker-radar). Fonts, CDNs and maps are left out on purpose: they are not
// there to follow visitors, and a patient could not tell a clinic why they matter.

export type TrackerCategory = 'advertising' | 'analytics' | 'social';

export interface TrackerHost {
  domain: string;
  owner: string;
  category: TrackerCategory;
}

export const TRACKER_LIST_SOURCE = 'Disconnect tracking protection list (services.json); DuckDuckGo Tracker Radar';

export const TRACKER_HOSTS: readonly TrackerHost[] = [
  { domain: 'google-analytics.com', owner: 'Google', category: 'analytics' },
  { domain: 'googletagmanager.com', owner: 'Google', category: 'analytics' },
  { domain: 'doubleclick.net', owner: 'Google', category: 'advertising' },
  { domain: 'googlesyndication.com', owner: 'Google', category: 'advertising' },
  { domain: 'googleadservices.com', owner: 'Google', category: 'advertising' },
  { domain: 'facebook.net', owner: 'Meta', category: 'social' },
  { domain: 'facebook.com', owner: 'Meta', category: 'social' },
  { domain: 'bat.bing.com', owner: 'Microsoft', category: 'advertising' },
  { domain: 'clarity.ms', owner: 'Microsoft', category: 'analytics' },
  { domain: 'hotjar.com', owner: 'Hotjar', category: 'analytics' },
  { domain: 'mixpanel.com', owner: 'Mixpanel', category: 'analytics' },
  { domain: 'segment.com', owner: 'Segment', category: 'analytics' },
  { domain: 'segment.io', owner: 'Segment', category: 'analytics' },
  { domain: 'amplitude.com', owner: 'Amplitude', category: 'analytics' },
  { domain: 'scorecardresearch.com', owner: 'comScore', category: 'analytics' },
  { domain: 'quantserve.com', owner: 'Quantcast', category: 'advertising' },
  { domain: 'criteo.com', owner: 'Criteo', category: 'advertising' },
  { domain: 'criteo.net', owner: 'Criteo', category: 'advertising' },
  { domain: 'adnxs.com', owner: 'Xandr', category: 'advertising' },
  { domain: 'taboola.com', owner: 'Taboola', category: 'advertising' },
  { domain: 'outbrain.com', owner: 'Outbrain', category: 'advertising' },
  { domain: 'ads-twitter.com', owner: 'X (Twitter)', category: 'social' },
  { domain: 'analytics.twitter.com', owner: 'X (Twitter)', category: 'social' },
  { domain: 'licdn.com', owner: 'LinkedIn', category: 'social' },
  { domain: 'ads.linkedin.com', owner: 'LinkedIn', category: 'social' },
  { domain: 'analytics.tiktok.com', owner: 'TikTok', category: 'social' },
  { domain: 'mc.yandex.ru', owner: 'Yandex', category: 'analytics' },
];

function hostMatches(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** The tracker entry a host belongs to, or null. */
export function trackerFor(host: string): TrackerHost | null {
  const lower = host.toLowerCase().replace(/\.$/, '');
  return TRACKER_HOSTS.find((tracker) => hostMatches(lower, tracker.domain)) ?? null;
}
