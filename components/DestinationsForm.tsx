// The options page's S3 destinations: the saved ones, and a form to add one or change one. A saved secret never
// goes back into the page; the form's values are read from the fields only when a button is pressed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { toErrorInfo } from '@/utils/errors';
import { describeError, t } from '@/utils/i18n';
import type { Command, CommandReply } from '@/utils/protocol';
import { normaliseDestination, type S3Destination } from '@/utils/s3/destination';
import { endpointPermission, listDestinations, removeDestination, saveDestination } from '@/utils/s3/destinations';
import { DestinationFields } from './DestinationFields';
import { DestinationList } from './DestinationList';
import { type DestinationField, describeProblem, draftOf, withStoredSecrets } from './destination-draft';

type Status = { text: string; error?: boolean };

/** Gives back a custom endpoint's host once no saved destination uses it: Reclaim keeps no access it won't use. */
async function forgetHost(removed: S3Destination, kept: S3Destination[]): Promise<void> {
  const origin = endpointPermission(removed);
  if (!origin || kept.some((destination) => endpointPermission(destination) === origin)) return;
  try {
    await browser.permissions.remove({ origins: [origin] });
  } catch {
    // Keeping a permission nothing uses is harmless; the removal itself has succeeded.
  }
}

export function DestinationsForm() {
  const [destinations, setDestinations] = useState<S3Destination[]>([]);
  // The destination being changed (undefined: a new one). Its secret stays here, never in a field.
  const [editing, setEditing] = useState<S3Destination>();
  // A new key remounts the form, so after saving, editing or starting anew no typed secret stays in a field.
  const [formKey, setFormKey] = useState(0);
  const [wrongField, setWrongField] = useState<DestinationField>();
  const [status, setStatus] = useState<Status>({ text: '' });
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => void listDestinations().then(setDestinations), []);

  function open(destination: S3Destination | undefined, message: Status = { text: '' }) {
    setEditing(destination);
    setFormKey((key) => key + 1);
    setWrongField(undefined);
    setStatus(message);
  }

  /** The form's values as a destination; undefined, with the reason shown, when one of them is wrong. */
  function checked(): S3Destination | undefined {
    if (!form.current) return undefined;
    try {
      const destination = normaliseDestination(withStoredSecrets(draftOf(form.current), editing));
      setWrongField(undefined);
      return destination;
    } catch (error) {
      const problem = describeProblem(error);
      setWrongField(problem.field);
      setStatus({ text: problem.text, error: true });
      return undefined;
    }
  }

  /**
   * Asks for a custom endpoint's host. Browsers grant this only while handling the user's click, so it must be
   * called before anything is awaited (Firefox refuses it otherwise; Chrome once the click's activation expires).
   */
  async function mayReach(destination: S3Destination): Promise<boolean> {
    const origin = endpointPermission(destination);
    if (!origin || !destination.endpoint) return true;
    let granted = false;
    try {
      granted = await browser.permissions.request({ origins: [origin] });
    } catch {
      // A browser that refuses to ask is a refusal too.
    }
    if (!granted)
      setStatus({ text: t('destinationPermissionRefused', new URL(destination.endpoint).host), error: true });
    return granted;
  }

  async function whileBusy(work: () => Promise<void>) {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      setStatus({ text: describeError(toErrorInfo(error)), error: true });
    } finally {
      setBusy(false);
    }
  }

  async function save(event: Event) {
    event.preventDefault();
    const destination = checked();
    if (!destination || !(await mayReach(destination))) return;
    await whileBusy(async () => {
      const stored = await saveDestination(destination);
      setDestinations(await listDestinations());
      open(stored, { text: t('destinationSaved', stored.name) });
    });
  }

  async function testConnection(event: Event) {
    event.preventDefault();
    const destination = checked();
    if (!destination || !(await mayReach(destination))) return;
    await whileBusy(async () => {
      setStatus({ text: t('destinationTesting') });
      const command: Command = { type: 'test-connection', destination };
      const reply = (await browser.runtime.sendMessage(command)) as CommandReply;
      setStatus(
        reply.ok
          ? { text: t('destinationConnectionWorks', destination.bucket) }
          : { text: describeError(reply.error), error: true },
      );
    });
  }

  async function remove(destination: S3Destination) {
    await whileBusy(async () => {
      await removeDestination(destination.id);
      const kept = await listDestinations();
      setDestinations(kept);
      const message = { text: t('destinationRemoved', destination.name) };
      if (editing?.id === destination.id) open(undefined, message);
      else setStatus(message);
      await forgetHost(destination, kept);
    });
  }

  return (
    <>
      <p>{t('destinationsIntro')}</p>
      <DestinationList destinations={destinations} busy={busy} onEdit={(d) => open(d)} onRemove={remove} />
      <button type="button" data-testid="reclaim-destination-new" disabled={busy} onClick={() => open(undefined)}>
        {t('destinationNew')}
      </button>
      {/* Both buttons act on click: pressing Enter in a field clicks the Save button, which handles it. */}
      <form key={formKey} ref={form} class="destination-form" onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>{editing ? t('destinationEditing', editing.name) : t('destinationNew')}</legend>
          <DestinationFields editing={editing} wrongField={wrongField} />
          <button type="button" data-testid="reclaim-destination-test" disabled={busy} onClick={testConnection}>
            {t('destinationTest')}
          </button>{' '}
          <button type="submit" data-testid="reclaim-destination-save" disabled={busy} onClick={save}>
            {t('destinationSave')}
          </button>
        </fieldset>
      </form>
      <output data-testid="reclaim-destination-status" class={status.error ? 'error' : undefined}>
        {status.text}
      </output>
    </>
  );
}
