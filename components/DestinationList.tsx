// The saved S3 destinations: what tells them apart (name, bucket, folder, address), never their keys.
import { t } from '@/utils/i18n';
import type { S3Destination } from '@/utils/s3/destination';
import './destinations.css';

interface Props {
  destinations: S3Destination[];
  busy: boolean;
  onEdit: (destination: S3Destination) => void;
  onRemove: (destination: S3Destination) => void;
}

export function DestinationList({ destinations, busy, onEdit, onRemove }: Props) {
  if (destinations.length === 0) return <p class="empty">{t('destinationsEmpty')}</p>;
  return (
    <ul class="destinations">
      {destinations.map((destination) => (
        <li
          key={destination.id}
          class="destination"
          data-testid="reclaim-destination-item"
          data-destination-id={destination.id}
        >
          <div class="where">
            <strong>{destination.name}</strong>{' '}
            <span>{[destination.bucket, destination.prefix].filter(Boolean).join('/')}</span>
            {destination.endpoint ? <div class="endpoint">{destination.endpoint}</div> : null}
          </div>
          <div class="actions">
            <button
              type="button"
              data-testid="reclaim-destination-edit"
              disabled={busy}
              onClick={() => onEdit(destination)}
            >
              {t('destinationEdit')}
            </button>
            <button
              type="button"
              data-testid="reclaim-destination-remove"
              disabled={busy}
              onClick={() => onRemove(destination)}
            >
              {t('destinationRemove')}
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}
