const SUFFIXES: Readonly<Record<string, number>> = {
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/**
 * The value of a Kubernetes resource quantity ("500m", "1Gi", "1e3", 2), or undefined if it is not one
 * (k8s.io/apimachinery/pkg/api/resource/quantity.go: sign, digits, then a binary SI, decimal SI or exponent suffix).
 */
export function quantityValue(quantity: unknown): number | undefined {
  if (typeof quantity === 'number') return quantity;
  if (typeof quantity !== 'string') return undefined;
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|([a-zA-Z]{0,2}))$/.exec(quantity);
  if (!match) return undefined;
  const [, number, exponent, suffix = ''] = match;
  if (exponent) return Number(number + exponent);
  const factor = SUFFIXES[suffix];
  return factor === undefined ? undefined : Number(number) * factor;
}
