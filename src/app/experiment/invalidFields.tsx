/**
 * Which checked fields of a page hold text that does not parse. A field with an invalid value
 * keeps its last valid value in the state, so training then would silently use a number the
 * person no longer sees: Train and Run stay disabled, naming the field, until it is fixed.
 */
import { createContext, useCallback, useContext, useEffect, useId, useMemo, useState, type ReactNode } from 'react';

type Report = (key: string, error: string | null) => void;

const InvalidFieldsContext = createContext<Report | null>(null);

/** The page side: the current errors (in the order the fields reported them) and the provider. */
export function useInvalidFields(): { errors: string[]; report: Report } {
  const [byField, setByField] = useState<ReadonlyMap<string, string>>(new Map());
  const report = useCallback<Report>((key, error) => {
    setByField((m) => {
      if ((m.get(key) ?? null) === error) return m;
      const next = new Map(m);
      if (error === null) next.delete(key);
      else next.set(key, error);
      return next;
    });
  }, []);
  const errors = useMemo(() => [...byField.values()], [byField]);
  return { errors, report };
}

/** Wraps the fields whose errors `report` (from useInvalidFields) collects. */
export function InvalidFieldsScope({ report, children }: { report: Report; children: ReactNode }) {
  return <InvalidFieldsContext.Provider value={report}>{children}</InvalidFieldsContext.Provider>;
}

/** The field side: reports this field's error (null when valid) while it is mounted. */
export function useReportInvalid(error: string | null): void {
  const report = useContext(InvalidFieldsContext);
  const key = useId();
  useEffect(() => {
    report?.(key, error);
    return () => report?.(key, null);
  }, [report, key, error]);
}

/** The tooltip and visible reason for a disabled Train/Run button. */
export function invalidFieldsReason(errors: readonly string[]): string | null {
  return errors.length === 0 ? null : `Fix ${errors.length === 1 ? 'this field' : `these ${errors.length} fields`} first: ${errors.join('; ')}`;
}
