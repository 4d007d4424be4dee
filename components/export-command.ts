// What the bar and the popup ask the background for: the user's S3 destinations (names only), and an export of
// the chosen recordings with the name template and file choices of the settings as they are at that moment.
import { browser } from 'wxt/browser';
import type { Destination, Recording, SiteId } from '@/utils/model';
import type { Command, CommandReply } from '@/utils/protocol';
import type { DestinationName } from '@/utils/s3/destination';
import { getSettings } from '@/utils/settings';

/** The user's S3 destinations: names only on a platform page; the keys never leave the background. */
export async function listDestinationChoices(): Promise<DestinationName[]> {
  const reply = (await browser.runtime.sendMessage({ type: 'list-destinations' } satisfies Command)) as CommandReply;
  return reply.ok ? (reply.destinations ?? []) : [];
}

/** The S3 destinations to copy to, and which one is chosen; asked again before a copy, as one may be new. */
export class S3Choice {
  destinations: DestinationName[] = [];
  chosen: string | undefined;

  async load(): Promise<void> {
    this.destinations = await listDestinationChoices();
    if (!this.destinations.some((choice) => choice.id === this.chosen)) this.chosen = this.destinations[0]?.id;
  }
}

export async function askForExport(options: {
  site: SiteId;
  destination: Destination;
  destinationId?: string;
  recordings: Recording[];
  /** The platform address the recordings belong to; the page's own by default. */
  origin?: string;
  /** The export's name as the bar suggests it or the user edited it; the worker's default when absent. */
  name?: string;
  /** Skip what is archived in this destination; for S3, Check the bucket first. */
  skipArchived?: boolean;
  checkBucket?: boolean;
}): Promise<CommandReply> {
  const settings = await getSettings();
  const command: Command = {
    type: 'export',
    site: options.site,
    destination: options.destination,
    destinationId: options.destination === 's3' ? options.destinationId : undefined,
    origin: options.origin ?? location.origin,
    recordings: options.recordings,
    nameTemplate: settings.nameTemplate,
    skippedFiles: settings.skippedFiles,
    name: options.name,
    skipArchived: options.skipArchived,
    checkBucket: options.checkBucket || undefined,
  };
  return (await browser.runtime.sendMessage(command)) as CommandReply;
}
