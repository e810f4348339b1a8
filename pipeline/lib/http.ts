// HTTP client settings shared by fetching sources and pushing to a store: the user agent and the statuses worth a retry.
import { VERSION } from '../version.js';

/** How ontsluit names itself to servers. */
export const USER_AGENT = `ontsluit/${VERSION}`;

/** Statuses that may pass with time: fetching retries them (a store push retries only the 5xx among them). */
export const RETRY_STATUS = [408, 429, 500, 502, 503, 504, 521, 522, 524];

/** `1 request`, `3 requests`: counts in messages. */
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
