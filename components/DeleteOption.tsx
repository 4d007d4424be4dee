// The options' opt-in for deleting verified recordings from Collaborate: off unless the user turns it on here.
import { t } from '@/utils/i18n';

export function DeleteOption(props: { checked: boolean; onChange(checked: boolean): void }) {
  return (
    <p class="field">
      <label class="check">
        <input
          type="checkbox"
          data-testid="reclaim-delete-verified-option"
          aria-describedby="reclaim-delete-verified-help"
          checked={props.checked}
          onChange={(event) => props.onChange(event.currentTarget.checked)}
        />{' '}
        {t('cleanupOptionDelete')}
      </label>
      <small class="hint" id="reclaim-delete-verified-help">
        {t('cleanupOptionDeleteHint')}
      </small>
    </p>
  );
}
