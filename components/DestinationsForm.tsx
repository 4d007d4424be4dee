// The options page's S3 destinations: the saved ones, and a form to add one or change one. A saved secret never
// goes back into the page; the form's values are read from the fields only when a button is pressed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { toErrorInfo } from '@/utils/errors';
import { describeError, t } from '@/utils/i18n';
import type { Command, CommandReply } from '@/utils/protocol';
import { normaliseDestination, type S3Destination } from '@/utils/s3/destination';
import { endpointPermission, listDestinations, removeDestination, saveDestination } from '@/utils/s3/destinations';
import { DestinationFields, type FieldProblem } from './DestinationFields';
import { DestinationList } from './DestinationList';
import { describeProblem, draftOf, testProblemText, withStoredSecrets } from './destination-draft';

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

/** What a test is about: every value but the id, which a new destination is given afresh each time it is read. */
function testedValues({ id: _id, ...values }: S3Destination): string {
  return JSON.stringify(values);
}

export function DestinationsForm() {
  const [destinations, setDestinations] = useState<S3Destination[]>([]);
  // The destination being changed (undefined: a new one). Its secret stays here, never in a field.
  const [editing, setEditing] = useState<S3Destination>();
  // A new key remounts the form, so after saving, editing or starting anew no typed secret stays in a field.
  const [formKey, setFormKey] = useState(0);
  const [problem, setProblem] = useState<FieldProblem>();
  const [status, setStatus] = useState<Status>({ text: '' });
  const [busy, setBusy] = useState(false);
  // Save was pressed for values whose connection test failed: the user chooses to save anyway or test again.
  const [confirming, setConfirming] = useState(false);
  // The values (as one string) of the last test that failed; kept out of the page like the stored secret.
  const failedTest = useRef<string>();
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => void listDestinations().then(setDestinations), []);

  function open(destination: S3Destination | undefined, message: Status = { text: '' }) {
    setEditing(destination);
    setFormKey((key) => key + 1);
    setProblem(undefined);
    setConfirming(false);
    failedTest.current = undefined;
    setStatus(message);
  }

  /** The form's values as a destination; undefined, with the reason shown, when one of them is wrong. */
  function checked(): S3Destination | undefined {
    if (!form.current) return undefined;
    const draft = draftOf(form.current);
    try {
      const destination = normaliseDestination(withStoredSecrets(draft, editing));
      setProblem(undefined);
      return destination;
    } catch (error) {
      const { text, field } = describeProblem(error, draft);
      if (field) {
        // Said at the field, which takes the focus so that the sentence is read with it.
        setProblem({ field, text });
        setStatus({ text: '' });
        form.current.querySelector<HTMLInputElement>(`[name="${field}"]`)?.focus();
      } else setStatus({ text, error: true });
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
    // Said before the browser's prompt opens, and an older error no longer shown next to it.
    setProblem(undefined);
    setStatus({ text: t('optionsPermissionWhy', new URL(destination.endpoint).host) });
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
    if (!destination) return;
    if (failedTest.current === testedValues(destination)) {
      setConfirming(true);
      setStatus({ text: '' });
      return;
    }
    await store(destination);
  }

  function saveAnyway() {
    const destination = checked();
    setConfirming(false);
    if (destination) void store(destination);
  }

  function testAgain(event: Event) {
    setConfirming(false);
    void testConnection(event);
  }

  /** Asks for the endpoint's host in the click's own turn, then stores the destination. */
  async function store(destination: S3Destination) {
    if (!(await mayReach(destination))) return;
    await whileBusy(async () => {
      const stored = await saveDestination(destination);
      setDestinations(await listDestinations());
      open(stored, { text: t('destinationSaved', stored.name) });
    });
  }

  async function testConnection(event: Event) {
    event.preventDefault();
    setConfirming(false);
    const destination = checked();
    if (!destination || !(await mayReach(destination))) return;
    await whileBusy(async () => {
      setStatus({ text: t('destinationTesting') });
      const command: Command = { type: 'test-connection', destination };
      const reply = (await browser.runtime.sendMessage(command)) as CommandReply;
      failedTest.current = reply.ok ? undefined : testedValues(destination);
      setStatus(
        reply.ok
          ? { text: t('destinationConnectionWorks', destination.bucket) }
          : { text: testProblemText(reply.error), error: true },
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
          <DestinationFields editing={editing} problem={problem} />
          <div class="actions">
            <button type="button" data-testid="reclaim-destination-test" disabled={busy} onClick={testConnection}>
              {t('destinationTest')}
            </button>
            <button type="submit" data-testid="reclaim-destination-save" disabled={busy} onClick={save}>
              {t('destinationSave')}
            </button>
          </div>
        </fieldset>
      </form>
      {confirming ? (
        <div class="notice" role="alert" data-testid="reclaim-destination-untested">
          <p>{t('optionsSaveUntested')}</p>
          <div class="actions">
            <button type="button" class="primary" data-testid="reclaim-destination-test-again" onClick={testAgain}>
              {t('optionsTestAgain')}
            </button>
            <button type="button" data-testid="reclaim-destination-save-anyway" onClick={saveAnyway}>
              {t('optionsSaveAnyway')}
            </button>
          </div>
        </div>
      ) : null}
      <output data-testid="reclaim-destination-status" class={status.error ? 'status error' : 'status'}>
        {status.text}
      </output>
    </>
  );
}
