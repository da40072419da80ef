// demo: a deterministic, offline newsroom of fictional outlets for tests, benchmarks and
// `npm start` (see docs/demo.md).
export { startNewsroom, serveDemo, outletAddress, type NewsroomOptions, type RunningNewsroom, type DemoOutletInfo, type OutletFault } from './server.ts';
export { Newsroom, FLOOD_ITEMS, FLOOD_BASE, type NewsroomConfig } from './newsroom.ts';
export type { DemoArticle, DemoImage } from './article.ts';
export { eventAt, eventCatalogue, SECTIONS, KIND_NAMES, type NewsEvent, type Section } from './events.ts';
export { outletAt, BUILT_IN_OUTLETS, AGENCY_COUNT, type Outlet } from './outlets.ts';
