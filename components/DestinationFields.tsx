// The fields of one S3 destination. They are filled from storage only with what is not secret: the secret and
// the session token stay empty, with a placeholder saying that empty keeps the saved one.
import { useId } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { S3Destination } from '@/utils/s3/destination';
import type { DestinationField } from './destination-draft';

interface FieldProps {
  name: DestinationField;
  testid: string;
  label: string;
  help?: string;
  value?: string;
  type?: 'text' | 'url' | 'password';
  placeholder?: string;
  wrong: boolean;
}

function Field({ name, testid, label, help, value, type = 'text', placeholder, wrong }: FieldProps) {
  const helpId = useId();
  return (
    <p>
      <label>
        {label}{' '}
        <input
          name={name}
          type={type}
          defaultValue={value ?? ''}
          placeholder={placeholder}
          aria-invalid={wrong}
          aria-describedby={help ? helpId : undefined}
          autocomplete="off"
          spellcheck={false}
          data-testid={`reclaim-destination-${testid}`}
        />
      </label>
      {help ? (
        <>
          <br />
          <small id={helpId}>{help}</small>
        </>
      ) : null}
    </p>
  );
}

export function DestinationFields({ editing, wrongField }: { editing?: S3Destination; wrongField?: DestinationField }) {
  const unchanged = t('destinationUnchanged');
  const wrong = (field: DestinationField) => wrongField === field;
  return (
    <>
      <Field name="name" testid="name" label={t('destinationName')} value={editing?.name} wrong={wrong('name')} />
      <Field
        name="bucket"
        testid="bucket"
        label={t('destinationBucket')}
        value={editing?.bucket}
        wrong={wrong('bucket')}
      />
      <Field
        name="region"
        testid="region"
        label={t('destinationRegion')}
        value={editing?.region ?? 'us-east-1'}
        wrong={wrong('region')}
      />
      <Field
        name="prefix"
        testid="prefix"
        label={t('destinationPrefix')}
        value={editing?.prefix}
        wrong={wrong('prefix')}
      />
      <Field
        name="endpoint"
        testid="endpoint"
        type="url"
        label={t('destinationEndpoint')}
        help={t('destinationEndpointHelp')}
        value={editing?.endpoint}
        wrong={wrong('endpoint')}
      />
      <Field
        name="accessKeyId"
        testid="key-id"
        label={t('destinationKeyId')}
        value={editing?.accessKeyId}
        wrong={wrong('accessKeyId')}
      />
      <Field
        name="secretAccessKey"
        testid="secret"
        type="password"
        label={t('destinationSecret')}
        placeholder={editing ? unchanged : undefined}
        wrong={wrong('secretAccessKey')}
      />
      <Field
        name="sessionToken"
        testid="session-token"
        type="password"
        label={t('destinationSessionToken')}
        placeholder={editing?.sessionToken ? unchanged : undefined}
        wrong={wrong('sessionToken')}
      />
    </>
  );
}
