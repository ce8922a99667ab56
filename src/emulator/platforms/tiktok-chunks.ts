// TikTok's chunk rules for FILE_UPLOAD (Content Posting API, Media Transfer Guide), as the emulator holds
// an init and its chunks to them:
// - total_chunk_count = video_size / chunk_size, rounded down;
// - each chunk at least 5 MB and at most 64 MB, except the final one, which takes the trailing bytes
//   (up to 128 MB);
// - a video under 5 MB goes whole (chunk_size = video_size); one over 64 MB must be split;
// - 1 to 1,000 chunks, uploaded in order.

const MB = 1024 * 1024;
export const TIKTOK_CHUNK = { min: 5 * MB, max: 64 * MB, finalMax: 128 * MB, maxCount: 1_000 } as const;

export type ChunkPlan = { size: number; chunkSize: number; count: number };

/** Why TikTok would refuse this plan, or null when it holds. */
export function planProblem(p: ChunkPlan): string | null {
  const { size, chunkSize, count } = p;
  if (![size, chunkSize, count].every((n) => Number.isInteger(n) && n > 0))
    return "video_size, chunk_size and total_chunk_count must be positive integers.";
  if (size < TIKTOK_CHUNK.min)
    return chunkSize === size && count === 1 ? null : "A video under 5 MB must be uploaded whole.";
  if (chunkSize < TIKTOK_CHUNK.min || chunkSize > TIKTOK_CHUNK.max)
    return "chunk_size must be at least 5 MB and at most 64 MB.";
  if (count !== Math.floor(size / chunkSize)) return "total_chunk_count must be video_size / chunk_size, rounded down.";
  if (count > TIKTOK_CHUNK.maxCount) return "A video may be sent in at most 1000 chunks.";
  if (size - (count - 1) * chunkSize > TIKTOK_CHUNK.finalMax) return "The final chunk may be at most 128 MB.";
  return null;
}

/** The byte range chunk `index` must carry: chunk_size each, the final one the rest. */
export function chunkRange(p: ChunkPlan, index: number): { first: number; end: number } {
  const first = index * p.chunkSize;
  return { first, end: index === p.count - 1 ? p.size : first + p.chunkSize };
}
