// What the page's MAIN-world recorder (note-request-methods.iife.ts) and the content script share: the
// names of the two events they talk through, and the form of an entry ("GET https://host/path?query").

/** The content script dispatches this on window to ask for the list. */
export const ASK_EVENT = 'portal-checkup-requests-ask';
/** The recorder answers, synchronously, with this event; its detail is the JSON text of the list. */
export const ANSWER_EVENT = 'portal-checkup-requests-answer';
/** Entries kept, newest last: viewers make a few dozen data requests per view. */
export const NOTED_REQUESTS = 64;
/** Longer addresses are not noted (no data request of a viewer needs them). */
export const NOTED_URL_CHARS = 2_048;

export interface PageRequest {
  /** Upper case, as the page passed it. */
  method: string;
  /** Absolute, same origin as the page when it was noted. */
  url: string;
}
