// The fields of one S3 destination. They are filled from storage only with what is not secret: the secret and
// the session token stay empty, with a placeholder saying that empty keeps the saved one. A field's problem is
// shown right below it and read with it (aria-describedby), not at the end of the form.
import { useId } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { S3Destination } from '@/utils/s3/destination';
import type { DestinationField } from './destination-draft';

export interface FieldProblem {
  field: DestinationField;
  text: string;
}

interface FieldProps {
  name: DestinationField;
  testid: string;
  label: string;
  help?: string[];
  value?: string;
  type?: 'text' | 'url' | 'password';
  placeholder?: string;
  problem?: string;
}

function Field({ name, testid, label, help = [], value, type = 'text', placeholder, problem }: FieldProps) {
  const id = useId();
  const helpIds = help.map((_, n) => `${id}-help-${n}`);
  const problemId = `${id}-problem`;
  const describedBy = [...(problem ? [problemId] : []), ...helpIds].join(' ');
  return (
    <p class="field">
      <label>
        {label}
        <input
          name={name}
          type={type}
          defaultValue={value ?? ''}
          placeholder={placeholder}
          aria-invalid={problem !== undefined}
          aria-describedby={describedBy || undefined}
          autocomplete="off"
          spellcheck={false}
          data-testid={`reclaim-destination-${testid}`}
        />
      </label>
      {problem ? (
        <small class="error" id={problemId} data-testid={`reclaim-destination-${testid}-problem`}>
          {problem}
        </small>
      ) : null}
      {help.map((text, n) => (
        <small key={text} class="hint" id={helpIds[n]}>
          {text}
        </small>
      ))}
    </p>
  );
}

export function DestinationFields({ editing, problem }: { editing?: S3Destination; problem?: FieldProblem }) {
  const unchanged = t('destinationUnchanged');
  const problemOf = (field: DestinationField) => (problem?.field === field ? problem.text : undefined);
  return (
    <>
      <Field name="name" testid="name" label={t('destinationName')} value={editing?.name} problem={problemOf('name')} />
      <Field
        name="bucket"
        testid="bucket"
        label={t('destinationBucket')}
        value={editing?.bucket}
        problem={problemOf('bucket')}
      />
      <Field
        name="region"
        testid="region"
        label={t('destinationRegion')}
        value={editing?.region ?? 'us-east-1'}
        problem={problemOf('region')}
      />
      <Field
        name="prefix"
        testid="prefix"
        label={t('destinationPrefix')}
        value={editing?.prefix}
        problem={problemOf('prefix')}
      />
      <Field
        name="endpoint"
        testid="endpoint"
        type="url"
        label={t('destinationEndpoint')}
        help={[t('destinationEndpointHelp'), t('optionsEndpointPermission')]}
        value={editing?.endpoint}
        problem={problemOf('endpoint')}
      />
      <Field
        name="accessKeyId"
        testid="key-id"
        label={t('destinationKeyId')}
        value={editing?.accessKeyId}
        problem={problemOf('accessKeyId')}
      />
      <Field
        name="secretAccessKey"
        testid="secret"
        type="password"
        label={t('destinationSecret')}
        placeholder={editing ? unchanged : undefined}
        problem={problemOf('secretAccessKey')}
      />
      <Field
        name="sessionToken"
        testid="session-token"
        type="password"
        label={t('destinationSessionToken')}
        placeholder={editing?.sessionToken ? unchanged : undefined}
        problem={problemOf('sessionToken')}
      />
    </>
  );
}
