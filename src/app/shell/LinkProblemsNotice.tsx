/** The Trainer's and Compare's notice listing the parts of the opening link that were not understood. */
import { Notice } from './Notice';

export function LinkProblemsNotice({ problems, onDismiss }: { problems: string[]; onDismiss: () => void }) {
  if (problems.length === 0) return null;
  return (
    <Notice tone="warning" testId="url-notice" onDismiss={onDismiss}>
      <div>
        <p>Some settings in the link were not understood:</p>
        <ul>
          {problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      </div>
    </Notice>
  );
}
