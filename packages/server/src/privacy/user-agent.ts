import { UAParser } from 'ua-parser-js';
import type { Platform } from '@kommunechat/protocol';

/** The only facts about a visitor's device that a conversation keeps (privacy rule 4). */
export interface DeviceSummary {
  platform: Platform | null;
  browser: string | null;
  /** major version only: a full version string narrows the visitor down for no statistical gain */
  browserVersion: string | null;
}

const MAX_USER_AGENT = 1024;

/** Reduces a User-Agent header to platform, browser family and major version; the header itself is never stored. */
export function summariseUserAgent(userAgent: string | undefined): DeviceSummary {
  if (!userAgent) return { platform: null, browser: null, browserVersion: null };
  const ua = new UAParser(userAgent.slice(0, MAX_USER_AGENT)).getResult();
  const type = ua.device.type;
  const platform: Platform =
    type === 'mobile' || type === 'wearable' ? 'mobile' : type === 'tablet' ? 'tablet' : 'desktop';
  return {
    platform,
    browser: ua.browser.name ? ua.browser.name.slice(0, 40) : null,
    browserVersion: ua.browser.major ? ua.browser.major.slice(0, 10) : null,
  };
}
