package org.vigie.wiki;

import java.util.Optional;

/**
 * Where the refresher keeps the last copy of what it fetched from each wiki, with the time it was fetched.
 * {@code kind} names the content ({@code messages}, {@code siteinfo}); {@code json} is opaque to the store.
 */
public interface WikiCache {

    /** A stored copy. */
    record Cached(String json, long fetchedMillis) {
    }

    /** Replaces the stored copy of (wiki, kind). Throws {@link WikiCacheException} when the store fails. */
    void save(String wiki, String kind, String json, long fetchedMillis);

    /** The stored copy of (wiki, kind), if any. */
    Optional<Cached> load(String wiki, String kind);

    /** The store failed (I/O, SQL). Unchecked so that the port's signature stays plain; the refresher catches it. */
    final class WikiCacheException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public WikiCacheException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
