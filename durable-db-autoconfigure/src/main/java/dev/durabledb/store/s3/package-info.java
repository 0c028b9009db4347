/**
 * An {@link dev.durabledb.store.ObjectStore} in an S3-compatible bucket (AWS S3,
 * Cloudflare R2, MinIO).
 */
@NullMarked
package dev.durabledb.store.s3;

import org.jspecify.annotations.NullMarked;
