package org.enterprisebrain.analytics.sink;

/**
 * One result document. The id is derived from what the result is about (kind, plant, equipment, period),
 * never from when it was computed, so a replay or a retry overwrites instead of duplicating.
 */
public record EsDocument(String index, String id, String json) {
}
