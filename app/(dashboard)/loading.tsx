import { StatsSkeleton } from '@/components/stats/skeletons';

export default function Loading() {
  return <StatsSkeleton />;
}
