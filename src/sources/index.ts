// sources: what Newsdesk follows — OPML import/export (nested outlines as sections) and
// feed autodiscovery from any page of a site.
export { parseOpml, toOpml, OpmlError, SECTION_SEPARATOR, type OpmlOutline, type ToOpmlOptions } from './opml.ts';
export { findFeedLinks, discoverFeeds, COMMON_FEED_PATHS, type FeedLink, type DiscoveredFeed, type Get } from './discover.ts';
