/** Validators kept per URL so that a re-fetch can be a conditional GET. */
export interface FetchState {
  url: string;
  etag: string | null;
  lastModified: string | null;
  /** ISO 8601 time of the last successful fetch. */
  fetchedAt: string;
}

/** Where the fetcher keeps its validators; the store implements it. */
export interface FetchStateStore {
  getFetchState(url: string): Promise<FetchState | null>;
  setFetchState(state: FetchState): Promise<void>;
}
