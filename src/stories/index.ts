// stories: the stage after extraction — duplicate wire copy, online story clustering,
// related posts and sections. The pipeline uses StoryEngine; the parts are exported for
// benchmarks and tests.
export { StoryEngine, DEFAULT_STORY_SETTINGS } from './engine.ts';
export type { AddResult, StoryDoc, StorySettings, StorySummary } from './engine.ts';
export { StoryClusterer, DEFAULT_CLUSTER_SETTINGS } from './cluster.ts';
export type { ClusterSettings, JoinResult } from './cluster.ts';
export { DuplicateIndex, DEFAULT_DUPLICATE_SETTINGS, AGENCY_RE } from './duplicates.ts';
export type { DuplicateSettings, DuplicateResult } from './duplicates.ts';
export { pickRelated, DEFAULT_RELATED_SETTINGS } from './related.ts';
export type { RelatedPost, RelatedSettings } from './related.ts';
export { chooseSection, labelledSection, SectionClassifier, sectionFromCategories, sectionFromLexicon, storySection, STANDARD_SECTIONS, DEFAULT_SECTION_SETTINGS } from './sections.ts';
export type { SectionReason, SectionSettings } from './sections.ts';
