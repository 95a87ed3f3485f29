// Confidence bounds on an error rate from counts (Wilson score interval): honest with few
// observations and with zero errors, where the plain ratio claims a certainty it does not have.

/** z for a one-sided bound at `confidence` (0.5 < confidence < 1), by Acklam's rational approximation. */
export function normalQuantile(confidence: number): number {
  const p = confidence;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

function wilson(errors: number, total: number, z: number, sign: 1 | -1): number {
  if (total <= 0) return sign === 1 ? 1 : 0;
  const rate = Math.min(1, Math.max(0, errors / total));
  const z2 = z * z;
  const center = rate + z2 / (2 * total);
  const margin = z * Math.sqrt((rate * (1 - rate)) / total + z2 / (4 * total * total));
  return Math.min(1, Math.max(0, (center + sign * margin) / (1 + z2 / total)));
}

/** Upper bound of the error rate: below it with the chosen confidence. */
export const wilsonUpper = (errors: number, total: number, z: number) => wilson(errors, total, z, 1);

/** Lower bound of the error rate: above it with the chosen confidence. */
export const wilsonLower = (errors: number, total: number, z: number) => wilson(errors, total, z, -1);
