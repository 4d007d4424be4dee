// A file path as people read it: isolated for direction (an Arabic or Hebrew title does not scramble the folders
// around it), and broken across lines only after a "/", never inside a name or a meeting id.
import { Fragment } from 'preact';

export function FilePath({ path }: { path: string }) {
  const parts = path.split('/');
  return (
    <bdi class="path">
      {parts.map((part, i) => {
        const last = i === parts.length - 1;
        return (
          <Fragment key={i}>
            <span style={{ whiteSpace: 'nowrap' }}>{last ? part : `${part}/`}</span>
            {last ? null : <wbr />}
          </Fragment>
        );
      })}
    </bdi>
  );
}
