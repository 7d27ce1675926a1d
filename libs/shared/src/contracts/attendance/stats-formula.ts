/**
 * The attendance percentage, shared by the service (alerts, reports) and the web app (previews).
 * (present + late) / (total − excused) when excused sessions leave the denominator, else (present + late) / total.
 * Null when there is nothing to divide by: no sessions yet, or every session excused. Rounded to 0.1.
 */
export function attendancePercentage(
  counts: { present: number; late: number; absent: number; excused: number },
  excusedLeavesDenominator = true,
): number | null {
  const total = counts.present + counts.late + counts.absent + counts.excused;
  const denominator = excusedLeavesDenominator ? total - counts.excused : total;
  if (denominator <= 0) return null;
  return Math.round(((counts.present + counts.late) / denominator) * 1000) / 10;
}
