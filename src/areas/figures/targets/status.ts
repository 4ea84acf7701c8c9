import type { Polarity } from '../indicators/types.js'

export interface Target {
  target: number
  /** How far on the wrong side of the target still counts as near it (amber); null = no amber band. */
  amberTolerance: number | null
}

export type TargetStatus = 'on_target' | 'near_target' | 'off_target' | 'no_target'

export const TARGET_STATUS_LABELS: Record<TargetStatus, string> = {
  on_target: 'On target',
  near_target: 'Near target',
  off_target: 'Off target',
  no_target: 'No target',
}

/**
 * Where a figure stands against its target, honouring the indicator's polarity:
 * - higher_better: on target at or above it; near within the tolerance below it; else off.
 * - lower_better: on target at or below it; near within the tolerance above it; else off.
 * - lower_better_within_range (second or subsequent CP plans): lower is better, but a figure far below
 *   the target is as much a question as one above it (plans may be ending too soon). On target from
 *   target − tolerance to the target; near within the tolerance above it, or below target − tolerance;
 *   off above target + tolerance. Without a tolerance it is read as lower_better.
 * - context (rates per 10,000): a figure to understand, not to hit, so never a status.
 * No value or no target gives no_target.
 */
export function statusAgainstTarget(
  value: number | null,
  target: Target | undefined,
  polarity: Polarity,
): TargetStatus {
  if (value === null || target === undefined || !Number.isFinite(value)) return 'no_target'
  const tolerance = target.amberTolerance ?? 0
  switch (polarity) {
    case 'context':
      return 'no_target'
    case 'higher_better':
      if (value >= target.target) return 'on_target'
      return value >= target.target - tolerance ? 'near_target' : 'off_target'
    case 'lower_better':
      if (value <= target.target) return 'on_target'
      return value <= target.target + tolerance ? 'near_target' : 'off_target'
    case 'lower_better_within_range':
      if (value > target.target + tolerance) return 'off_target'
      if (value > target.target) return 'near_target'
      if (target.amberTolerance !== null && value < target.target - target.amberTolerance) return 'near_target'
      return 'on_target'
  }
}
