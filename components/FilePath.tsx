// A file path as people read it: isolated for direction (an Arabic or Hebrew title does not scramble the folders
// around it), breaking after a "/" or between words, never inside a meeting id ("812 3456 7890") or a date.
import { Fragment } from 'preact';

/** Digits in groups (meeting ids, dates, times): one unbreakable piece. */
const NUMBER_RUN = /(\d[\d -]{4,}\d)/;

/** Inline, so the surfaces' own `.path { word-break: break-all }` cannot cut an id in two. */
const WORDS = { wordBreak: 'normal', overflowWrap: 'anywhere' } as const;
const WHOLE = { whiteSpace: 'nowrap' } as const;

function Segment({ text }: { text: string }) {
  return (
    <>
      {text.split(NUMBER_RUN).map((piece, i) =>
        i % 2 === 1 ? (
          <span key={`${i}:${piece}`} style={WHOLE}>
            {piece}
          </span>
        ) : (
          piece
        ),
      )}
    </>
  );
}

export function FilePath({ path }: { path: string }) {
  const parts = path.split('/');
  return (
    <bdi class="path" style={WORDS}>
      {parts.map((part, i) => {
        const last = i === parts.length - 1;
        return (
          <Fragment key={`${i}:${part}`}>
            <Segment text={last ? part : `${part}/`} />
            {last ? null : <wbr />}
          </Fragment>
        );
      })}
    </bdi>
  );
}
