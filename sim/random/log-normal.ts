// Latency distributions are given as p50/p95, the way providers and status pages publish them.
// A log-normal with median p50 and 95th percentile p95 has mu = ln(p50), sigma = ln(p95/p50) / z95.

const z95 = 1.6448536269514722;

export interface Quantiles {
  p50: number;
  p95: number;
}

export interface LogNormal {
  readonly mu: number;
  readonly sigma: number;
  /** Inverse CDF: the value at quantile u in (0, 1). */
  quantile(u: number): number;
}

export function logNormalFromQuantiles({ p50, p95 }: Quantiles): LogNormal {
  if (!(p50 > 0) || !(p95 >= p50)) {
    throw new RangeError(`log-normal needs 0 < p50 <= p95, got p50=${p50} p95=${p95}`);
  }
  const mu = Math.log(p50);
  const sigma = Math.log(p95 / p50) / z95;
  return { mu, sigma, quantile: (u) => Math.exp(mu + sigma * inverseStandardNormal(u)) };
}

/** Acklam's rational approximation of the standard normal inverse CDF (relative error < 1.2e-9). */
export function inverseStandardNormal(u: number): number {
  const p = Math.min(Math.max(u, 1e-12), 1 - 1e-12);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}
