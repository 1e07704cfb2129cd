/**
 * Keras export (TensorFlow backend): a keras.layers.Layer subclass whose op is a
 * tf.custom_gradient function, forward f and backward the playground's f′ (or surrogate) and
 * ∂f/∂p. Learnable parameters are add_weight scalars with a range constraint, which Keras
 * applies after every optimizer update.
 */
import type { CompiledActivation } from '../activation/types';
import { planExport, type ExportOptions } from './export-plan';
import { moduleDocstring, paramTables } from './python-doc';
import { pyFloat } from './python-expr';
import { argList, functionNames, pythonFunctions } from './python-functions';

const SUM_TO = `def _sum_to(grad, like):
    """Sum a broadcast gradient down to the shape of the tensor it belongs to."""
    axes, _ = tf.raw_ops.BroadcastGradientArgs(s0=tf.shape(like), s1=tf.shape(grad))
    return tf.reshape(tf.reduce_sum(grad, axis=axes), tf.shape(like))`;

const RANGE_CONSTRAINT = `class _RangeConstraint(tf.keras.constraints.Constraint):
    """Keras applies this after every optimizer update: clips the weight to the playground's range."""

    def __init__(self, lo, hi):
        self.lo = lo
        self.hi = hi

    def __call__(self, w):
        return tf.clip_by_value(w, self.lo, self.hi)

    def get_config(self):
        return {"lo": self.lo, "hi": self.hi}`;

export function exportKeras(compiled: CompiledActivation, opts: ExportOptions = {}): string {
  const plan = planExport(compiled, opts);
  const fn = functionNames(plan);
  const args = argList(plan);
  const op = `_${plan.prefix}_op`;
  const nVars = plan.vars.length;
  const varArgs = plan.vars.map((v) => v.py).join(', ');
  const first = plan.vars[0].py;

  const weights = plan.params.map((p) => {
    const common = `name=${JSON.stringify(p.name)}, shape=(), initializer=tf.keras.initializers.Constant(self._initial[${JSON.stringify(p.py)}])`;
    return p.learnable
      ? `        self.${p.py} = self.add_weight(${common}, trainable=True, constraint=_RangeConstraint(${pyFloat(p.min)}, ${pyFloat(p.max)}))`
      : `        self.${p.py} = self.add_weight(${common}, trainable=False)`;
  });
  const castParams = plan.params.map((p) => `tf.cast(self.${p.py}, ${first}.dtype)`);

  return [
    moduleDocstring(compiled, plan, 'Keras (TensorFlow)'),
    'import tensorflow as tf',
    '',
    paramTables(plan),
    '',
    '',
    pythonFunctions(plan, 'tf'),
    '',
    '',
    SUM_TO,
    '',
    '',
    '@tf.custom_gradient',
    `def ${op}(${args}):`,
    '    def grad(dy):',
    `        input_grads = [_sum_to(dy * d, v) for d, v in zip(${fn.inputGrads}(${args}), (${varArgs},))]`,
    `        param_grads = [_sum_to(dy * d, p) for d, p in zip(${fn.paramGrads}(${args}), (${args},)[${nVars}:])]`,
    '        return input_grads + param_grads',
    '',
    `    return ${fn.forward}(${args}), grad`,
    '',
    '',
    RANGE_CONSTRAINT,
    '',
    '',
    `class ${plan.className}(tf.keras.layers.Layer):`,
    `    ${JSON.stringify(`${compiled.entry.name} as a layer: ${nVars === 1 ? 'y = layer(x)' : `o = layer([${varArgs}])`}; see the module docstring.`)}`,
    '',
    `    def __init__(self${plan.params.map((p) => `, ${p.py}=${pyFloat(p.value)}`).join('')}, **kwargs):`,
    '        super().__init__(**kwargs)',
    `        self._initial = {${plan.params.map((p) => `${JSON.stringify(p.py)}: float(${p.py})`).join(', ')}}`,
    '',
    '    def build(self, input_shape):',
    ...weights,
    '        super().build(input_shape)',
    '',
    `    def call(self, ${nVars === 1 ? first : 'inputs'}):`,
    ...(nVars === 1 ? [] : [`        ${varArgs} = inputs`]),
    `        return ${op}(${[varArgs, ...castParams].join(', ')})`,
    '',
    '    def get_config(self):',
    '        config = super().get_config()',
    '        config.update(self._initial)',
    '        return config',
    '',
  ].join('\n');
}
