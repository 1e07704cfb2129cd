/** The activation picker with the user's saved formulas listed first ("my formulas"). */
import { memo } from 'react';
import { ActivationPicker, type ActivationPickerProps } from '../search/ActivationPicker';
import { useMyFormulaPicker } from './myFormulaItems';

/** Memoised: a slider drag re-renders the page, not the 60 search results. */
export const PickerWithMyFormulas = memo(function PickerWithMyFormulas(props: ActivationPickerProps) {
  const wiring = useMyFormulaPicker(props.items, props.selectedIds, props.onAdd);
  return <ActivationPicker {...props} {...wiring} />;
});
