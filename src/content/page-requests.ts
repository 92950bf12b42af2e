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

// Answers that are images or files, never patient JSON: WADO-RS frames, rendered and thumbnail images,
// bulk data, Orthanc's /file, /preview, /image-*, /archive, /media, /attachments, WADO-URI, and files
// named by their type. The recorder does not even note them: a viewer loading a CT asks hundreds of
// frames, which would push its few data requests out of the list.
const FILE_PATH =
  /\/(frames|rendered|thumbnail|bulkdata|pixeldata|file|preview|image-uint8|image-uint16|image-int16|matlab|numpy|archive|media|attachments|content|pdf)(\/|$)/i;
const FILE_TYPE = /\.(dcm|dicom|png|jpe?g|gif|webp|avif|svg|ico|bmp|tiff?|mp4|webm|mp3|wav|pdf|zip|gz|tgz|wasm|m?js|css|map|woff2?|ttf|otf|eot|html?)$/i;
const WADO_URI = /[?&]requestType=WADO\b/i;

/** An address that brings an image or a file, not data: never noted, never repeated. */
export function bringsFile(address: URL): boolean {
  return FILE_PATH.test(address.pathname) || FILE_TYPE.test(address.pathname) || WADO_URI.test(address.search);
}

export interface PageRequest {
  /** Upper case, as the page passed it. */
  method: string;
  /** Absolute, same origin as the page when it was noted. */
  url: string;
}
