// The worker's own address for a folder file it relays (folder-relay.ts): kept apart so that the offscreen document,
// which only checks addresses, does not load the export engine.

const RELAY_PATH = /^\/folder\/(\d+)\/(\d+)$/;

// The background's own origin: `chrome-extension://<id>`.
const ownOrigin = () => globalThis.location.origin;

export interface RelayRef {
  jobId: number;
  fileId: number;
}

export function relayUrl({ jobId, fileId }: RelayRef): string {
  return `${ownOrigin()}/folder/${jobId}/${fileId}`;
}

/** The file a worker-served folder address belongs to, or null for any other address. */
export function relayOfUrl(url: string | undefined): RelayRef | null {
  try {
    const parsed = new URL(url ?? '');
    if (parsed.origin !== ownOrigin()) return null;
    const match = RELAY_PATH.exec(parsed.pathname);
    return match ? { jobId: Number(match[1]), fileId: Number(match[2]) } : null;
  } catch {
    return null;
  }
}
