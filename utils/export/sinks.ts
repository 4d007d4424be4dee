// Which sink saves an export, by its destination: the only place that names them all.
import type { Destination } from '../model';
import { folderSink } from './folder-export';
import { s3Sink } from './s3-export';
import type { Sink } from './sink';
import { zipSink } from './zip-export';

export const SINKS: Record<Destination, Sink> = { zip: zipSink, folder: folderSink, s3: s3Sink };

export function sinkFor(destination: Destination): Sink {
  return SINKS[destination];
}
