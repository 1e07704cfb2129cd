/** Which tf.js backend trains, and why a faster one was not used. Always visible while training. */
import type { BackendInfo } from '../../worker/protocol';

export function BackendLabel({ backend }: { backend: BackendInfo | null }) {
  if (!backend) {
    return (
      <span className="backend-label" data-testid="backend" data-backend="" role="status">
        backend: starting…
      </span>
    );
  }
  const failed = backend.tried.filter((t) => t.error);
  return (
    <span className="backend-label" data-testid="backend" data-backend={backend.name} role="status" title={backend.reason}>
      backend: <strong>{backend.name}</strong>
      <span className="backend-reason">
        {' '}
        — {backend.reason}
        {failed.length > 0 && failed.length < backend.tried.length - 1 ? ` (tried ${backend.tried.map((t) => t.name).join(', ')})` : ''}
      </span>
    </span>
  );
}
