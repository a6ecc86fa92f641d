// The search client is provided with the search index (see src/search/).
