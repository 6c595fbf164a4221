import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/**
 * The dashboard's charts, drawn with Recharts (SVG). Its keyboard layer is off: each
 * chart sits in a role="img" box with a name and a summary, and its table view
 * (ChartCard) is the text alternative, so nothing inside the picture takes focus.
 */

export const colors = {
  inbound: '#2563eb',
  outbound: '#0f766e',
  held: '#15803d',
  notHeld: '#b45309',
  planned: '#6d28d9',
  cancelled: '#4b5563',
  rate: '#1d4ed8',
};

const axisTick = { fontSize: 12, fill: '#566072' };
const HEIGHT = 220;

export function VolumeBars({ data }: { data: { label: string; inbound: number; outbound: number }[] }) {
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid vertical={false} stroke="#dfe3ea" />
        <XAxis dataKey="label" tick={axisTick} interval="preserveStartEnd" minTickGap={8} />
        <YAxis allowDecimals={false} tick={axisTick} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="inbound" name="In" fill={colors.inbound} isAnimationActive={false} />
        <Bar dataKey="outbound" name="Out" fill={colors.outbound} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function CountBars({
  data,
  color,
  name,
}: {
  data: { label: string; count: number; color?: string }[];
  color: string;
  name: string;
}) {
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid vertical={false} stroke="#dfe3ea" />
        <XAxis dataKey="label" tick={axisTick} interval="preserveStartEnd" minTickGap={4} />
        <YAxis allowDecimals={false} tick={axisTick} />
        <Tooltip />
        <Bar dataKey="count" name={name} fill={color} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function RateLine({ data }: { data: { label: string; rate: number | null }[] }) {
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 12, bottom: 0, left: -16 }}>
        <CartesianGrid vertical={false} stroke="#dfe3ea" />
        <XAxis dataKey="label" tick={axisTick} interval="preserveStartEnd" minTickGap={8} />
        <YAxis domain={[0, 100]} unit="%" tick={axisTick} />
        <Tooltip formatter={(value) => `${String(value)}%`} />
        <Line
          type="monotone"
          dataKey="rate"
          name="Answer rate"
          stroke={colors.rate}
          strokeWidth={2}
          connectNulls
          dot={{ r: 2 }}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
