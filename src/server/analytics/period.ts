// The period rule is shared with the desktop's dashboard (src/shared/domain/analytics-period.ts).
export { periodRange, type Period } from '../../shared/domain/analytics-period';
