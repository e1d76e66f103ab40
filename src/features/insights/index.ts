// Contribution insights (issue 5): a dashboard of what the person contributed, for whom and where it went.
export { InsightsScreen } from './InsightsScreen'
export { useInsights, prefetchInsights, type InsightsState } from './useInsights'
export { chartPalette, type ChartPalette } from './palette'
