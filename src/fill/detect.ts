// Placeholder detection is shared vocabulary: it lives in the lowest layer that needs it (src/analysis, whose
// placeholder rules use it); fill and the adapters keep importing it from here.
export * from '../analysis/placeholder-detect';
